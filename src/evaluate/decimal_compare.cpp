#include "opsctl/evaluate/decimal_compare.h"

#include <algorithm>
#include <cstddef>
#include <string>

#include "opsctl/core/decimal_text.h"

namespace opsctl {

namespace {

using Decimal = DecimalText;

// Exponents beyond this many digits are not compared exactly (nullopt).
constexpr size_t kMaxExponentDigits = 15;

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
    const auto x = parse_decimal_text(a, kMaxExponentDigits);
    const auto y = parse_decimal_text(b, kMaxExponentDigits);
    if (!x || !y) return std::nullopt;
    if (x->negative != y->negative) return x->negative ? -1 : 1;
    const int magnitude = compare_magnitude(*x, *y);
    return x->negative ? -magnitude : magnitude;
}

}  // namespace opsctl
