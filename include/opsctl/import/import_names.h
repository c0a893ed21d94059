#pragma once
// Names of the runbook format (`a-z`, `0-9`, `-`) made from a document's titles, and
// kept unique where the format needs them unique.

#include <set>
#include <string>
#include <string_view>

namespace opsctl {

// "Verify data freshness" -> "verify-data-freshness"; words of `dropped` (lower case,
// space-separated) left out unless nothing else is left; at most `max_length`
// characters, cut at a '-'; `fallback` when nothing is left.
std::string slug_of(std::string_view title, std::string_view fallback, size_t max_length = 48,
                    std::string_view dropped = "");

// `name`, or `name-2`, `name-3`, ... the first one not in `taken`, which it joins.
std::string unique_name(const std::string& name, std::set<std::string>& taken);

}  // namespace opsctl
