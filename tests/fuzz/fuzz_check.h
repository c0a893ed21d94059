#pragma once
// What a fuzz target asserts beyond "no crash": a broken property aborts, so that
// libFuzzer (and the replay program under ctest) reports the input that broke it.

#include <cstdio>
#include <cstdlib>

namespace opsctl::fuzz {

inline void require(bool holds, const char* property) {
    if (holds) return;
    std::fprintf(stderr, "fuzz property broken: %s\n", property);
    std::abort();
}

}  // namespace opsctl::fuzz
