// parse_duration / format_duration: "500ms", "90s", "5m", "24h", "1d", "1w".

#include <catch2/catch.hpp>
#include <chrono>
#include <limits>
#include <string>

#include "opsctl/core/duration.h"

using namespace std::chrono_literals;
using opsctl::Duration;
using opsctl::format_duration;
using opsctl::parse_duration;

TEST_CASE("parse_duration reads every unit", "[duration]") {
    CHECK(parse_duration("500ms") == Duration(500));
    CHECK(parse_duration("90s") == Duration(90'000));
    CHECK(parse_duration("5m") == Duration(300'000));
    CHECK(parse_duration("24h") == Duration(86'400'000));
    CHECK(parse_duration("1d") == Duration(86'400'000));
    CHECK(parse_duration("1w") == Duration(604'800'000));
    CHECK(parse_duration("2w") == Duration(14LL * 86'400'000));
    CHECK(parse_duration("1ms") == Duration(1));
    CHECK(parse_duration("1s") == Duration(1000));
    CHECK(parse_duration("1m") == Duration(60'000));
    CHECK(parse_duration("1h") == Duration(3'600'000));
    CHECK(parse_duration("30m") == std::chrono::duration_cast<Duration>(30min));
}

TEST_CASE("parse_duration distinguishes m (minutes) from ms", "[duration]") {
    REQUIRE(parse_duration("5m").has_value());
    REQUIRE(parse_duration("5ms").has_value());
    CHECK(*parse_duration("5m") == Duration(300'000));
    CHECK(*parse_duration("5ms") == Duration(5));
}

TEST_CASE("parse_duration rejects zero and negative amounts", "[duration]") {
    CHECK_FALSE(parse_duration("0s").has_value());
    CHECK_FALSE(parse_duration("0ms").has_value());
    CHECK_FALSE(parse_duration("0d").has_value());
    CHECK_FALSE(parse_duration("-1s").has_value());
    CHECK_FALSE(parse_duration("-5m").has_value());
}

TEST_CASE("parse_duration rejects amounts that overflow milliseconds", "[duration]") {
    // 2^63 / (7 * 86400000) is about 1.5e10 weeks: one more overflows.
    const long long max_weeks = std::numeric_limits<long long>::max() / 604'800'000LL;
    CHECK(parse_duration(std::to_string(max_weeks) + "w") == Duration(max_weeks * 604'800'000LL));
    CHECK_FALSE(parse_duration(std::to_string(max_weeks + 1) + "w").has_value());
    CHECK_FALSE(parse_duration("99999999999999999999d").has_value());  // beyond long long
    CHECK_FALSE(parse_duration("9223372036854775808ms").has_value());  // 2^63
    CHECK(parse_duration("9223372036854775807ms") ==
          Duration(std::numeric_limits<long long>::max()));
    CHECK_FALSE(parse_duration("9223372036854775807s").has_value());
}

TEST_CASE("parse_duration rejects junk", "[duration]") {
    for (const char* junk : {"",      "s",     "ms",   "10",    "10 s",    " 10s", "10s ", "10S",
                             "10sec", "10min", "10x",  "h1",    "1h30m",   "+5s",  "1.5h", "1,5h",
                             "0x10s", "ten s", "5mss", "1e3ms", "24hours", "1dd"}) {
        INFO("input: \"" << junk << "\"");
        CHECK_FALSE(parse_duration(junk).has_value());
    }
}

TEST_CASE("parse_duration: a fractional amount like 1.5h is not a duration", "[duration]") {
    CHECK_FALSE(parse_duration("1.5h").has_value());
    CHECK_FALSE(parse_duration("0.5d").has_value());
    // The whole-number spelling of the same span is accepted.
    CHECK(parse_duration("90m") == Duration(5'400'000));
}

TEST_CASE("format_duration picks the largest exact unit", "[duration]") {
    CHECK(format_duration(Duration(500)) == "500ms");
    CHECK(format_duration(Duration(90'000)) == "90s");
    CHECK(format_duration(Duration(86'400'000)) == "1d");
    CHECK(format_duration(Duration(604'800'000)) == "1w");
    CHECK(format_duration(Duration(1'209'600'000)) == "2w");
    CHECK(format_duration(Duration(3'600'000)) == "1h");
    CHECK(format_duration(Duration(5'400'000)) == "90m");
    CHECK(format_duration(Duration(60'000)) == "1m");
    CHECK(format_duration(Duration(1000)) == "1s");
    CHECK(format_duration(Duration(1001)) == "1001ms");
    CHECK(format_duration(Duration(90'061'000)) == "90061s");  // 1d 1h 1m 1s
    CHECK(format_duration(Duration(2 * 86'400'000LL)) == "2d");
    CHECK(format_duration(Duration(25 * 3'600'000LL)) == "25h");
}

TEST_CASE("format_duration of zero and negative spans", "[duration]") {
    CHECK(format_duration(Duration(0)) == "0ms");
    CHECK(format_duration(Duration(-1000)) == "-1s");
    CHECK(format_duration(Duration(-86'400'000)) == "-1d");
    CHECK(format_duration(Duration(-1)) == "-1ms");
}

TEST_CASE("format_duration and parse_duration round-trip", "[duration]") {
    for (const char* text :
         {"500ms", "90s", "5m", "24h", "1d", "1w", "30m", "7h", "13d", "1001ms", "61s", "2w"}) {
        INFO("text: " << text);
        const auto parsed = parse_duration(text);
        REQUIRE(parsed.has_value());
        const std::string formatted = format_duration(*parsed);
        CHECK(parse_duration(formatted) == parsed);
    }
    // Non-canonical spellings normalise to the shortest exact form.
    CHECK(format_duration(*parse_duration("24h")) == "1d");
    CHECK(format_duration(*parse_duration("7d")) == "1w");
    CHECK(format_duration(*parse_duration("60s")) == "1m");
    CHECK(format_duration(*parse_duration("3000ms")) == "3s");
}
