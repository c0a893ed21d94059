#pragma once
// UTC instants: opsctl works in UTC throughout (the as-of time, the stand-in data,
// the PostgreSQL session time zone), so that a run is reproducible anywhere.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace opsctl {

struct Timestamp {
    std::int64_t epoch_seconds = 0;  // seconds since 1970-01-01 00:00:00 UTC
    bool date_only = false;          // parsed from "YYYY-MM-DD" without a time

    std::int64_t epoch_day() const;  // whole days since 1970-01-01 (floor)
};

// Accepts "YYYY-MM-DD", "YYYY-MM-DD HH:MM", "YYYY-MM-DD HH:MM:SS[.fff]" with a space
// or "T", and an optional "Z", "+HH", "+HH:MM" or "+HHMM" offset (default UTC).
std::optional<Timestamp> parse_timestamp(std::string_view text);

Timestamp now_utc();

// Calendar arithmetic in UTC, for DATEADD and DATE_TRUNC.
// Adding months clamps the day to the end of the target month (Jan 31 + 1 month =
// Feb 28/29), as Snowflake does.
Timestamp add_months(const Timestamp& ts, std::int64_t months);
// Truncates to the start of the "year", "quarter", "month", "week" (Monday), "day",
// "hour", "minute" or "second" that holds it.
Timestamp truncate_to(const Timestamp& ts, const std::string& part);

std::string format_date(const Timestamp& ts);       // "2026-11-26"
std::string format_timestamp(const Timestamp& ts);  // "2026-11-26 08:00:00"
std::string format_iso8601(const Timestamp& ts);    // "2026-11-26T08:00:00Z"

}  // namespace opsctl
