# mdm_test(NAME name SOURCES a.cc b.cc DEPS lib...)
# Declares a GoogleTest binary beside the code it tests and registers it with
# CTest as one test. Test binaries land in build/tests, not build/bin.
function(mdm_test)
  cmake_parse_arguments(T "" "NAME" "SOURCES;DEPS;LABELS" ${ARGN})
  if(NOT MDM_BUILD_TESTS)
    return()
  endif()
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_DEPS} mdm::testing GTest::gmock
                        GTest::gtest)
  set_target_properties(${T_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY
                                             ${CMAKE_BINARY_DIR}/tests)
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  set_tests_properties(${T_NAME} PROPERTIES
    ENVIRONMENT "MDM_DATASETS=${MDM_DATASETS_DIR};MDM_BIN=${CMAKE_BINARY_DIR}/bin;MDM_SOURCE_DIR=${CMAKE_SOURCE_DIR}"
    LABELS "unit;${T_LABELS}")
endfunction()

# mdm_benchmark(NAME name SOURCES a.cc DEPS lib...)
# Declares a Google Benchmark program; benchmarks are run by hand, never by CTest.
function(mdm_benchmark)
  cmake_parse_arguments(B "" "NAME" "SOURCES;DEPS" ${ARGN})
  if(NOT MDM_BUILD_BENCHMARKS)
    return()
  endif()
  add_executable(${B_NAME} ${B_SOURCES})
  target_link_libraries(${B_NAME} PRIVATE ${B_DEPS} benchmark::benchmark)
  set_target_properties(${B_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY
                                             ${CMAKE_BINARY_DIR}/benchmarks)
endfunction()
