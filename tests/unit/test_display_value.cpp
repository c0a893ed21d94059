// Numbers, time stamps and ages as people read them in the text and Markdown
// reports, at the boundaries where rounding could mislead.

#include <catch2/catch.hpp>

#include "opsctl/core/display_value.h"

using opsctl::display_age;
using opsctl::display_number;
using opsctl::display_number_against;
using opsctl::display_timestamp;
using opsctl::display_value;

TEST_CASE("display: numbers rounded for people, integers exact", "[display]") {
    CHECK(display_number("92.0096852300242131") == "92.01");
    CHECK(display_number("113958.51000000001") == "113958.51");
    CHECK(display_number("7.20000000000000000000") == "7.2");
    CHECK(display_number("0.000000000000000000000000") == "0");
    CHECK(display_number("0.30000000000000004") == "0.3");  // 0.1 + 0.2
    CHECK(display_number("1e-9") == "1e-9");
    CHECK(display_number("0.000000001") == "1e-9");
    CHECK(display_number("0.000123456") == "0.00012");
    CHECK(display_number("0.65") == "0.65");
    CHECK(display_number("2.005") == "2.01");  // half away from zero, on the text
    CHECK(display_number("-2.005") == "-2.01");
    CHECK(display_number("99.999") == "100");
    CHECK(display_number("9223372036854775808") == "9223372036854775808");  // 2^63
    CHECK(display_number("-9223372036854775809") == "-9223372036854775809");
    CHECK(display_number("123456789012345678901.239") == "123456789012345678901.24");
    CHECK(display_number("-0") == "0");
    CHECK(display_number("-0.0") == "0");
    CHECK(display_number("-0.0001") == "-0.0001");
    CHECK(display_number("-0.000000001") == "-1e-9");
    CHECK(display_number("1e400") == "1e400");
    CHECK(display_number("NaN") == "NaN");
    CHECK(display_number("Infinity") == "Infinity");
    CHECK(display_number("tbl_orders") == "tbl_orders");
}

TEST_CASE("display: a breach shows the digits that make it one", "[display]") {
    CHECK(display_number_against("360.0004", "360") == "360.0004");
    CHECK(display_number_against("359.9996", "360") == "359.9996");
    CHECK(display_number_against("360.0000000000000000001", "360") == "360.0000000000000000001");
    CHECK(display_number_against("1500.123456", "360") == "1500.12");
    CHECK(display_number_against("7.20000000000000000000", "5") == "7.2");
    CHECK(display_number_against("0.30000000000000004", "0.3") == "0.30000000000000004");
    CHECK(display_number_against("1e-9", "0") == "1e-9");
    CHECK(display_number_against("-0.0", "0") == "0");
    CHECK(display_number_against("1500", "360") == "1500");
}

TEST_CASE("display: time stamps, midnight UTC as a date", "[display]") {
    CHECK(display_timestamp("2025-11-01 00:00:00+00") == "2025-11-01");
    CHECK(display_timestamp("2025-11-01") == "2025-11-01");
    CHECK(display_timestamp("2026-12-02 08:00:00") == "2026-12-02 08:00 UTC");
    CHECK(display_timestamp("2026-12-02T09:00:00+01:00") == "2026-12-02 08:00 UTC");
    CHECK(display_timestamp("2026-12-02 08:00:05.250") == "2026-12-02 08:00:05 UTC");
    CHECK(display_timestamp("not a time") == "not a time");
    CHECK(display_value("2025-11-01 00:00:00+00") == "2025-11-01");
    CHECK(display_value("92.0096852300242131") == "92.01");
    CHECK(display_value("eta") == "eta");
}

TEST_CASE("display: ages in their two largest units", "[display]") {
    using namespace std::chrono;
    CHECK(display_age(seconds(34437)) == "9h 33m");  // 9h 33m 57s: never overstated
    CHECK(display_age(hours(9) + minutes(34)) == "9h 34m");
    CHECK(display_age(hours(51)) == "2d 3h");
    CHECK(display_age(hours(48)) == "2d");
    CHECK(display_age(seconds(303)) == "5m 3s");
    CHECK(display_age(seconds(42)) == "42s");
    CHECK(display_age(seconds(0)) == "0s");
    CHECK(display_age(hours(24) + seconds(1)) == "1d");
    CHECK(opsctl::display_age_beyond(hours(24) + seconds(30), hours(24)) == "1d 0h 0m 30s");
    CHECK(opsctl::display_age_beyond(hours(24) + minutes(5), hours(24)) == "1d 0h 5m");
    CHECK(opsctl::display_age_beyond(hours(30), hours(24)) == "1d 6h");
    CHECK(opsctl::display_age_beyond(seconds(34437), hours(6)) == "9h 33m");
    CHECK(opsctl::count_of(1, "row", "rows") == "1 row");
    CHECK(opsctl::count_of(2, "row", "rows") == "2 rows");
    CHECK(opsctl::count_of(0, "row", "rows") == "0 rows");
}

TEST_CASE("display: more boundaries, where a unit or an exact integer begins", "[display]") {
    using namespace std::chrono;
    // 2^63 against 2^63 - 1: integers stay exact, so the breach is visible.
    CHECK(display_number_against("9223372036854775808", "9223372036854775807") ==
          "9223372036854775808");
    CHECK(display_number_against("9223372036854775807.5", "9223372036854775807") ==
          "9223372036854775807.5");
    // 0.1 + 0.2 against 0.30000000000000004 itself: not a breach, shown rounded.
    CHECK(display_number_against("0.3", "0.30000000000000004") == "0.3");
    CHECK(display_number_against("-0", "-0.0") == "0");
    CHECK(display_number_against("0.000000001", "0") == "1e-9");
    CHECK(display_number("360.0004") == "360");  // alone, rounded; against 360 it is not
    CHECK(display_age(seconds(59)) == "59s");
    CHECK(display_age(seconds(60)) == "1m");
    CHECK(display_age(seconds(3599)) == "59m 59s");
    CHECK(display_age(seconds(3600)) == "1h");
    CHECK(display_age(seconds(86399)) == "23h 59m");
    CHECK(display_age(seconds(86400)) == "1d");
    CHECK(opsctl::display_age_beyond(seconds(361), seconds(360)) == "6m 1s");
    CHECK(opsctl::display_age_beyond(hours(24) + seconds(1), hours(24)) == "1d 0h 0m 1s");
}
