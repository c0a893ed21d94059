# Instrumented builds, for every target (product, tests, fuzzers) alike:
#   OPSCTL_SANITIZE=ON  AddressSanitizer + UndefinedBehaviorSanitizer (gcc or clang);
#                       scripts/test-sanitized runs the whole suite this way.
#   OPSCTL_FUZZ=ON      clang only: the same sanitizers plus libFuzzer's coverage, and
#                       the tests/fuzz targets linked with libFuzzer (scripts/fuzz).
# -fno-sanitize-recover makes the first finding end the process, so no test passes
# past undefined behaviour.
option(OPSCTL_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(OPSCTL_FUZZ "Build the libFuzzer targets of tests/fuzz (needs clang)" OFF)

set(opsctl_sanitizers "address,undefined")
if(OPSCTL_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "OPSCTL_FUZZ needs clang (CXX=clang++), found ${CMAKE_CXX_COMPILER_ID}")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,${opsctl_sanitizers})
endif()
if(OPSCTL_SANITIZE AND NOT OPSCTL_FUZZ)
  add_compile_options(-fsanitize=${opsctl_sanitizers})
endif()
if(OPSCTL_SANITIZE OR OPSCTL_FUZZ)
  add_compile_options(-fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${opsctl_sanitizers})
endif()
