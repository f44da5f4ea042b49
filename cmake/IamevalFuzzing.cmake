# libFuzzer support (IAMEVAL_BUILD_FUZZERS=ON). Included from the top-level CMakeLists.txt
# before the library is added: the library itself must carry coverage instrumentation
# (-fsanitize=fuzzer-no-link) for the fuzzers to see inside it, and the same sanitizers as the
# fuzz targets so that a bad read inside the library is caught where it happens.
if(NOT IAMEVAL_BUILD_FUZZERS)
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(STATUS "IAMEVAL_BUILD_FUZZERS ignored: libFuzzer needs clang "
                 "(configure with -DCMAKE_CXX_COMPILER=clang++); compiler is ${CMAKE_CXX_COMPILER_ID}")
  set(IAMEVAL_FUZZERS_ENABLED OFF)
  return()
endif()
if(IAMEVAL_SANITIZE)
  message(FATAL_ERROR "IAMEVAL_BUILD_FUZZERS sets its own sanitizers; leave IAMEVAL_SANITIZE empty")
endif()
set(IAMEVAL_FUZZERS_ENABLED ON)
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                    -fno-sanitize-recover=all -g)
add_link_options(-fsanitize=address,undefined)
