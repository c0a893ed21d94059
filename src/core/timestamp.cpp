#include "opsctl/core/timestamp.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace opsctl {

namespace {

// Seconds since midnight, in 64 bits (the fields are 32-bit).
std::int64_t clock_seconds(std::int64_t hour, std::int64_t minute, std::int64_t second) {
    return hour * 3600 + minute * 60 + second;
}

// Days since the epoch of a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
    std::int64_t year;
    unsigned month, day, hour, minute, second;
};

Civil civil_from_epoch(std::int64_t seconds) {
    std::int64_t days = seconds / 86400;
    std::int64_t rem = seconds % 86400;
    if (rem < 0) {
        rem += 86400;
        --days;
    }
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
    return {y,
            m,
            d,
            static_cast<unsigned>(rem / 3600),
            static_cast<unsigned>(rem % 3600 / 60),
            static_cast<unsigned>(rem % 60)};
}

bool read_digits(std::string_view text, size_t& pos, size_t count, unsigned& out) {
    if (pos + count > text.size()) return false;
    out = 0;
    for (size_t i = 0; i < count; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9') return false;
        out = out * 10 + static_cast<unsigned>(c - '0');
    }
    pos += count;
    return true;
}

bool expect_char(std::string_view text, size_t& pos, char c) {
    if (pos >= text.size() || text[pos] != c) return false;
    ++pos;
    return true;
}

unsigned days_in_month(std::int64_t year, unsigned month) {
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

std::int64_t Timestamp::epoch_day() const {
    return epoch_seconds >= 0 ? epoch_seconds / 86400 : (epoch_seconds - 86399) / 86400;
}

std::optional<Timestamp> parse_timestamp(std::string_view text) {
    size_t pos = 0;
    unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!read_digits(text, pos, 4, year) || !expect_char(text, pos, '-') ||
        !read_digits(text, pos, 2, month) || !expect_char(text, pos, '-') ||
        !read_digits(text, pos, 2, day)) {
        return std::nullopt;
    }
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
        return std::nullopt;
    }
    Timestamp ts;
    ts.date_only = pos == text.size();
    if (!ts.date_only) {
        if (text[pos] != ' ' && text[pos] != 'T') return std::nullopt;
        ++pos;
        if (!read_digits(text, pos, 2, hour) || !expect_char(text, pos, ':') ||
            !read_digits(text, pos, 2, minute)) {
            return std::nullopt;
        }
        if (pos < text.size() && text[pos] == ':') {
            ++pos;
            if (!read_digits(text, pos, 2, second)) return std::nullopt;
            if (pos < text.size() && text[pos] == '.') {
                ++pos;
                const size_t digits_start = pos;
                while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
                if (pos == digits_start) return std::nullopt;
            }
        }
        if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
    }
    std::int64_t offset_seconds = 0;
    if (pos < text.size() && text[pos] == 'Z') {
        ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const int sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        unsigned off_h = 0, off_m = 0;
        if (!read_digits(text, pos, 2, off_h)) return std::nullopt;
        if (pos < text.size() && text[pos] == ':') {
            ++pos;  // "+HH:" must be followed by the minutes
            if (!read_digits(text, pos, 2, off_m)) return std::nullopt;
        } else if (pos < text.size() && !read_digits(text, pos, 2, off_m)) {
            return std::nullopt;
        }
        if (off_h > 23 || off_m > 59) return std::nullopt;
        offset_seconds = sign * clock_seconds(off_h, off_m, 0);
    }
    if (pos != text.size()) return std::nullopt;
    ts.epoch_seconds = days_from_civil(year, month, day) * 86400 +
                       clock_seconds(hour, minute, second) - offset_seconds;
    return ts;
}

Timestamp now_utc() {
    const auto now = std::chrono::system_clock::now();
    return {std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count(),
            false};
}

Timestamp add_months(const Timestamp& ts, std::int64_t months) {
    const Civil c = civil_from_epoch(ts.epoch_seconds);
    const std::int64_t month_index = c.year * 12 + (c.month - 1) + months;
    const std::int64_t year = month_index >= 0 ? month_index / 12 : (month_index - 11) / 12;
    const auto month = static_cast<unsigned>(month_index - year * 12 + 1);
    const unsigned day = std::min(c.day, days_in_month(year, month));
    return {days_from_civil(year, month, day) * 86400 + clock_seconds(c.hour, c.minute, c.second),
            ts.date_only};
}

Timestamp truncate_to(const Timestamp& ts, const std::string& part) {
    const Civil c = civil_from_epoch(ts.epoch_seconds);
    const std::int64_t day_start = days_from_civil(c.year, c.month, c.day) * 86400;
    Timestamp out = ts;
    if (part == "year") {
        out.epoch_seconds = days_from_civil(c.year, 1, 1) * 86400;
    } else if (part == "quarter") {
        out.epoch_seconds = days_from_civil(c.year, (c.month - 1) / 3 * 3 + 1, 1) * 86400;
    } else if (part == "month") {
        out.epoch_seconds = days_from_civil(c.year, c.month, 1) * 86400;
    } else if (part == "week") {
        // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday = 0.
        const std::int64_t days = day_start / 86400;
        const std::int64_t weekday = ((days % 7) + 7 + 3) % 7;
        out.epoch_seconds = (days - weekday) * 86400;
    } else if (part == "day") {
        out.epoch_seconds = day_start;
    } else if (part == "hour") {
        out.epoch_seconds = day_start + clock_seconds(c.hour, 0, 0);
    } else if (part == "minute") {
        out.epoch_seconds = day_start + clock_seconds(c.hour, c.minute, 0);
    }
    return out;
}

std::string format_date(const Timestamp& ts) {
    const Civil c = civil_from_epoch(ts.epoch_seconds);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", static_cast<long long>(c.year),
                  c.month, c.day);
    return buffer;
}

std::string format_timestamp(const Timestamp& ts) {
    const Civil c = civil_from_epoch(ts.epoch_seconds);
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u %02u:%02u:%02u",
                  static_cast<long long>(c.year), c.month, c.day, c.hour, c.minute, c.second);
    return buffer;
}

std::string format_iso8601(const Timestamp& ts) {
    std::string text = format_timestamp(ts);
    text[10] = 'T';
    return text + "Z";
}

}  // namespace opsctl
