#pragma once
// Exact comparison of decimal numbers written as text. A warehouse's NUMERIC can
// hold more digits than a double: "360.0000000000000000001" is above 360 although
// both become the same double, and reading it as "not above" would be a wrong pass.

#include <optional>
#include <string_view>

namespace opsctl {

// -1, 0 or 1 as a <, =, > b, for plain decimals ("-12.50", "360", ".5"); nullopt
// when either is not one (exponents, NaN, infinities, junk).
std::optional<int> compare_decimal_text(std::string_view a, std::string_view b);

}  // namespace opsctl
