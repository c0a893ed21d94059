#include "opsctl/core/display_value.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <optional>

#include "opsctl/core/decimal_text.h"
#include "opsctl/core/timestamp.h"

namespace opsctl {

namespace {

// Exponents past this are shown as written: no person reads 10^40 digits.
constexpr std::int64_t kMaxPlainExponent = 40;
// Below 10^-5 a number is shown in exponent form.
constexpr std::int64_t kSmallestPlainPoint = -4;

// Beyond 6 exponent digits a text is not shown as a number.
constexpr std::size_t kMaxExponentDigits = 6;

using Decimal = DecimalText;

std::optional<Decimal> parse(std::string_view text) {
    return parse_decimal_text(text, kMaxExponentDigits);
}

// `d` rounded half away from zero to `places` decimals.
Decimal rounded(Decimal d, std::int64_t places) {
    const std::int64_t keep = d.point + places;
    if (keep >= static_cast<std::int64_t>(d.digits.size())) return d;
    const bool up = keep >= 0 && d.digits[static_cast<size_t>(keep)] >= '5';
    d.digits.resize(keep > 0 ? static_cast<size_t>(keep) : 0);
    if (up) {
        size_t i = d.digits.size();
        while (i > 0 && d.digits[i - 1] == '9') d.digits[--i] = '0';
        if (i == 0) {
            d.digits.insert(d.digits.begin(), '1');
            ++d.point;
        } else {
            ++d.digits[i - 1];
        }
    }
    d.digits.erase(d.digits.find_last_not_of('0') + 1);
    if (d.digits.empty()) d.negative = false;  // no "-0"
    return d;
}

std::string plain(const Decimal& d) {
    if (d.digits.empty()) return "0";
    std::string out = d.negative ? "-" : "";
    const auto size = static_cast<std::int64_t>(d.digits.size());
    if (d.point <= 0) {
        out += "0." + std::string(static_cast<size_t>(-d.point), '0') + d.digits;
    } else if (d.point >= size) {
        out += d.digits + std::string(static_cast<size_t>(d.point - size), '0');
    } else {
        out += d.digits.substr(0, static_cast<size_t>(d.point)) + "." +
               d.digits.substr(static_cast<size_t>(d.point));
    }
    return out;
}

std::string scientific(const Decimal& d) {
    std::string out = d.negative ? "-" : "";
    out += d.digits.substr(0, 1);
    if (d.digits.size() > 1) out += "." + d.digits.substr(1);
    return out + "e" + std::to_string(d.point - 1);
}

// The decimals a person needs: 2, or 2 significant digits below 1.
std::int64_t display_places(const Decimal& d) {
    return d.point >= 1 ? 2 : 2 - d.point;
}

std::string shown(const Decimal& d) {
    if (!d.digits.empty() && d.point < kSmallestPlainPoint) return scientific(d);
    return plain(d);
}

int order_of(const Decimal& a, const Decimal& b) {
    const auto sign = [](const Decimal& d) { return d.digits.empty() ? 0 : d.negative ? -1 : 1; };
    if (sign(a) != sign(b)) return sign(a) < sign(b) ? -1 : 1;
    if (sign(a) == 0) return 0;
    int magnitude = 0;
    if (a.point != b.point) {
        magnitude = a.point < b.point ? -1 : 1;
    } else {
        const int c = a.digits.compare(b.digits);
        magnitude = c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    return a.negative ? -magnitude : magnitude;
}

bool too_large(const Decimal& d) {
    return d.point > kMaxPlainExponent || d.point < -kMaxPlainExponent;
}

}  // namespace

std::string display_number(std::string_view text) {
    const auto d = parse(text);
    if (!d) return std::string(text);
    if (d->digits.empty()) return "0";
    if (d->integer_form) return std::string(text.front() == '+' ? text.substr(1) : text);
    if (too_large(*d)) return std::string(text);
    return shown(rounded(*d, display_places(*d)));
}

std::string display_number_against(std::string_view value, std::string_view threshold) {
    const auto v = parse(value);
    const auto t = parse(threshold);
    if (!v || !t || too_large(*v)) return display_number(value);
    const int order = order_of(*v, *t);
    const std::int64_t most = static_cast<std::int64_t>(v->digits.size()) - v->point;
    for (std::int64_t places = display_places(*v); places <= most; ++places) {
        const Decimal r = rounded(*v, places);
        if (order_of(r, *t) == order) return shown(r);
    }
    return shown(*v);
}

std::string display_timestamp(std::string_view text) {
    const auto when = parse_timestamp(text);
    if (!when) return std::string(text);
    const std::int64_t seconds_of_day = when->epoch_seconds - when->epoch_day() * 86400;
    if (when->date_only || seconds_of_day == 0) return format_date(*when);
    std::string out = format_timestamp(*when);  // "2026-12-02 08:00:00"
    if (seconds_of_day % 60 == 0) out.resize(out.size() - 3);
    return out + " UTC";
}

std::string display_value(std::string_view text) {
    if (parse(text)) return display_number(text);
    return display_timestamp(text);
}

namespace {

// `duration` in at most `units` units, from the largest one it has.
std::string age_in_units(Duration duration, size_t units) {
    const auto count = std::chrono::duration_cast<std::chrono::seconds>(duration).count();
    const std::int64_t seconds = std::llabs(count);
    const std::int64_t parts[] = {seconds / 86400, seconds % 86400 / 3600, seconds % 3600 / 60,
                                  seconds % 60};
    const char* names[] = {"d", "h", "m", "s"};
    size_t first = 0;
    while (first < 3 && parts[first] == 0) ++first;
    size_t last = std::min<size_t>(first + units, 4);
    while (last > first + 1 && parts[last - 1] == 0) --last;  // "2d", not "2d 0h"
    std::string out = count < 0 ? "-" : "";
    for (size_t i = first; i < last; ++i) {
        out += (i > first ? " " : "") + std::to_string(parts[i]) + names[i];
    }
    return out;
}

Duration whole_seconds(Duration d) {
    return std::chrono::duration_cast<std::chrono::seconds>(d);
}

// The duration that `age_in_units` shows.
Duration shown_age(Duration duration, size_t units) {
    const std::int64_t unit_seconds[] = {86400, 3600, 60, 1};
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(duration).count();
    size_t first = 0;
    while (first < 3 && std::llabs(seconds) < unit_seconds[first]) ++first;
    const std::int64_t step = unit_seconds[std::min<size_t>(first + units, 4) - 1];
    return std::chrono::seconds(seconds / step * step);
}

}  // namespace

std::string display_age(Duration duration) {
    return age_in_units(duration, 2);
}

std::string display_age_beyond(Duration age, Duration limit) {
    for (size_t units = 2; units < 4; ++units) {
        if (shown_age(age, units) > limit) return age_in_units(age, units);
    }
    return age_in_units(whole_seconds(age), 4);
}

std::string count_of(size_t count, std::string_view singular, std::string_view plural) {
    return std::to_string(count) + " " + std::string(count == 1 ? singular : plural);
}

}  // namespace opsctl
