#include "opsctl/evaluate/decimal_compare.h"

#include <string>

namespace opsctl {

namespace {

struct Decimal {
    bool negative = false;
    std::string integer;   // without leading zeros
    std::string fraction;  // without trailing zeros
};

std::optional<Decimal> parse_plain(std::string_view text) {
    Decimal d;
    size_t i = 0;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) d.negative = text[i++] == '-';
    const size_t integer_start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    d.integer = std::string(text.substr(integer_start, i - integer_start));
    if (i < text.size() && text[i] == '.') {
        const size_t fraction_start = ++i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
        d.fraction = std::string(text.substr(fraction_start, i - fraction_start));
    }
    if (i != text.size() || (d.integer.empty() && d.fraction.empty())) return std::nullopt;
    d.integer.erase(0, d.integer.find_first_not_of('0') == std::string::npos
                           ? d.integer.size()
                           : d.integer.find_first_not_of('0'));
    while (!d.fraction.empty() && d.fraction.back() == '0') d.fraction.pop_back();
    if (d.integer.empty() && d.fraction.empty()) d.negative = false;  // -0 == 0
    return d;
}

int compare_magnitude(const Decimal& a, const Decimal& b) {
    if (a.integer.size() != b.integer.size()) return a.integer.size() < b.integer.size() ? -1 : 1;
    if (const int c = a.integer.compare(b.integer); c != 0) return c < 0 ? -1 : 1;
    const size_t length = std::max(a.fraction.size(), b.fraction.size());
    const std::string fa = a.fraction + std::string(length - a.fraction.size(), '0');
    const std::string fb = b.fraction + std::string(length - b.fraction.size(), '0');
    const int c = fa.compare(fb);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
}

}  // namespace

std::optional<int> compare_decimal_text(std::string_view a, std::string_view b) {
    const auto x = parse_plain(a);
    const auto y = parse_plain(b);
    if (!x || !y) return std::nullopt;
    if (x->negative != y->negative) return x->negative ? -1 : 1;
    const int magnitude = compare_magnitude(*x, *y);
    return x->negative ? -magnitude : magnitude;
}

}  // namespace opsctl
