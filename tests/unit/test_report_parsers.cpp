// The parsers the format tests rely on must themselves reject what breaks the
// formats; otherwise a test that "parses" a report would prove nothing.

#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

#include "support/report_parsers.h"

using opsctl::test::parse_nagios;
using opsctl::test::parse_prometheus;

TEST_CASE("prometheus parser: reads a valid file", "[parsers]") {
    const auto file = parse_prometheus(
        "# HELP m A metric.\n# TYPE m gauge\nm{a=\"x\\\"y\\\\z\\nw\",b=\"\"} 1.5\nm{a=\"2\"} -Inf\n"
        "# a comment\nother 3 1700000000000\n");
    REQUIRE(file.samples.size() == 3);
    CHECK(file.samples[0].labels.at("a") == "x\"y\\z\nw");
    CHECK(file.value("m", {{"a", "2"}}) < 0);
    CHECK(file.type.at("m") == "gauge");
    CHECK(file.samples[2].has_timestamp);
    CHECK_FALSE(file.samples[0].has_timestamp);
}

TEST_CASE("prometheus parser: rejects what the exposition format forbids", "[parsers]") {
    const char* bad[] = {
        "m 1",                                    // no final newline
        "m{a=\"x\"} one\n",                       // not a number
        "m{a=\"x\\t\"} 1\n",                      // an escape the format does not have
        "m{a=x} 1\n",                             // an unquoted value
        "1m 1\n",                                 // a bad metric name
        "m{1a=\"x\"} 1\n",                        // a bad label name
        "m{a=\"x\"} 1\nm{a=\"x\"} 2\n",           // a duplicate series
        "m 1\nn 1\nm{a=\"y\"} 1\n",               // a family split in two
        "m 1\n# TYPE m gauge\n",                  // TYPE after the samples
        "# TYPE m gauge\n# TYPE m gauge\nm 1\n",  // TYPE twice
        "# TYPE m thing\nm 1\n",                  // an unknown type
        "m{a=\"\xFF\"} 1\n",                      // invalid UTF-8
        "m 1 2 3\n",                              // trailing text
    };
    for (const char* text : bad) {
        INFO(text);
        CHECK_THROWS_AS(parse_prometheus(text), std::runtime_error);
    }
}

TEST_CASE("nagios parser: reads a valid output", "[parsers]") {
    const auto out = parse_nagios(
        "OPSCTL WARNING - x: 1 warn (a) | 'it''s'=5;4;10;0;100 b=1.5s;;2: 'd'=0.1s\nwarn a: m\n");
    CHECK(out.state == "WARNING");
    CHECK(out.summary == "x: 1 warn (a)");
    REQUIRE(out.perfdata.size() == 3);
    CHECK(out.perfdata[0].label == "it's");
    CHECK(out.perfdata[0].max == "100");
    CHECK(out.perfdata[1].unit == "s");
    CHECK(out.perfdata[1].crit == "2:");
    CHECK(out.long_text == std::vector<std::string>{"warn a: m"});
}

TEST_CASE("nagios parser: rejects what the plugin guidelines forbid", "[parsers]") {
    const std::string long_summary = "OPSCTL OK - " + std::string(69, 'x') + "\n";
    CHECK_NOTHROW(parse_nagios("OPSCTL OK - " + std::string(68, 'x') + "\n"));
    const std::string bad[] = {
        long_summary,                           // 81 characters
        "OPSCTL FINE - x\n",                    // not a state
        "OPSCTL OK x\n",                        // no " - "
        "OPSCTL OK - x| 'a'=1\n",               // no space before '|'
        "OPSCTL OK - x | 'a'=one\n",            // not a number
        "OPSCTL OK - x | 'a'=1;x\n",            // not a range
        "OPSCTL OK - x | 'a'=1parsecs\n",       // not a unit
        "OPSCTL OK - x | 'a=1\n",               // an unterminated label
        "OPSCTL OK - x | 'a'=1 | 'b'=2\n",      // a second '|'
        "OPSCTL OK - x | 'a'=1\nline | two\n",  // '|' in the long text
        "OPSCTL OK - \xC3\n",                   // invalid UTF-8
    };
    for (const auto& text : bad) {
        INFO(text);
        CHECK_THROWS_AS(parse_nagios(text), std::runtime_error);
    }
}
