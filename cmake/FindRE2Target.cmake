# Debian 12's RE2 ships only re2.pc (no CMake config). Newer platforms ship a config.
# Either way, define the imported target re2::re2. Installed next to iamevalConfig.cmake
# so that find_package(iameval) consumers resolve re2::re2 too.
if(NOT TARGET re2::re2)
  find_package(re2 CONFIG QUIET)
endif()
if(NOT TARGET re2::re2)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(IAMEVAL_RE2 REQUIRED IMPORTED_TARGET GLOBAL re2)
  add_library(re2::re2 INTERFACE IMPORTED GLOBAL)
  target_link_libraries(re2::re2 INTERFACE PkgConfig::IAMEVAL_RE2)
endif()
