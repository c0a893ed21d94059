// parse_timestamp, format_*, add_months and truncate_to: UTC calendar arithmetic.

#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include "opsctl/core/timestamp.h"

using opsctl::add_months;
using opsctl::format_date;
using opsctl::format_iso8601;
using opsctl::format_timestamp;
using opsctl::parse_timestamp;
using opsctl::Timestamp;
using opsctl::truncate_to;

namespace {

constexpr std::int64_t kDay = 86400;
// 2026-11-26 08:00:00 UTC, a Thursday.
constexpr std::int64_t kAsOfEpoch = 1795680000;

Timestamp ts(const std::string& text) {
    const auto parsed = parse_timestamp(text);
    INFO("parsing \"" << text << "\"");
    REQUIRE(parsed.has_value());
    return *parsed;
}

std::string shown(const Timestamp& t) {
    return format_timestamp(t);
}

}  // namespace

TEST_CASE("parse_timestamp: a date alone is midnight UTC and marked date_only", "[timestamp]") {
    const Timestamp epoch = ts("1970-01-01");
    CHECK(epoch.epoch_seconds == 0);
    CHECK(epoch.date_only);

    const Timestamp day = ts("2026-11-26");
    CHECK(day.epoch_seconds == kAsOfEpoch - 8 * 3600);
    CHECK(day.date_only);
    CHECK(day.epoch_day() == 20783);
    CHECK(ts("2000-01-01").epoch_seconds == 946684800);
}

TEST_CASE("parse_timestamp: times with a space or T, with and without seconds", "[timestamp]") {
    for (const char* text :
         {"2026-11-26 08:00:00", "2026-11-26T08:00:00", "2026-11-26 08:00", "2026-11-26T08:00"}) {
        INFO(text);
        const Timestamp t = ts(text);
        CHECK(t.epoch_seconds == kAsOfEpoch);
        CHECK_FALSE(t.date_only);
    }
    CHECK(ts("2026-11-26 08:00:59").epoch_seconds == kAsOfEpoch + 59);
    CHECK(ts("2026-11-26 23:59:59").epoch_seconds == kAsOfEpoch + 16 * 3600 - 1);
    CHECK(ts("2026-11-26 00:00:00").epoch_seconds == kAsOfEpoch - 8 * 3600);
    // Midnight written as a time is not a date without a time.
    CHECK_FALSE(ts("2026-11-26 00:00:00").date_only);
}

TEST_CASE("parse_timestamp: fractions of a second are accepted and dropped", "[timestamp]") {
    CHECK(ts("2026-11-26 08:00:00.5").epoch_seconds == kAsOfEpoch);
    CHECK(ts("2026-11-26 08:00:00.999").epoch_seconds == kAsOfEpoch);
    CHECK(ts("2026-11-26T08:00:01.123456").epoch_seconds == kAsOfEpoch + 1);
    CHECK(ts("2026-11-26T08:00:01.123456Z").epoch_seconds == kAsOfEpoch + 1);
    CHECK(ts("2026-11-26 08:00:01.25+01:00").epoch_seconds == kAsOfEpoch + 1 - 3600);
    CHECK_FALSE(parse_timestamp("2026-11-26 08:00:00.").has_value());
    CHECK_FALSE(parse_timestamp("2026-11-26 08:00.5").has_value());  // fraction needs seconds
}

TEST_CASE("parse_timestamp: Z and numeric offsets convert to UTC", "[timestamp]") {
    CHECK(ts("2026-11-26T08:00:00Z").epoch_seconds == kAsOfEpoch);
    CHECK(ts("2026-11-26 08:00Z").epoch_seconds == kAsOfEpoch);
    CHECK(ts("2026-11-26T10:00:00+02:00").epoch_seconds == kAsOfEpoch);
    CHECK(ts("2026-11-26T10:00:00+02").epoch_seconds == kAsOfEpoch);
    CHECK(ts("2026-11-26T10:00:00+0200").epoch_seconds == kAsOfEpoch);
    CHECK(ts("2026-11-26T03:00:00-05:00").epoch_seconds == kAsOfEpoch);
    CHECK(ts("2026-11-26T13:30:00+05:30").epoch_seconds == kAsOfEpoch);
    CHECK(ts("2026-11-26T13:30:00+0530").epoch_seconds == kAsOfEpoch);
    CHECK(ts("2026-11-26T08:00:00+00:00").epoch_seconds == kAsOfEpoch);
    // An offset can move the instant to another UTC day.
    const Timestamp late = ts("2026-11-26T23:30:00-02:00");
    CHECK(format_timestamp(late) == "2026-11-27 01:30:00");
    CHECK(ts("2026-11-26T01:00:00+02:00").epoch_day() == 20782);
}

TEST_CASE("parse_timestamp: malformed offsets are rejected", "[timestamp]") {
    for (const char* text :
         {"2026-11-26T08:00:00+2", "2026-11-26T08:00:00+02:0", "2026-11-26T08:00:00+24:00",
          "2026-11-26T08:00:00+02:60", "2026-11-26T08:00:00+02:", "2026-11-26T08:00:00ZZ",
          "2026-11-26T08:00:00 Z", "2026-11-26T08:00:00+02:00:00", "2026-11-26T08:00:00UTC"}) {
        INFO(text);
        CHECK_FALSE(parse_timestamp(text).has_value());
    }
}

TEST_CASE("parse_timestamp rejects invalid calendar dates", "[timestamp]") {
    for (const char* text : {"2026-02-30", "2026-02-29", "1900-02-29", "2100-02-29", "2026-04-31",
                             "2026-06-31", "2026-09-31", "2026-11-31", "2026-13-01", "2026-00-10",
                             "2026-01-00", "2026-01-32", "2026-02-30 08:00:00"}) {
        INFO(text);
        CHECK_FALSE(parse_timestamp(text).has_value());
    }
}

TEST_CASE("parse_timestamp knows leap years", "[timestamp]") {
    CHECK(ts("2024-02-29").epoch_seconds == 1709164800);                      // divisible by 4
    CHECK(ts("2000-02-29").epoch_day() == ts("2000-02-28").epoch_day() + 1);  // by 400
    CHECK(ts("2028-02-29 12:00").epoch_seconds == ts("2028-02-29").epoch_seconds + 12 * 3600);
    CHECK(ts("2024-03-01").epoch_day() - ts("2024-02-28").epoch_day() == 2);
    CHECK(ts("2026-03-01").epoch_day() - ts("2026-02-28").epoch_day() == 1);
    CHECK(ts("2026-12-31").epoch_day() - ts("2026-01-01").epoch_day() == 364);
    CHECK(ts("2024-12-31").epoch_day() - ts("2024-01-01").epoch_day() == 365);
}

TEST_CASE("parse_timestamp rejects out-of-range times and junk", "[timestamp]") {
    for (const char* text : {"",
                             "2026",
                             "2026-11",
                             "26-11-2026",
                             "2026/11/26",
                             "2026-11-26 ",
                             "2026-1-26",
                             "2026-11-6",
                             "2026-11-26 8:00",
                             "2026-11-26 24:00:00",
                             "2026-11-26 23:60:00",
                             "2026-11-26 23:59:61",
                             "2026-11-26 08",
                             "2026-11-26 08:",
                             "2026-11-26x08:00",
                             "2026-11-26 08:00:0",
                             "2026-11-26 08:00:00 extra",
                             "now",
                             "yesterday",
                             " 2026-11-26",
                             "2026-11-26Z"}) {
        INFO("\"" << text << "\"");
        CHECK_FALSE(parse_timestamp(text).has_value());
    }
}

TEST_CASE("Timestamp::epoch_day floors before 1970", "[timestamp]") {
    CHECK(Timestamp{-3600, false}.epoch_day() == -1);
    CHECK(Timestamp{-86400, false}.epoch_day() == -1);
    CHECK(Timestamp{-86401, false}.epoch_day() == -2);
    CHECK(Timestamp{0, false}.epoch_day() == 0);
    CHECK(Timestamp{86399, false}.epoch_day() == 0);
    CHECK(Timestamp{86400, false}.epoch_day() == 1);
    CHECK(ts("1969-12-31 23:00:00").epoch_seconds == -3600);
}

TEST_CASE("format_date, format_timestamp and format_iso8601", "[timestamp]") {
    const Timestamp t{kAsOfEpoch, false};
    CHECK(format_date(t) == "2026-11-26");
    CHECK(format_timestamp(t) == "2026-11-26 08:00:00");
    CHECK(format_iso8601(t) == "2026-11-26T08:00:00Z");

    const Timestamp before_epoch{-1, false};
    CHECK(format_timestamp(before_epoch) == "1969-12-31 23:59:59");
    CHECK(format_iso8601(Timestamp{0, true}) == "1970-01-01T00:00:00Z");
    CHECK(format_date(ts("2024-02-29 23:59:59")) == "2024-02-29");
    CHECK(format_timestamp(ts("0999-03-04 05:06:07")) == "0999-03-04 05:06:07");
    // Round trip through the formatter.
    for (const char* text : {"2026-11-26 08:00:00", "2000-02-29 12:34:56", "1969-07-20 20:17:40",
                             "2099-12-31 23:59:59"}) {
        CHECK(format_timestamp(ts(text)) == text);
    }
}

TEST_CASE("add_months clamps the day to the end of the target month", "[timestamp]") {
    CHECK(format_date(add_months(ts("2026-01-31"), 1)) == "2026-02-28");
    CHECK(format_date(add_months(ts("2024-01-31"), 1)) == "2024-02-29");  // leap year
    CHECK(format_date(add_months(ts("2026-03-31"), -1)) == "2026-02-28");
    CHECK(format_date(add_months(ts("2026-03-31"), 1)) == "2026-04-30");
    CHECK(format_date(add_months(ts("2026-05-31"), -1)) == "2026-04-30");
    CHECK(format_date(add_months(ts("2024-02-29"), 12)) == "2025-02-28");
    CHECK(format_date(add_months(ts("2024-02-29"), 48)) == "2028-02-29");
    // Clamping does not carry over: Jan 31 + 2 months is Mar 31.
    CHECK(format_date(add_months(ts("2026-01-31"), 2)) == "2026-03-31");
}

TEST_CASE("add_months crosses years in both directions and keeps the time", "[timestamp]") {
    CHECK(shown(add_months(ts("2026-12-15 10:20:30"), 1)) == "2027-01-15 10:20:30");
    CHECK(shown(add_months(ts("2026-01-15 10:20:30"), -1)) == "2025-12-15 10:20:30");
    CHECK(shown(add_months(ts("2026-11-26 08:00:00"), -12)) == "2025-11-26 08:00:00");
    CHECK(shown(add_months(ts("2026-11-26 08:00:00"), -25)) == "2024-10-26 08:00:00");
    CHECK(shown(add_months(ts("2026-11-26 08:00:00"), 0)) == "2026-11-26 08:00:00");
    CHECK(shown(add_months(ts("2026-11-26 08:00:00"), 3)) == "2027-02-26 08:00:00");
    CHECK(shown(add_months(ts("1970-01-31 01:02:03"), -1)) == "1969-12-31 01:02:03");
    CHECK(add_months(ts("2026-01-31"), 1).date_only);
    CHECK_FALSE(add_months(ts("2026-01-31 00:00"), 1).date_only);
}

TEST_CASE("truncate_to week starts on Monday", "[timestamp]") {
    // 2026-11-26 is a Thursday; its week began on Monday 2026-11-23.
    CHECK(shown(truncate_to(ts("2026-11-26 08:00:00"), "week")) == "2026-11-23 00:00:00");
    CHECK(shown(truncate_to(ts("2026-11-23 00:00:00"), "week")) == "2026-11-23 00:00:00");
    CHECK(shown(truncate_to(ts("2026-11-23 23:59:59"), "week")) == "2026-11-23 00:00:00");
    CHECK(shown(truncate_to(ts("2026-11-29 23:59:59"), "week")) == "2026-11-23 00:00:00");  // Sun
    CHECK(shown(truncate_to(ts("2026-11-30 00:00:00"), "week")) == "2026-11-30 00:00:00");  // Mon
    // Across a year boundary: Friday 2027-01-01 belongs to the week of Monday 2026-12-28.
    CHECK(shown(truncate_to(ts("2027-01-01 12:00"), "week")) == "2026-12-28 00:00:00");
    // Before the epoch: Wednesday 1969-12-31 -> Monday 1969-12-29; Thursday 1970-01-01 too.
    CHECK(shown(truncate_to(ts("1969-12-31 23:00"), "week")) == "1969-12-29 00:00:00");
    CHECK(shown(truncate_to(ts("1970-01-01"), "week")) == "1969-12-29 00:00:00");
}

TEST_CASE("truncate_to month, quarter and year", "[timestamp]") {
    const Timestamp t = ts("2026-11-26 08:15:42");
    CHECK(shown(truncate_to(t, "month")) == "2026-11-01 00:00:00");
    CHECK(shown(truncate_to(t, "quarter")) == "2026-10-01 00:00:00");
    CHECK(shown(truncate_to(t, "year")) == "2026-01-01 00:00:00");
    CHECK(shown(truncate_to(t, "day")) == "2026-11-26 00:00:00");
    CHECK(shown(truncate_to(t, "hour")) == "2026-11-26 08:00:00");
    CHECK(shown(truncate_to(t, "minute")) == "2026-11-26 08:15:00");
    CHECK(shown(truncate_to(t, "second")) == "2026-11-26 08:15:42");

    // Every quarter's boundaries.
    CHECK(shown(truncate_to(ts("2026-01-01"), "quarter")) == "2026-01-01 00:00:00");
    CHECK(shown(truncate_to(ts("2026-03-31 23:59:59"), "quarter")) == "2026-01-01 00:00:00");
    CHECK(shown(truncate_to(ts("2026-04-01"), "quarter")) == "2026-04-01 00:00:00");
    CHECK(shown(truncate_to(ts("2026-06-30"), "quarter")) == "2026-04-01 00:00:00");
    CHECK(shown(truncate_to(ts("2026-07-15"), "quarter")) == "2026-07-01 00:00:00");
    CHECK(shown(truncate_to(ts("2026-09-30"), "quarter")) == "2026-07-01 00:00:00");
    CHECK(shown(truncate_to(ts("2026-12-31 23:59:59"), "quarter")) == "2026-10-01 00:00:00");

    CHECK(shown(truncate_to(ts("2024-02-29 13:00"), "month")) == "2024-02-01 00:00:00");
    CHECK(shown(truncate_to(ts("2026-12-31 23:59:59"), "year")) == "2026-01-01 00:00:00");
    CHECK(shown(truncate_to(ts("1969-06-15 12:00"), "year")) == "1969-01-01 00:00:00");
}
