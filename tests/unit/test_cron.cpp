// check_cron_expression: five-field schedules of checklists.

#include <catch2/catch.hpp>
#include <string>

#include "opsctl/core/cron.h"

using opsctl::check_cron_expression;

namespace {

// The problem text for an expression that must be rejected.
std::string problem_with(const std::string& expression) {
    const auto problem = check_cron_expression(expression);
    INFO("expression: \"" << expression << "\"");
    REQUIRE(problem.has_value());
    return *problem;
}

}  // namespace

TEST_CASE("valid cron expressions", "[cron]") {
    for (const char* expression : {"* * * * *",          "0 8 * * *",      "30 6 * * 1-5",
                                   "0 9 1-7 * 1",        "0 18 * * 5L",    "0 0 1 1 *",
                                   "*/15 * * * *",       "0 */2 * * *",    "0-30/10 8-17 * * 1-5",
                                   "0,15,30,45 * * * *", "59 23 31 12 7",  "0 0 * * 0",
                                   "0 9 * * 1,3,5",      "0 9 * * 0L",     "0 9 * * 7L",
                                   "0 9 1,15 * *",       "0 9 * 1-12/3 *", "  0   8  *  *  *  ",
                                   "0\t8\t*\t*\t*",      "0 8 * * 1L,5L"}) {
        INFO("expression: \"" << expression << "\"");
        CHECK_FALSE(check_cron_expression(expression).has_value());
    }
}

TEST_CASE("the wrong number of fields is named", "[cron]") {
    CHECK(problem_with("0 8 * *") ==
          "expected five fields (minute hour day-of-month month day-of-week), found 4");
    CHECK(problem_with("0 0 8 * * *") ==
          "expected five fields (minute hour day-of-month month day-of-week), found 6");
    CHECK(problem_with("") ==
          "expected five fields (minute hour day-of-month month day-of-week), found 0");
    CHECK(problem_with("@daily").find("found 1") != std::string::npos);
}

TEST_CASE("out-of-range values name the field and its range", "[cron]") {
    CHECK(problem_with("60 8 * * *") == "minute field \"60\": out of range 0-59");
    CHECK(problem_with("0 24 * * *") == "hour field \"24\": out of range 0-23");
    CHECK(problem_with("0 8 0 * *") == "day-of-month field \"0\": out of range 1-31");
    CHECK(problem_with("0 8 32 * *") == "day-of-month field \"32\": out of range 1-31");
    CHECK(problem_with("0 8 * 0 *") == "month field \"0\": out of range 1-12");
    CHECK(problem_with("0 8 * 13 *") == "month field \"13\": out of range 1-12");
    CHECK(problem_with("0 8 * * 8") == "day-of-week field \"8\": out of range 0-7");
    CHECK(problem_with("0 8 * * 1-8") == "day-of-week field \"1-8\": out of range 0-7");
    CHECK(problem_with("0 8 * * -1").rfind("day-of-week field \"-1\"", 0) == 0);
}

TEST_CASE("malformed ranges, steps and lists are rejected", "[cron]") {
    CHECK(problem_with("0 17-9 * * *") == "hour field \"17-9\": the range runs backwards");
    CHECK(problem_with("0 8-* * * *") == "hour field \"8-*\": a range is two numbers, like 1-5");
    CHECK(problem_with("0 1-2-3 * * *") ==
          "hour field \"1-2-3\": a range is two numbers, like 1-5");
    CHECK(problem_with("*/0 * * * *") ==
          "minute field \"*/0\": the step after / must be a positive number");
    CHECK(problem_with("*/ * * * *") ==
          "minute field \"*/\": the step after / must be a positive number");
    CHECK(problem_with("*/-5 * * * *") ==
          "minute field \"*/-5\": the step after / must be a positive number");
    CHECK(problem_with("*/x * * * *") ==
          "minute field \"*/x\": the step after / must be a positive number");
    CHECK(problem_with("0,,30 * * * *") ==
          "minute field \"\": expected a number, *, a range, a list or a step");
    CHECK(problem_with("0, * * * *") ==
          "minute field \"\": expected a number, *, a range, a list or a step");
    CHECK(problem_with("0,60 * * * *") == "minute field \"60\": out of range 0-59");
    CHECK(problem_with("a 8 * * *") ==
          "minute field \"a\": expected a number, *, a range, a list or a step");
    CHECK(problem_with("0 8 * JAN *").rfind("month field \"JAN\"", 0) == 0);
    CHECK(problem_with("0 8 * * MON").rfind("day-of-week field \"MON\"", 0) == 0);
    CHECK(problem_with("0 8 ? * *").rfind("day-of-month field \"?\"", 0) == 0);
}

TEST_CASE("NL (last weekday of the month) only in day-of-week, with a weekday 0-7", "[cron]") {
    CHECK_FALSE(check_cron_expression("0 18 * * 5L").has_value());
    CHECK(problem_with("0 18 * * 8L") ==
          "day-of-week field \"8L\": NL needs a weekday 0-7 before L");
    CHECK(problem_with("0 18 * * xL") ==
          "day-of-week field \"xL\": NL needs a weekday 0-7 before L");
    CHECK(problem_with("0 18 * * L").rfind("day-of-week field \"L\"", 0) == 0);
    CHECK(problem_with("0 18 * * 15L").rfind("day-of-week field \"15L\"", 0) == 0);
    // "L" is not a day-of-month or hour in this dialect.
    CHECK(problem_with("0 18 5L * *").rfind("day-of-month field \"5L\"", 0) == 0);
    CHECK(problem_with("0 5L * * *").rfind("hour field \"5L\"", 0) == 0);
}
