# cmake -P script behind the CTest test cpp_consumer_find_package: install the already built
# iameval tree into a fresh prefix, then configure, build and run tests/cpp_consumer against it.
#
# Inputs (-D): IAMEVAL_BINARY_DIR (the main build tree), CONSUMER_SOURCE_DIR, WORK_DIR,
# GENERATOR, CXX_COMPILER, BUILD_TYPE.
foreach(var IAMEVAL_BINARY_DIR CONSUMER_SOURCE_DIR WORK_DIR GENERATOR CXX_COMPILER)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_consumer_test.cmake: -D${var}=... is required")
  endif()
endforeach()
if(NOT BUILD_TYPE)
  set(BUILD_TYPE Release)
endif()

set(prefix "${WORK_DIR}/prefix")
set(build "${WORK_DIR}/build")
# Fresh each run, so a stale install can never make the test pass.
file(REMOVE_RECURSE "${prefix}" "${build}")

function(run step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "cpp_consumer: ${step} failed (${result}): ${ARGN}")
  endif()
endfunction()

run(install "${CMAKE_COMMAND}" --install "${IAMEVAL_BINARY_DIR}" --prefix "${prefix}"
    --config "${BUILD_TYPE}")
# CMAKE_PREFIX_PATH is searched before the system paths: the consumer finds the fresh install
# (whatever its libdir), and abseil/RE2/nlohmann_json on the system.
run(configure "${CMAKE_COMMAND}" -S "${CONSUMER_SOURCE_DIR}" -B "${build}" -G "${GENERATOR}"
    "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}"
    "-DCMAKE_PREFIX_PATH=${prefix}")
run(build "${CMAKE_COMMAND}" --build "${build}" --config "${BUILD_TYPE}")
run(run "${build}/consumer")
