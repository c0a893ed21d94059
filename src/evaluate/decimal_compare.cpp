#include "opsctl/evaluate/decimal_compare.h"

#include <cstdint>
#include <string>

namespace opsctl {

namespace {

// A decimal as sign, significant digits and the place of the decimal point:
// value = 0.<digits> x 10^point, with no leading or trailing zero in `digits`
// (zero has no digits). "360.5" -> digits "3605", point 3; "1e400" -> "1", 401.
struct Decimal {
    bool negative = false;
    std::string digits;
    std::int64_t point = 0;
};

// Exponents beyond this many digits are not compared exactly (nullopt).
constexpr size_t kMaxExponentDigits = 15;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::optional<Decimal> parse_decimal(std::string_view text) {
    Decimal d;
    size_t i = 0;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) d.negative = text[i++] == '-';
    const size_t integer_start = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    const std::string_view integer = text.substr(integer_start, i - integer_start);
    std::string_view fraction;
    if (i < text.size() && text[i] == '.') {
        const size_t fraction_start = ++i;
        while (i < text.size() && is_digit(text[i])) ++i;
        fraction = text.substr(fraction_start, i - fraction_start);
    }
    if (integer.empty() && fraction.empty()) return std::nullopt;
    std::int64_t exponent = 0;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool negative_exponent = false;
        if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
            negative_exponent = text[i++] == '-';
        }
        const size_t exponent_start = i;
        while (i < text.size() && is_digit(text[i])) ++i;
        const size_t length = i - exponent_start;
        if (length == 0 || length > kMaxExponentDigits) return std::nullopt;
        for (size_t k = exponent_start; k < i; ++k) exponent = exponent * 10 + (text[k] - '0');
        if (negative_exponent) exponent = -exponent;
    }
    if (i != text.size()) return std::nullopt;

    d.digits.reserve(integer.size() + fraction.size());
    d.digits.append(integer);
    d.digits.append(fraction);
    d.point = static_cast<std::int64_t>(integer.size()) + exponent;
    const size_t leading = d.digits.find_first_not_of('0');
    if (leading == std::string::npos) {
        d.digits.clear();  // zero, whatever its sign and exponent
        d.negative = false;
        d.point = 0;
        return d;
    }
    d.digits.erase(0, leading);
    d.point -= static_cast<std::int64_t>(leading);
    d.digits.erase(d.digits.find_last_not_of('0') + 1);
    return d;
}

int compare_magnitude(const Decimal& a, const Decimal& b) {
    if (a.digits.empty() || b.digits.empty()) {
        return a.digits.empty() == b.digits.empty() ? 0 : a.digits.empty() ? -1 : 1;
    }
    if (a.point != b.point) return a.point < b.point ? -1 : 1;
    // Same order of magnitude: digit by digit, a missing digit being a zero.
    const size_t length = std::max(a.digits.size(), b.digits.size());
    for (size_t k = 0; k < length; ++k) {
        const char x = k < a.digits.size() ? a.digits[k] : '0';
        const char y = k < b.digits.size() ? b.digits[k] : '0';
        if (x != y) return x < y ? -1 : 1;
    }
    return 0;
}

}  // namespace

std::optional<int> compare_decimal_text(std::string_view a, std::string_view b) {
    const auto x = parse_decimal(a);
    const auto y = parse_decimal(b);
    if (!x || !y) return std::nullopt;
    if (x->negative != y->negative) return x->negative ? -1 : 1;
    const int magnitude = compare_magnitude(*x, *y);
    return x->negative ? -magnitude : magnitude;
}

}  // namespace opsctl
