#pragma once
// Case folding of ASCII letters only. Engines fold unquoted identifiers this way
// (Snowflake to upper case, PostgreSQL to lower case), and producers' status words
// are ASCII; other bytes, UTF-8 included, compare as they are.

#include <string>
#include <string_view>

namespace opsctl {

std::string ascii_lower(std::string_view text);

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b);

}  // namespace opsctl
