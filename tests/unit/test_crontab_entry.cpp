// crontab_entries: runbook schedules as lines every cron accepts, with a sh guard when
// cron alone would run on the wrong days.

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

#include "opsctl/core/cron.h"
#include "opsctl/core/crontab_entry.h"

using opsctl::crontab_entries;
using opsctl::CrontabEntry;

namespace {

// Runs `guard` with sh for a given date (faketime is not available: the guard's
// `date` is replaced by a function printing that date's fields).
bool guard_holds(const std::string& guard, const std::string& day, const std::string& month,
                 const std::string& month_in_a_week) {
    const std::string script = "date() { case \"$*\" in *'+7 days'*) echo " + month_in_a_week +
                               ";; *%d*) echo " + day + ";; *%m*) echo " + month + ";; esac; }; " +
                               guard;
    const std::string command = "sh -c '" + [&] {
        std::string quoted;
        for (const char c : script) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
        return quoted;
    }() + "'";
    return std::system(command.c_str()) == 0;
}

}  // namespace

TEST_CASE("plain schedules pass through unguarded", "[cron]") {
    for (const char* expression : {"0 8 * * *", "*/15 * * * *", "0 9 * * 1", "0 14 15 * *",
                                   "0 9 1-7 * *", "0 */6 * * 1-5"}) {
        const auto entries = crontab_entries(expression);
        REQUIRE(entries.size() == 1);
        CHECK(entries[0].fields == expression);
        CHECK(entries[0].guard.empty());
    }
}

TEST_CASE("a day of the month and a day of the week mean both", "[cron]") {
    const auto entries = crontab_entries("0 9 1-7 * 1");  // the first Monday
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].fields == "0 9 * * 1");
    CHECK(entries[0].guard == "[ \"$(date +%d)\" -le 7 ]");
    CHECK(guard_holds(entries[0].guard, "07", "11", "11"));
    CHECK_FALSE(guard_holds(entries[0].guard, "08", "11", "11"));

    const auto middle = crontab_entries("0 9 8-14 * 2");
    CHECK(middle[0].guard == "[ \"$(date +%d)\" -ge 8 ] && [ \"$(date +%d)\" -le 14 ]");
    CHECK(guard_holds(middle[0].guard, "08", "11", "11"));
    CHECK_FALSE(guard_holds(middle[0].guard, "15", "11", "11"));

    const auto list = crontab_entries("0 9 1,15 * 5");
    CHECK(list[0].guard == "case \"$(date +%d)\" in 01|15) ;; *) false ;; esac");
    CHECK(guard_holds(list[0].guard, "15", "11", "11"));
    CHECK_FALSE(guard_holds(list[0].guard, "14", "11", "11"));
}

TEST_CASE("the last weekday of the month (NL) is a weekday and a last-week guard", "[cron]") {
    const auto entries = crontab_entries("0 15 * * 5L");
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].fields == "0 15 * * 5");
    CHECK(guard_holds(entries[0].guard, "27", "11", "12"));
    CHECK_FALSE(guard_holds(entries[0].guard, "20", "11", "11"));

    // A list mixing plain and last weekdays becomes two lines.
    const auto mixed = crontab_entries("0 15 * * 1,5L");
    REQUIRE(mixed.size() == 2);
    CHECK(mixed[0].fields == "0 15 * * 1");
    CHECK(mixed[0].guard.empty());
    CHECK(mixed[1].fields == "0 15 * * 5");
    CHECK_FALSE(mixed[1].guard.empty());
}

TEST_CASE("every emitted field set is a plain five-field expression", "[cron]") {
    for (const char* expression :
         {"0 9 1-7 * 1", "0 15 * * 5L", "0 8 * * 1L,5L", "0 9 1,15 * 1L", "0 9 */2 * 0"}) {
        for (const CrontabEntry& entry : crontab_entries(expression)) {
            INFO(expression << " -> " << entry.fields);
            CHECK_FALSE(opsctl::check_cron_expression(entry.fields).has_value());
            CHECK(entry.fields.find('L') == std::string::npos);
        }
    }
    CHECK_THROWS(crontab_entries("61 * * * *"));
}

TEST_CASE("percent signs are escaped for crontab", "[cron]") {
    CHECK(opsctl::escape_crontab_percent("date +%d && x") == "date +\\%d && x");
    CHECK(opsctl::escape_crontab_percent("none") == "none");
}
