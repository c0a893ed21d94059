#pragma once
// A short hash of a text that is the same in every run and build (FNV-1a 64-bit),
// unlike std::hash: for file names and identities kept across runs.

#include <string>

namespace opsctl {

// The hash's first `digits` hexadecimal digits (at most 16).
std::string stable_hash(const std::string& text, size_t digits = 8);

}  // namespace opsctl
