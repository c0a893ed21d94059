#pragma once
// A decimal number written as text ("-12.50", ".5", "1e400", "4.2E-7") read into its
// sign, significant digits and the place of its point, without rounding: what the
// exact comparison of thresholds and the display of numbers both start from.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace opsctl {

// value = 0.<digits> x 10^point, with no leading or trailing zero in `digits`.
// "360.5" -> digits "3605", point 3; "1e400" -> "1", 401. Zero has no digits, is not
// negative and has point 0.
struct DecimalText {
    bool negative = false;
    std::string digits;
    std::int64_t point = 0;
    bool integer_form = false;  // written without '.' or exponent
};

// nullopt when `text` is not such a decimal (NaN, infinities, junk) or its exponent has
// more than `max_exponent_digits` digits.
std::optional<DecimalText> parse_decimal_text(std::string_view text,
                                              std::size_t max_exponent_digits);

}  // namespace opsctl
