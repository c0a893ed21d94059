#include "opsctl/core/decimal_text.h"

namespace opsctl {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// The digits from `i` on; `i` ends after them.
std::string_view digits_at(std::string_view text, std::size_t& i) {
    const std::size_t start = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    return text.substr(start, i - start);
}

// Leading and trailing zeros off the digits, the point moved with the leading ones.
void normalise(DecimalText& d) {
    const std::size_t leading = d.digits.find_first_not_of('0');
    if (leading == std::string::npos) {
        d.digits.clear();  // zero, whatever its sign and exponent
        d.negative = false;
        d.point = 0;
        return;
    }
    d.digits.erase(0, leading);
    d.point -= static_cast<std::int64_t>(leading);
    d.digits.erase(d.digits.find_last_not_of('0') + 1);
}

}  // namespace

std::optional<DecimalText> parse_decimal_text(std::string_view text,
                                              std::size_t max_exponent_digits) {
    DecimalText d;
    std::size_t i = 0;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) d.negative = text[i++] == '-';
    const std::string_view integer = digits_at(text, i);
    std::string_view fraction;
    const bool has_point = i < text.size() && text[i] == '.';
    if (has_point) fraction = digits_at(text, ++i);
    if (integer.empty() && fraction.empty()) return std::nullopt;
    std::int64_t exponent = 0;
    const bool has_exponent = i < text.size() && (text[i] == 'e' || text[i] == 'E');
    if (has_exponent) {
        ++i;
        bool negative_exponent = false;
        if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
            negative_exponent = text[i++] == '-';
        }
        const std::string_view written = digits_at(text, i);
        if (written.empty() || written.size() > max_exponent_digits) return std::nullopt;
        for (const char c : written) exponent = exponent * 10 + (c - '0');
        if (negative_exponent) exponent = -exponent;
    }
    if (i != text.size()) return std::nullopt;

    d.integer_form = !has_point && !has_exponent;
    d.digits.reserve(integer.size() + fraction.size());
    d.digits.append(integer);
    d.digits.append(fraction);
    d.point = static_cast<std::int64_t>(integer.size()) + exponent;
    normalise(d);
    return d;
}

}  // namespace opsctl
