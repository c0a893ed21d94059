# One INTERFACE target carries the warning flags, for the product and the tests alike.
add_library(opsctl_warnings INTERFACE)
target_compile_options(opsctl_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                                 -Wno-sign-conversion)
