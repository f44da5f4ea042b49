# Installs headers, the static library and a package config so that another CMake
# project can `find_package(iameval CONFIG REQUIRED)` and link `iameval::iameval`.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(IAMEVAL_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/iameval")

install(TARGETS iameval EXPORT iamevalTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY cpp/include/iameval DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT iamevalTargets NAMESPACE iameval:: DESTINATION ${IAMEVAL_CMAKE_DIR})

configure_package_config_file(cmake/iamevalConfig.cmake.in
  "${CMAKE_CURRENT_BINARY_DIR}/iamevalConfig.cmake"
  INSTALL_DESTINATION ${IAMEVAL_CMAKE_DIR})
write_basic_package_version_file("${CMAKE_CURRENT_BINARY_DIR}/iamevalConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/iamevalConfig.cmake"
              "${CMAKE_CURRENT_BINARY_DIR}/iamevalConfigVersion.cmake"
              cmake/FindRE2Target.cmake
        DESTINATION ${IAMEVAL_CMAKE_DIR})
