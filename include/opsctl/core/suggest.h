#pragma once
// "Did you mean ...?" for unknown keys, commands, runbooks, steps and variables.

#include <string>
#include <string_view>
#include <vector>

namespace opsctl {

// The candidate closest to `word` by edit distance, if it is close enough to be a
// plausible typo; empty otherwise.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean \"x\"?)" or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace opsctl
