#pragma once
// Exact comparison of decimal numbers written as text. A warehouse's NUMERIC can
// hold more digits than a double: "360.0000000000000000001" is above 360 although
// both become the same double, and reading it as "not above" would be a wrong pass.

#include <optional>
#include <string_view>

namespace opsctl {

// -1, 0 or 1 as a <, =, > b, for decimals with an optional exponent ("-12.50",
// "360", ".5", "1e400", "4.2E-7"), however many digits; nullopt when either is not one
// (NaN, infinities, junk, an exponent of more than 15 digits).
std::optional<int> compare_decimal_text(std::string_view a, std::string_view b);

}  // namespace opsctl
