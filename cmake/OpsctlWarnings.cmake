# One INTERFACE target carries the warning flags, for the product and the tests alike.
add_library(opsctl_warnings INTERFACE)
target_compile_options(opsctl_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                                 -Wno-sign-conversion)

# CI builds with OPSCTL_WERROR=ON (.ci/run): a new warning fails the change.
option(OPSCTL_WERROR "Treat warnings as errors" OFF)
if(OPSCTL_WERROR)
  target_compile_options(opsctl_warnings INTERFACE -Werror)
endif()

# `cmake --build build --target check_format`: every C++ file as .clang-format says,
# or the list of those that are not (clang-format --dry-run -Werror). .ci/run runs it.
find_program(OPSCTL_CLANG_FORMAT clang-format)
if(OPSCTL_CLANG_FORMAT)
  file(GLOB_RECURSE opsctl_format_sources CONFIGURE_DEPENDS
       "${PROJECT_SOURCE_DIR}/src/*.cpp" "${PROJECT_SOURCE_DIR}/include/*.h"
       "${PROJECT_SOURCE_DIR}/tests/*.cpp" "${PROJECT_SOURCE_DIR}/tests/*.h"
       "${PROJECT_SOURCE_DIR}/bench/*.cpp")
  add_custom_target(check_format
    COMMAND ${OPSCTL_CLANG_FORMAT} --dry-run -Werror ${opsctl_format_sources}
    WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
    COMMENT "Checking the format of the C++ sources (.clang-format)"
    VERBATIM)
endif()
