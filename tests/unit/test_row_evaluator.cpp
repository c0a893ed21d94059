// RowEvaluator driven directly: on_columns, on_row, finish, with hand-built steps.
// A threshold is breached strictly beyond its value; an unreadable value is an error,
// never a pass.

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "opsctl/core/timestamp.h"
#include "opsctl/evaluate/row_evaluator.h"
#include "unit/step_builders.h"

using opsctl::Cell;
using opsctl::EvaluationLimits;
using opsctl::Expectation;
using opsctl::NullPolicy;
using opsctl::RowEvaluator;
using opsctl::Rule;
using opsctl::RuleKind;
using opsctl::Severity;
using opsctl::Status;
using opsctl::Step;
using opsctl::StepResult;
using opsctl::Timestamp;
using opsctl::Violation;
using opsctl::test::as_of;
using opsctl::test::cells;
using opsctl::test::column_rule;
using opsctl::test::evaluate;
using opsctl::test::expect;
using opsctl::test::fail_above;
using opsctl::test::fail_below;
using opsctl::test::older_than;
using opsctl::test::Row;
using opsctl::test::sql_step;
using opsctl::test::strings_rule;
using opsctl::test::threshold;
using opsctl::test::warn_above;
using opsctl::test::warn_below;

namespace {

// The status of one value in column "n" under `rules`.
Status status_of(const char* value, std::vector<Rule> rules,
                 NullPolicy on_null = NullPolicy::Fail) {
    return evaluate(sql_step({expect("n", std::move(rules), on_null)}), {"n"}, {{value}}).status;
}

}  // namespace

TEST_CASE("fail_above: on the threshold passes, just above fails", "[evaluate][above]") {
    CHECK(status_of("360", {fail_above("360")}) == Status::Pass);
    CHECK(status_of("359.9999", {fail_above("360")}) == Status::Pass);
    CHECK(status_of("-1", {fail_above("360")}) == Status::Pass);
    CHECK(status_of("0", {fail_above("360")}) == Status::Pass);
    CHECK(status_of("360.0001", {fail_above("360")}) == Status::Fail);
    CHECK(status_of("361", {fail_above("360")}) == Status::Fail);
    CHECK(status_of("1500", {fail_above("360")}) == Status::Fail);
    // Spellings of the same number.
    CHECK(status_of("360.000", {fail_above("360")}) == Status::Pass);
    CHECK(status_of("3.6e2", {fail_above("360")}) == Status::Pass);
    CHECK(status_of("+361", {fail_above("360")}) == Status::Fail);
    // Beyond double precision, a NUMERIC just above the threshold still fails.
    CHECK(status_of("360.0000000000000000001", {fail_above("360")}) == Status::Fail);
    CHECK(status_of("0.70000000000000000001", {fail_above("0.7")}) == Status::Fail);
    CHECK(status_of("0.7", {fail_above("0.7")}) == Status::Pass);
}

TEST_CASE("fail_below: on the threshold passes, just below fails", "[evaluate][below]") {
    CHECK(status_of("1", {fail_below("1")}) == Status::Pass);
    CHECK(status_of("2", {fail_below("1")}) == Status::Pass);
    CHECK(status_of("0.9999", {fail_below("1")}) == Status::Fail);
    CHECK(status_of("0", {fail_below("1")}) == Status::Fail);
    CHECK(status_of("-5", {fail_below("0")}) == Status::Fail);
    CHECK(status_of("-0", {fail_below("0")}) == Status::Pass);
    CHECK(status_of("0.99999999999999999999", {fail_below("1")}) == Status::Fail);
}

TEST_CASE("warn_above and warn_below warn at the same boundaries", "[evaluate][warn]") {
    CHECK(status_of("300", {warn_above("300")}) == Status::Pass);
    CHECK(status_of("300.0001", {warn_above("300")}) == Status::Warn);
    CHECK(status_of("301", {warn_above("300")}) == Status::Warn);
    CHECK(status_of("10", {warn_below("10")}) == Status::Pass);
    CHECK(status_of("9.9999", {warn_below("10")}) == Status::Warn);
    CHECK(status_of("9", {warn_below("10")}) == Status::Warn);
    CHECK(status_of("11", {warn_below("10")}) == Status::Pass);
}

TEST_CASE("a warning band below a failure threshold", "[evaluate][warn]") {
    const std::vector<Rule> rules{fail_above("360"), warn_above("300")};
    CHECK(status_of("300", rules) == Status::Pass);
    CHECK(status_of("301", rules) == Status::Warn);
    CHECK(status_of("360", rules) == Status::Warn);
    CHECK(status_of("361", rules) == Status::Fail);
    // The order of the rules does not matter.
    CHECK(status_of("361", {warn_above("300"), fail_above("360")}) == Status::Fail);
    CHECK(status_of("330", {warn_above("300"), fail_above("360")}) == Status::Warn);
}

TEST_CASE("warn vs fail in one row: the row reports its worst breach once", "[evaluate][warn]") {
    const Step step = sql_step({expect("n", {warn_above("300"), fail_above("360")})}, {"t"});
    const StepResult result = evaluate(step, {"t", "n"}, {{"a", "400"}});
    CHECK(result.status == Status::Fail);
    CHECK(result.violation_count == 1);
    REQUIRE(result.violations.size() == 1);
    CHECK(result.violations[0].severity == Severity::Fail);
    CHECK(result.violations[0].rule == "fail_above");
    CHECK(result.violations[0].threshold == "360");

    // Two expectations on one row: one warns, one fails: both are kept, the step fails.
    const Step two =
        sql_step({expect("n", {warn_above("300")}), expect("m", {fail_below("1")})}, {"t"});
    const StepResult both = evaluate(two, {"t", "n", "m"}, {{"a", "350", "0"}});
    CHECK(both.status == Status::Fail);
    CHECK(both.violation_count == 2);
    REQUIRE(both.violations.size() == 2);
    CHECK(both.violations[0].severity == Severity::Warn);
    CHECK(both.violations[1].severity == Severity::Fail);
}

TEST_CASE("warn then fail across rows: the step fails and names the failure", "[evaluate][warn]") {
    const Step step = sql_step({expect("n", {warn_above("300"), fail_above("360")})}, {"t"});
    const StepResult result = evaluate(step, {"t", "n"}, {{"a", "320"}, {"b", "500"}, {"c", "1"}});
    CHECK(result.status == Status::Fail);
    CHECK(result.violation_count == 2);
    CHECK(result.message == "2 breaches in 3 rows; first: b: n 500 > 360 (fail)");

    const StepResult warn_only = evaluate(step, {"t", "n"}, {{"a", "320"}, {"b", "310"}});
    CHECK(warn_only.status == Status::Warn);
    CHECK(warn_only.message == "2 breaches in 2 rows; first: a: n 320 > 300 (warn)");
}

TEST_CASE("a violation carries severity, rule, column, value, threshold, key and reason",
          "[evaluate]") {
    const Step step = sql_step({expect("minutes_since_sync", {fail_above("360")})}, {"table_name"});
    const StepResult result = evaluate(step, {"table_name", "minutes_since_sync"},
                                       {{"tbl_fresh", "12"}, {"tbl_stale_carrier_events", "1500"}});
    CHECK(result.status == Status::Fail);
    CHECK(result.row_count == std::optional<size_t>(2));
    CHECK(result.columns == std::vector<std::string>{"table_name", "minutes_since_sync"});
    REQUIRE(result.violations.size() == 1);
    const Violation& v = result.violations[0];
    CHECK(v.severity == Severity::Fail);
    CHECK(v.rule == "fail_above");
    CHECK(v.column == "minutes_since_sync");
    CHECK(v.value == std::optional<std::string>("1500"));
    CHECK(v.threshold == "360");
    CHECK(v.threshold_is_number);
    CHECK(v.key == "tbl_stale_carrier_events");
    CHECK(v.reason == "minutes_since_sync 1500 > 360");
    CHECK(result.message ==
          "1 breach in 2 rows; first: tbl_stale_carrier_events: minutes_since_sync 1500 > 360 "
          "(fail)");
}

TEST_CASE("NULL with on_null fail, warn and pass", "[evaluate][null]") {
    CHECK(status_of(nullptr, {fail_above("360")}) == Status::Fail);
    CHECK(status_of(nullptr, {fail_above("360")}, NullPolicy::Warn) == Status::Warn);
    CHECK(status_of(nullptr, {fail_above("360")}, NullPolicy::Pass) == Status::Pass);
    // Whatever the rule's own severity: on_null decides.
    CHECK(status_of(nullptr, {warn_below("1")}) == Status::Fail);
    CHECK(status_of(nullptr, {strings_rule(RuleKind::EqualsAny, Severity::Fail, "fail_if",
                                           {"FAIL"})}) == Status::Fail);

    const Step step = sql_step({expect("minutes", {fail_above("360")})}, {"table_name"});
    const StepResult result = evaluate(step, {"table_name", "minutes"}, {{"tbl_never", nullptr}});
    REQUIRE(result.violations.size() == 1);
    const Violation& v = result.violations[0];
    CHECK(v.rule == "on_null");
    CHECK(v.severity == Severity::Fail);
    CHECK_FALSE(v.value.has_value());
    CHECK(v.threshold == "not NULL");
    CHECK_FALSE(v.threshold_is_number);
    CHECK(v.key == "tbl_never");
    CHECK(v.reason == "minutes is NULL: an unknown value is not a healthy one");
}

TEST_CASE("NULL in the comparison column of a *_column rule", "[evaluate][null][column]") {
    const auto step_with = [](NullPolicy on_null) {
        return sql_step({expect("drift_score",
                                {column_rule(RuleKind::AboveColumn, Severity::Fail,
                                             "fail_above_column", "threshold")},
                                on_null)},
                        {"feature"});
    };
    const std::vector<std::string> columns{"feature", "drift_score", "threshold"};
    const StepResult fail =
        evaluate(step_with(NullPolicy::Fail), columns, {{"f1", "0.5", nullptr}});
    CHECK(fail.status == Status::Fail);
    REQUIRE(fail.violations.size() == 1);
    CHECK(fail.violations[0].threshold == "NULL");
    CHECK(fail.violations[0].value == std::optional<std::string>("0.5"));
    CHECK(fail.violations[0].reason ==
          "threshold is NULL, so drift_score cannot be compared with it");
    CHECK(evaluate(step_with(NullPolicy::Warn), columns, {{"f1", "0.5", nullptr}}).status ==
          Status::Warn);
    CHECK(evaluate(step_with(NullPolicy::Pass), columns, {{"f1", "0.5", nullptr}}).status ==
          Status::Pass);
}

TEST_CASE("*_above_column and *_below_column compare with the same row", "[evaluate][column]") {
    const Step step = sql_step(
        {expect(
            "drift_score",
            {column_rule(RuleKind::AboveColumn, Severity::Fail, "fail_above_column", "threshold"),
             column_rule(RuleKind::BelowColumn, Severity::Warn, "warn_below_column", "floor")})},
        {"feature"});
    const std::vector<std::string> columns{"feature", "drift_score", "threshold", "floor"};
    CHECK(evaluate(step, columns, {{"f", "0.7", "0.7", "0.1"}}).status == Status::Pass);
    CHECK(evaluate(step, columns, {{"f", "0.1", "0.7", "0.1"}}).status == Status::Pass);
    CHECK(evaluate(step, columns, {{"f", "0.05", "0.7", "0.1"}}).status == Status::Warn);
    const StepResult above = evaluate(step, columns, {{"f", "0.8", "0.7", "0.1"}});
    CHECK(above.status == Status::Fail);
    REQUIRE(above.violations.size() == 1);
    CHECK(above.violations[0].threshold == "0.7");
    CHECK(above.violations[0].reason == "drift_score 0.8 > threshold 0.7");
    // Text in the other column is an error too.
    CHECK(evaluate(step, columns, {{"f", "0.8", "high", "0.1"}}).status == Status::Error);
}

TEST_CASE("fail_if / warn_if / fail_unless ignore case and trailing blanks",
          "[evaluate][strings]") {
    const Rule fail_if = strings_rule(RuleKind::EqualsAny, Severity::Fail, "fail_if", {"FAIL"});
    CHECK(status_of("FAIL", {fail_if}) == Status::Fail);
    CHECK(status_of("fail", {fail_if}) == Status::Fail);      // dbt spells in lower case
    CHECK(status_of("FAIL    ", {fail_if}) == Status::Fail);  // a CHAR(8) column
    CHECK(status_of("Fail ", {fail_if}) == Status::Fail);
    CHECK(status_of(" FAIL", {fail_if}) == Status::Pass);  // a leading blank is another word
    CHECK(status_of("FAILED", {fail_if}) == Status::Pass);
    CHECK(status_of("PASS", {fail_if}) == Status::Pass);
    // Non-ASCII letters compare as they are.
    const Rule umlaut = strings_rule(RuleKind::EqualsAny, Severity::Fail, "fail_if", {"Ärger"});
    CHECK(status_of("ärger", {umlaut}) == Status::Pass);
    CHECK(status_of("Ärger", {umlaut}) == Status::Fail);
    const Rule warn_if =
        strings_rule(RuleKind::EqualsAny, Severity::Warn, "warn_if", {"DEGRADED", "SLOW"});
    CHECK(status_of("SLOW", {warn_if}) == Status::Warn);
    CHECK(status_of("OK", {warn_if}) == Status::Pass);

    const Rule unless =
        strings_rule(RuleKind::EqualsNone, Severity::Fail, "fail_unless", {"SUCCESS"});
    CHECK(status_of("SUCCESS", {unless}) == Status::Pass);
    const StepResult failed = evaluate(sql_step({expect("n", {unless})}), {"n"}, {{"FAILED"}});
    CHECK(failed.status == Status::Fail);
    REQUIRE(failed.violations.size() == 1);
    CHECK(failed.violations[0].threshold == "not SUCCESS");
    CHECK_FALSE(failed.violations[0].threshold_is_number);
    CHECK(failed.violations[0].reason == "n is FAILED (expected SUCCESS)");
    CHECK(failed.violations[0].key == "row 1");
    CHECK(status_of("success", {unless}) == Status::Pass);
    CHECK(status_of("success  ", {unless}) == Status::Pass);
}

TEST_CASE("case_sensitive: string rules compare case, still not trailing blanks",
          "[evaluate][strings]") {
    Expectation exact =
        expect("n", {strings_rule(RuleKind::EqualsAny, Severity::Fail, "fail_if", {"Error"})});
    exact.case_sensitive = true;
    const auto status = [&](const char* value) {
        return evaluate(sql_step({exact}), {"n"}, {{value}}).status;
    };
    CHECK(status("Error") == Status::Fail);
    CHECK(status("Error  ") == Status::Fail);
    CHECK(status("error") == Status::Pass);
    CHECK(status("ERROR") == Status::Pass);
}

TEST_CASE("true and false match every connector's spelling of a boolean", "[evaluate][strings]") {
    const Rule if_false = strings_rule(RuleKind::EqualsAny, Severity::Fail, "fail_if", {"false"});
    // libpq "f", psqlODBC "false", SQLite 0.
    for (const char* value : {"f", "false", "FALSE", "0", "F"}) {
        INFO(value);
        CHECK(status_of(value, {if_false}) == Status::Fail);
    }
    for (const char* value : {"t", "true", "1", "no", "off"}) {
        INFO(value);
        CHECK(status_of(value, {if_false}) == Status::Pass);
    }
    const Rule unless_true =
        strings_rule(RuleKind::EqualsNone, Severity::Fail, "fail_unless", {"TRUE"});
    for (const char* value : {"t", "true", "1", "True"}) {
        INFO(value);
        CHECK(status_of(value, {unless_true}) == Status::Pass);
    }
    for (const char* value : {"f", "false", "0"}) {
        INFO(value);
        CHECK(status_of(value, {unless_true}) == Status::Fail);
    }
    // A rule that lists "1" means the text 1, not a boolean.
    const Rule if_one = strings_rule(RuleKind::EqualsAny, Severity::Fail, "fail_if", {"1"});
    CHECK(status_of("true", {if_one}) == Status::Pass);
    CHECK(status_of("1", {if_one}) == Status::Fail);
}

TEST_CASE("text where a number is expected is an error, never a pass", "[evaluate][numbers]") {
    for (const char* text : {"abc", "", "12abc", " 12", "12 ", "1,5", "0x10", "--1", "+-5", "1e",
                             "one hundred", "360 minutes"}) {
        INFO("value \"" << text << "\"");
        const Status above = status_of(text, {fail_above("360")});
        const Status below = status_of(text, {fail_below("0")});
        CHECK(above == Status::Error);
        CHECK(below == Status::Error);
    }
    const StepResult result = evaluate(sql_step({expect("minutes", {fail_above("360")})}, {"t"}),
                                       {"t", "minutes"}, {{"a", "1"}, {"b", "n/a"}, {"c", "9999"}});
    CHECK(result.status == Status::Error);
    CHECK(result.message == "minutes = \"n/a\" in b is not a number");
    CHECK(result.row_count == std::optional<size_t>(3));
}

TEST_CASE("NaN is an error", "[evaluate][numbers]") {
    for (const char* text : {"NaN", "nan", "-nan", "NAN"}) {
        INFO(text);
        CHECK(status_of(text, {fail_above("360")}) == Status::Error);
        CHECK(status_of(text, {warn_below("1")}) == Status::Error);
    }
    const StepResult result =
        evaluate(sql_step({expect("n", {fail_above("360")})}), {"n"}, {{"NaN"}});
    CHECK(result.message == "n = \"NaN\" in row 1 is not a number");
}

TEST_CASE("Infinity is a number beyond every threshold", "[evaluate][numbers]") {
    CHECK(status_of("Infinity", {fail_above("360")}) == Status::Fail);
    CHECK(status_of("inf", {fail_above("1e300")}) == Status::Fail);
    CHECK(status_of("-Infinity", {fail_above("360")}) == Status::Pass);
    CHECK(status_of("-Infinity", {fail_below("0")}) == Status::Fail);
    CHECK(status_of("Infinity", {fail_below("0")}) == Status::Pass);
}

TEST_CASE("numbers beyond the range of a double", "[evaluate][numbers]") {
    CHECK(status_of("1e400", {fail_above("360")}) == Status::Fail);
    CHECK(status_of("1e400", {fail_below("360")}) == Status::Pass);
    CHECK(status_of("-1e400", {fail_below("0")}) == Status::Fail);
    CHECK(status_of("-1e400", {fail_above("0")}) == Status::Pass);
    // Too small to represent is close to zero, not infinite.
    CHECK(status_of("1e-400", {fail_above("360")}) == Status::Pass);
    CHECK(status_of("1e-400", {fail_below("1")}) == Status::Fail);
    CHECK(status_of("-1e-400", {fail_below("-1")}) == Status::Pass);
    // Junk after an out-of-range number is still junk.
    CHECK(status_of("1e400abc", {fail_above("360")}) == Status::Error);
    CHECK(status_of("1e-400x", {fail_below("1")}) == Status::Error);
    // A long integer, as a NUMERIC(38) would print it.
    CHECK(status_of("99999999999999999999999999999999999999", {fail_above("360")}) == Status::Fail);
}

TEST_CASE("a missing column is an error naming the column", "[evaluate][columns]") {
    const StepResult result = evaluate(sql_step({expect("minutes", {fail_above("360")})}),
                                       {"table_name", "minutes_since_sync"}, {{"a", "1"}});
    CHECK(result.status == Status::Error);
    CHECK(result.message ==
          "column \"minutes\" is not in the result (columns: table_name, minutes_since_sync)");
    CHECK(result.violations.empty());

    // The key column, and the other column of a *_column rule, too.
    const StepResult key =
        evaluate(sql_step({expect("n", {fail_above("1")})}, {"table"}), {"n"}, {{"0"}});
    CHECK(key.status == Status::Error);
    CHECK(key.message == "column \"table\" is not in the result (columns: n)");
    const StepResult other =
        evaluate(sql_step({expect("n", {column_rule(RuleKind::AboveColumn, Severity::Fail,
                                                    "fail_above_column", "limit")})}),
                 {"n"}, {{"0"}});
    CHECK(other.status == Status::Error);
    CHECK(other.message == "column \"limit\" is not in the result (columns: n)");
    // Even with no rows at all.
    CHECK(evaluate(sql_step({expect("minutes", {fail_above("360")})}), {"a"}, {}).status ==
          Status::Error);
}

TEST_CASE("a duplicated column name is an error when a check uses it", "[evaluate][columns]") {
    const StepResult result =
        evaluate(sql_step({expect("n", {fail_above("360")})}), {"n", "n"}, {{"1", "999"}});
    CHECK(result.status == Status::Error);
    CHECK(result.message ==
          "column \"n\" appears 2 times in the result; the check would be ambiguous");
    // A duplicated column nobody checks is fine.
    const StepResult unused =
        evaluate(sql_step({expect("n", {fail_above("360")})}), {"x", "n", "x"}, {{"1", "2", "3"}});
    CHECK(unused.status == Status::Pass);
}

TEST_CASE("row keys: row numbers, one key column, two, NULL and Unicode", "[evaluate][keys]") {
    const std::vector<Row> rows{{"a", "b", "1"}, {"Zürich", "東京", "999"}, {nullptr, "x", "500"}};
    const std::vector<std::string> columns{"k1", "k2", "n"};

    const StepResult numbered =
        evaluate(sql_step({expect("n", {fail_above("10")})}), columns, rows);
    REQUIRE(numbered.violations.size() == 2);
    CHECK(numbered.violations[0].key == "row 2");
    CHECK(numbered.violations[1].key == "row 3");

    const StepResult one =
        evaluate(sql_step({expect("n", {fail_above("10")})}, {"k2"}), columns, rows);
    REQUIRE(one.violations.size() == 2);
    CHECK(one.violations[0].key == "東京");
    CHECK(one.violations[1].key == "x");

    const StepResult two =
        evaluate(sql_step({expect("n", {fail_above("10")})}, {"k1", "k2"}), columns, rows);
    REQUIRE(two.violations.size() == 2);
    CHECK(two.violations[0].key == "Zürich / 東京");
    CHECK(two.violations[1].key == "NULL / x");
    CHECK(two.message == "2 breaches in 3 rows; first: Zürich / 東京: n 999 > 10 (fail)");
    // Unicode values are kept byte for byte in the rows too.
    REQUIRE(two.rows.size() == 3);
    CHECK(two.rows[1][0].text == "Zürich");
    CHECK(two.rows[2][0].is_null);
}

TEST_CASE("row_count rules", "[evaluate][row_count]") {
    Step step = sql_step({});
    step.row_count_rules.push_back(fail_below("1"));
    const StepResult empty = evaluate(step, {"shipment_id"}, {});
    CHECK(empty.status == Status::Fail);
    CHECK(empty.row_count == std::optional<size_t>(0));
    CHECK(empty.violation_count == 1);
    REQUIRE(empty.violations.size() == 1);
    const Violation& v = empty.violations[0];
    CHECK(v.rule == "fail_below");
    CHECK(v.column == "(row count)");
    CHECK(v.value == std::optional<std::string>("0"));
    CHECK(v.threshold == "1");
    CHECK(v.threshold_is_number);
    CHECK(v.key.empty());
    CHECK(v.reason == "returned 0 rows, fewer than 1");
    CHECK(empty.message == "1 breach in 0 rows; first: returned 0 rows, fewer than 1 (fail)");

    CHECK(evaluate(step, {"shipment_id"}, {{"1"}}).status == Status::Pass);

    Step bounded = sql_step({});
    bounded.row_count_rules = {fail_above("3"), warn_above("1")};
    CHECK(evaluate(bounded, {"x"}, {{"1"}}).status == Status::Pass);
    CHECK(evaluate(bounded, {"x"}, {{"1"}, {"2"}}).status == Status::Warn);
    CHECK(evaluate(bounded, {"x"}, {{"1"}, {"2"}, {"3"}}).status == Status::Warn);
    const StepResult too_many = evaluate(bounded, {"x"}, {{"1"}, {"2"}, {"3"}, {"4"}});
    CHECK(too_many.status == Status::Fail);
    CHECK(too_many.message == "2 breaches in 4 rows; first: returned 4 rows, more than 3 (fail)");
}

TEST_CASE("no rows is not health: a step with expectations warns by default",
          "[evaluate][row_count][on_empty]") {
    const StepResult result = evaluate(sql_step({expect("n", {fail_above("1")})}), {"n"}, {});
    CHECK(result.status == Status::Warn);
    CHECK(result.message == "no rows in the window: nothing confirms health");
    CHECK(result.row_count == std::optional<size_t>(0));
    REQUIRE(result.violations.size() == 1);
    CHECK(result.violations[0].rule == "on_empty");
    CHECK(result.violations[0].severity == Severity::Warn);
    CHECK(result.violation_count == 1);
    const StepResult some =
        evaluate(sql_step({expect("n", {fail_above("1")})}), {"n"}, {{"0"}, {"1"}});
    CHECK(some.status == Status::Pass);
    CHECK(some.message == "2 rows, all within thresholds");
}

TEST_CASE("on_empty: fail and pass, and row_count steps", "[evaluate][row_count][on_empty]") {
    Step failing = sql_step({expect("n", {fail_above("1")})});
    failing.on_empty = opsctl::EmptyPolicy::Fail;
    const StepResult failed = evaluate(failing, {"n"}, {});
    CHECK(failed.status == Status::Fail);
    CHECK(failed.message == "no rows in the window: nothing confirms health");

    Step passing = sql_step({expect("n", {fail_above("1")})});
    passing.on_empty = opsctl::EmptyPolicy::Pass;
    const StepResult passed = evaluate(passing, {"n"}, {});
    CHECK(passed.status == Status::Pass);
    CHECK(passed.message == "0 rows (on_empty: pass)");
    CHECK(passed.violations.empty());

    // A row-count rule says what no rows means: where rows are the problems, none is health.
    Step problems = sql_step({expect("n", {fail_above("1")})});
    problems.row_count_rules.push_back(fail_above("0"));
    CHECK(evaluate(problems, {"n"}, {}).status == Status::Pass);
    // ... unless the author says otherwise.
    problems.on_empty = opsctl::EmptyPolicy::Warn;
    CHECK(evaluate(problems, {"n"}, {}).status == Status::Warn);

    // A row-count breach on no rows is reported once, as the breach it is.
    Step floor = sql_step({expect("n", {fail_above("1")})});
    floor.row_count_rules.push_back(fail_below("1"));
    const StepResult none = evaluate(floor, {"n"}, {});
    CHECK(none.status == Status::Fail);
    CHECK(none.violation_count == 1);
    CHECK(none.violations[0].rule == "fail_below");

    // A step that errored is an error, not an empty window.
    const StepResult missing = evaluate(sql_step({expect("x", {fail_above("1")})}), {"n"}, {});
    CHECK(missing.status == Status::Error);
}

TEST_CASE("column names match the engine's folding of case", "[evaluate][columns]") {
    // Snowflake returns unquoted identifiers in upper case.
    const StepResult upper =
        evaluate(sql_step({expect("minutes_since_sync", {fail_above("360")})}, {"table_name"}),
                 {"TABLE_NAME", "MINUTES_SINCE_SYNC"}, {{"orders", "400"}});
    CHECK(upper.status == Status::Fail);
    REQUIRE(upper.violations.size() == 1);
    CHECK(upper.violations[0].column == "minutes_since_sync");  // the runbook's spelling
    CHECK(upper.violations[0].key == "orders");
    // The *_column operand too.
    const Rule over =
        column_rule(RuleKind::AboveColumn, Severity::Fail, "fail_above_column", "limit_usd");
    CHECK(evaluate(sql_step({expect("spent", {over})}), {"SPENT", "Limit_Usd"}, {{"5", "4"}})
              .status == Status::Fail);
    // Two columns equal but for case: ambiguous, an error naming both.
    const StepResult twice =
        evaluate(sql_step({expect("n", {fail_above("5")})}), {"N", "n"}, {{"7", "1"}});
    CHECK(twice.status == Status::Error);
    CHECK(twice.message ==
          "column \"n\" matches \"N\" and \"n\", which differ only in case; the check would be "
          "ambiguous");
}

TEST_CASE("thresholds compare exactly as written, beyond a double's precision",
          "[evaluate][numbers]") {
    // 2^64 and 2^64 + 1 are one double.
    CHECK(status_of("18446744073709551617", {fail_above("18446744073709551616")}) == Status::Fail);
    CHECK(status_of("18446744073709551616", {fail_above("18446744073709551616")}) == Status::Pass);
    CHECK(status_of("18446744073709551615", {fail_below("18446744073709551616")}) == Status::Fail);
    CHECK(status_of("0.30000000000000001", {fail_above("0.3")}) == Status::Fail);
    CHECK(status_of("0.3", {fail_above("0.30000000000000001")}) == Status::Pass);
    CHECK(status_of("0.30000000000000001", {fail_above("0.30000000000000002")}) == Status::Pass);
    const StepResult shown = evaluate(sql_step({expect("n", {fail_above("18446744073709551616")})}),
                                      {"n"}, {{"18446744073709551617"}});
    REQUIRE(shown.violations.size() == 1);
    CHECK(shown.violations[0].threshold == "18446744073709551616");
    CHECK(shown.violations[0].reason == "n 18446744073709551617 > 18446744073709551616");
}

TEST_CASE("older_than on timestamps, as of 2026-11-26 08:00", "[evaluate][age]") {
    const std::vector<Rule> day{older_than(Severity::Fail, "24h")};
    CHECK(status_of("2026-11-25 08:00:00", day) == Status::Pass);  // exactly 24h
    CHECK(status_of("2026-11-25 08:00:01", day) == Status::Pass);
    CHECK(status_of("2026-11-25 07:59:59", day) == Status::Fail);
    CHECK(status_of("2026-11-26 07:00:00", day) == Status::Pass);
    CHECK(status_of("2026-11-25T07:59:59Z", day) == Status::Fail);
    // 09:00 at +02:00 is 07:00 UTC: 25 hours old.
    CHECK(status_of("2026-11-25T09:00:00+02:00", day) == Status::Fail);
    CHECK(status_of("2026-11-25 07:30:00-01:00", day) == Status::Pass);  // 08:30 UTC

    const std::vector<Rule> bands{older_than(Severity::Fail, "24h"),
                                  older_than(Severity::Warn, "12h")};
    CHECK(status_of("2026-11-25 19:59:59", bands) == Status::Warn);  // 12h and 1s
    CHECK(status_of("2026-11-25 20:00:00", bands) == Status::Pass);  // exactly 12h
    CHECK(status_of("2026-11-25 21:00:00", bands) == Status::Pass);
    CHECK(status_of("2026-11-25 07:00:00", bands) == Status::Fail);

    const StepResult result =
        evaluate(sql_step({expect("last_backup_time", day)}, {"t"}), {"t", "last_backup_time"},
                 {{"orders", "2026-11-24 08:00:00"}});
    REQUIRE(result.violations.size() == 1);
    CHECK(result.violations[0].threshold == "1d");
    CHECK(result.violations[0].rule == "fail_older_than");
    CHECK(result.violations[0].reason ==
          "last_backup_time 2026-11-24 08:00 UTC is 2d old, older than 1d");
}

TEST_CASE("a time more than 5 minutes ahead of the as-of time fails like a NULL",
          "[evaluate][age][future]") {
    const std::vector<Rule> day{older_than(Severity::Fail, "24h")};
    CHECK(status_of("2026-11-26 08:05:00", day) == Status::Pass);  // within clock drift
    CHECK(status_of("2026-11-26 08:05:01", day) == Status::Fail);
    CHECK(status_of("2026-11-28 08:00:00", day) == Status::Fail);        // now() + 2 days
    CHECK(status_of("2026-11-26T10:00:00+02:00", day) == Status::Pass);  // 08:00 UTC
    CHECK(status_of("2026-11-26", day) == Status::Pass);                 // today's date
    CHECK(status_of("2026-11-27", day) == Status::Fail);                 // tomorrow's
    // A warn_older_than rule fails too, as a NULL would; on_null warn makes it warn.
    const std::vector<Rule> warn_only{older_than(Severity::Warn, "24h")};
    CHECK(status_of("2026-11-28 08:00:00", warn_only) == Status::Fail);
    CHECK(status_of("2026-11-28 08:00:00", warn_only, NullPolicy::Warn) == Status::Warn);
    const StepResult result =
        evaluate(sql_step({expect("t", day)}), {"t"}, {{"2026-11-28 08:00:00"}});
    REQUIRE(result.violations.size() == 1);
    CHECK(result.violations[0].reason ==
          "t 2026-11-28 08:00:00 is in the future (as of 2026-11-26 08:00:00 UTC): clock skew "
          "or bad data");
}

TEST_CASE("older_than on dates counts whole days", "[evaluate][age]") {
    // As of D = 2026-11-26 08:00: D-1 is one day old (passes "1d"), D-2 two (fails).
    const std::vector<Rule> one_day{older_than(Severity::Fail, "1d")};
    CHECK(status_of("2026-11-26", one_day) == Status::Pass);
    CHECK(status_of("2026-11-25", one_day) == Status::Pass);
    CHECK(status_of("2026-11-24", one_day) == Status::Fail);
    // Even at 23:59 on D, D-1 is still one day old.
    const Timestamp late = *opsctl::parse_timestamp("2026-11-26 23:59:59");
    CHECK(evaluate(sql_step({expect("d", one_day)}), {"d"}, {{"2026-11-25"}}, {}, late).status ==
          Status::Pass);
    // And "24h" on a date behaves like "1d".
    CHECK(status_of("2026-11-25", {older_than(Severity::Fail, "24h")}) == Status::Pass);
    CHECK(status_of("2026-11-24", {older_than(Severity::Warn, "24h")}) == Status::Warn);

    const StepResult result = evaluate(sql_step({expect("d", one_day)}), {"d"}, {{"2026-11-24"}});
    REQUIRE(result.violations.size() == 1);
    CHECK(result.violations[0].reason == "d 2026-11-24 is 2d old, older than 1d");
}

TEST_CASE("older_than on text that is no date is an error", "[evaluate][age]") {
    for (const char* text : {"yesterday", "2026-02-30", "2026-11-25 25:00:00", "1764000000"}) {
        INFO(text);
        CHECK(status_of(text, {older_than(Severity::Fail, "1d")}) == Status::Error);
    }
    const StepResult result =
        evaluate(sql_step({expect("d", {older_than(Severity::Fail, "1d")})}), {"d"}, {{"soon"}});
    CHECK(result.message == "d = \"soon\" in row 1 is not a date or timestamp");
}

TEST_CASE("report steps pass and keep their rows", "[evaluate][report]") {
    Step step = sql_step({});
    step.report = true;
    const StepResult result =
        evaluate(step, {"warehouse", "state"}, {{"WH_ETL", "STARTED"}, {"WH_BI", nullptr}});
    CHECK(result.status == Status::Pass);
    CHECK(result.message == "2 rows");
    CHECK(result.row_count == std::optional<size_t>(2));
    CHECK(result.columns == std::vector<std::string>{"warehouse", "state"});
    REQUIRE(result.rows.size() == 2);
    CHECK(result.rows[0][0].text == "WH_ETL");
    CHECK(result.rows[1][1].is_null);
    CHECK(result.violations.empty());

    CHECK(evaluate(step, {"x"}, {{"1"}}).message == "1 row");
    CHECK(evaluate(step, {"x"}, {}).status == Status::Pass);
}

TEST_CASE("kept violations and rows are capped, while the counts count all", "[evaluate][limits]") {
    const Step step = sql_step({expect("n", {fail_above("0")})}, {"id"});
    std::vector<std::string> ids;
    for (int i = 1; i <= 10; ++i) ids.push_back("id" + std::to_string(i));
    std::vector<Row> rows;
    for (const auto& id : ids) rows.push_back({id.c_str(), "5"});

    const StepResult result = evaluate(step, {"id", "n"}, rows, EvaluationLimits{2, 3});
    CHECK(result.status == Status::Fail);
    CHECK(result.row_count == std::optional<size_t>(10));
    CHECK(result.rows.size() == 2);
    CHECK(result.rows[1][0].text == "id2");
    CHECK(result.violation_count == 10);
    REQUIRE(result.violations.size() == 3);
    CHECK(result.violations[0].key == "id1");
    CHECK(result.violations[2].key == "id3");
    CHECK(result.message == "10 breaches in 10 rows; first: id1: n 5 > 0 (fail)");

    // The defaults: 20 rows and 50 violations.
    std::vector<std::string> many_ids;
    for (int i = 0; i < 60; ++i) many_ids.push_back(std::to_string(i));
    std::vector<Row> many;
    for (const auto& id : many_ids) many.push_back({id.c_str(), "5"});
    const StepResult defaults = evaluate(step, {"id", "n"}, many);
    CHECK(defaults.rows.size() == 20);
    CHECK(defaults.violations.size() == 50);
    CHECK(defaults.violation_count == 60);
    CHECK(defaults.row_count == std::optional<size_t>(60));
}

TEST_CASE("a row-count breach is counted even when no violation is kept", "[evaluate][limits]") {
    Step step = sql_step({expect("n", {warn_above("0")})});
    step.row_count_rules.push_back(fail_above("1"));
    const StepResult result = evaluate(step, {"n"}, {{"1"}, {"2"}}, EvaluationLimits{20, 1});
    CHECK(result.status == Status::Fail);
    CHECK(result.violation_count == 3);
    REQUIRE(result.violations.size() == 1);
    CHECK(result.violations[0].severity == Severity::Warn);
}

TEST_CASE("keeping no violations at all still reports the breaches", "[evaluate][limits]") {
    const Step step = sql_step({expect("n", {fail_above("0")})});
    const StepResult result = evaluate(step, {"n"}, {{"1"}, {"2"}, {"3"}}, EvaluationLimits{0, 0});
    CHECK(result.status == Status::Fail);
    CHECK(result.violations.empty());
    CHECK(result.rows.empty());
    CHECK(result.violation_count == 3);
    CHECK_THAT(result.message, Catch::StartsWith("3 breaches in 3 rows"));
}

TEST_CASE("breach reasons show the digits that make the breach, ages in units",
          "[evaluate][display]") {
    const auto reason = [](const Step& step, const char* value) {
        const StepResult result = evaluate(step, {"x"}, {{value}});
        REQUIRE(result.violations.size() == 1);
        return result.violations[0].reason;
    };
    const Step above = sql_step({expect("x", {fail_above("360")})});
    CHECK(reason(above, "360.0004") == "x 360.0004 > 360");
    CHECK(reason(above, "1500.123456789") == "x 1500.12 > 360");
    CHECK(reason(sql_step({expect("x", {fail_above("5")})}), "7.20000000000000000000") ==
          "x 7.2 > 5");
    const Step old = sql_step({expect("x", {older_than(Severity::Fail, "6h")})});
    CHECK(reason(old, "2026-11-25 22:26:03") ==
          "x 2026-11-25 22:26:03 UTC is 9h 33m old, older than 6h");
    CHECK(reason(old, "2026-11-26 01:59:30") ==
          "x 2026-11-26 01:59:30 UTC is 6h 0m 30s old, older than 6h");
    // The JSON report's fields keep the exact text.
    const StepResult exact = evaluate(above, {"x"}, {{"360.0004000"}});
    CHECK(exact.violations[0].value == std::optional<std::string>("360.0004000"));
    CHECK(exact.violations[0].threshold == "360");
}

TEST_CASE("a report step with thresholds is evaluated and keeps its rows", "[evaluate][report]") {
    Step step = sql_step({expect("unpaid_pct", {fail_above("5")})});
    step.report = true;
    const StepResult breach =
        evaluate(step, {"month", "unpaid_pct"}, {{"2026-10-01", "3.1"}, {"2026-11-01", "7.2"}});
    CHECK(breach.status == Status::Fail);
    CHECK(breach.violation_count == 1);
    CHECK(breach.rows.size() == 2);
    const StepResult held =
        evaluate(step, {"month", "unpaid_pct"}, {{"2026-10-01", "3.1"}, {"2026-11-01", "4"}});
    CHECK(held.status == Status::Pass);
    CHECK(held.message == "2 rows");
    CHECK(held.rows.size() == 2);
}

TEST_CASE("show: the named columns of each offending row, matched as rule columns are",
          "[evaluate][show]") {
    Step step =
        sql_step({expect("sla_result",
                         {strings_rule(RuleKind::EqualsAny, Severity::Fail, "fail_if", {"FAIL"})})},
                 {"table_name"});
    step.show = {"evaluation_timestamp", "note"};
    step.row_count_rules = {fail_below("3")};
    // Snowflake's upper case answers to the runbook's lower case; NULL stays NULL.
    const StepResult result =
        evaluate(step, {"TABLE_NAME", "SLA_RESULT", "EVALUATION_TIMESTAMP", "NOTE"},
                 {{"orders", "FAIL", "2026-09-01 00:00:00", nullptr},
                  {"lines", "PASS", "2026-11-26 07:00:00", "fine"}});
    CHECK(result.status == Status::Fail);
    REQUIRE(result.violations.size() == 2);
    const Violation& row = result.violations[0];
    CHECK(row.key == "orders");
    REQUIRE(row.context.size() == 2);
    CHECK(row.context[0].column == "evaluation_timestamp");  // the runbook's spelling
    CHECK(row.context[0].value == std::optional<std::string>("2026-09-01 00:00:00"));
    CHECK(row.context[1].column == "note");
    CHECK_FALSE(row.context[1].value.has_value());
    // The row count is no row: it has no context.
    CHECK(result.violations[1].column == "(row count)");
    CHECK(result.violations[1].context.empty());

    // A name not in the result, or one two columns answer to, is an error naming it.
    const StepResult missing =
        evaluate(step, {"table_name", "sla_result", "note"}, {{"orders", "FAIL", "x"}});
    CHECK(missing.status == Status::Error);
    CHECK(missing.message ==
          "column \"evaluation_timestamp\" is not in the result (columns: table_name, "
          "sla_result, note)");
    const StepResult twice =
        evaluate(step, {"table_name", "sla_result", "evaluation_timestamp", "NOTE", "note"},
                 {{"orders", "PASS", "2026-09-01", "a", "b"},
                  {"b", "PASS", "x", "y", "z"},
                  {"c", "PASS", "x", "y", "z"}});
    CHECK(twice.status == Status::Error);
    CHECK(twice.message ==
          "column \"note\" matches \"NOTE\" and \"note\", which differ only in case; the check "
          "would be ambiguous");
}
