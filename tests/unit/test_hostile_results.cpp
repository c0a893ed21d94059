// What a warehouse may hand back, at its worst: text where a number is expected,
// NaN, infinities, numbers beyond double, empty strings, 10,000 columns, a repeated
// column, NULL as a threshold, a row of the wrong width. Each is an `error` or the
// right verdict, never a wrong `pass`.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "opsctl/core/timestamp.h"
#include "opsctl/evaluate/decimal_compare.h"
#include "opsctl/evaluate/row_evaluator.h"
#include "unit/step_builders.h"

using opsctl::Cell;
using opsctl::Expectation;
using opsctl::RowEvaluator;
using opsctl::Rule;
using opsctl::RuleKind;
using opsctl::Severity;
using opsctl::Status;
using opsctl::Step;
using opsctl::StepResult;

namespace {

Rule number_rule(RuleKind kind, const std::string& text) {
    return opsctl::test::threshold(kind, Severity::Fail,
                                   kind == RuleKind::Above ? "fail_above" : "fail_below", text);
}

Rule column_rule(RuleKind kind, const std::string& column) {
    return opsctl::test::column_rule(
        kind, Severity::Fail,
        kind == RuleKind::AboveColumn ? "fail_above_column" : "fail_below_column", column);
}

Step step_with(const std::string& column, std::vector<Rule> rules) {
    return opsctl::test::sql_step({opsctl::test::expect(column, std::move(rules))});
}

StepResult evaluate(const Step& step, const std::vector<std::string>& columns,
                    const std::vector<std::vector<Cell>>& rows) {
    return opsctl::test::evaluate_cells(step, columns, rows);
}

// One value against fail_above/fail_below `threshold`.
Status status_of(const std::string& value, RuleKind kind, const std::string& threshold) {
    const Step step = step_with("v", {number_rule(kind, threshold)});
    return evaluate(step, {"v"}, {{Cell::of(value)}}).status;
}

// value against fail_above_column / fail_below_column `limit`.
Status column_status(const std::string& value, RuleKind kind, const Cell& limit) {
    const Step step = step_with("v", {column_rule(kind, "limit")});
    return evaluate(step, {"v", "limit"}, {{Cell::of(value), limit}}).status;
}

}  // namespace

TEST_CASE("hostile results: text, empty strings and NaN where a number is expected are errors",
          "[hostile]") {
    for (const char* text : {"", " ", "twelve", "NaN", "nan", "-NaN", "1.2.3", "0x1p4", "∞"}) {
        INFO("value: \"" << text << "\"");
        CHECK(status_of(text, RuleKind::Above, "360") == Status::Error);
        CHECK(status_of(text, RuleKind::Below, "360") == Status::Error);
        CHECK(column_status(text, RuleKind::AboveColumn, Cell::of("1")) == Status::Error);
        CHECK(column_status("1", RuleKind::AboveColumn, Cell::of(text)) == Status::Error);
    }
}

TEST_CASE("hostile results: infinities get the verdict of their sign", "[hostile]") {
    // PostgreSQL prints float infinities as Infinity, SQLite as Inf.
    for (const char* text : {"Infinity", "inf", "Inf", "+Infinity"}) {
        INFO(text);
        CHECK(status_of(text, RuleKind::Above, "360") == Status::Fail);
        CHECK(status_of(text, RuleKind::Below, "360") == Status::Pass);
        CHECK(column_status(text, RuleKind::AboveColumn, Cell::of("1e308")) == Status::Fail);
    }
    for (const char* text : {"-Infinity", "-inf", "-Inf"}) {
        INFO(text);
        CHECK(status_of(text, RuleKind::Below, "0") == Status::Fail);
        CHECK(status_of(text, RuleKind::Above, "0") == Status::Pass);
        CHECK(column_status(text, RuleKind::BelowColumn, Cell::of("-1e308")) == Status::Fail);
    }
}

TEST_CASE("hostile results: numbers beyond double are compared exactly", "[hostile]") {
    const std::string huge(400, '9');  // a 400-digit integer: NUMERIC has no limit there
    CHECK(status_of(huge, RuleKind::Above, "360") == Status::Fail);
    CHECK(status_of("-" + huge, RuleKind::Below, "0") == Status::Fail);
    CHECK(status_of("1e400", RuleKind::Above, "1e300") == Status::Fail);
    // Both sides infinite as doubles: only the texts can tell them apart.
    CHECK(column_status("1e401", RuleKind::AboveColumn, Cell::of("1e400")) == Status::Fail);
    CHECK(column_status(huge + "1", RuleKind::AboveColumn, Cell::of(huge)) == Status::Fail);
    CHECK(column_status(huge, RuleKind::AboveColumn, Cell::of(huge + ".0")) == Status::Pass);
    CHECK(column_status("-1e401", RuleKind::BelowColumn, Cell::of("-1e400")) == Status::Fail);
    // Beyond double's precision, not its range.
    CHECK(column_status("0.30000000000000000001", RuleKind::AboveColumn, Cell::of("0.3")) ==
          Status::Fail);
}

TEST_CASE("hostile results: exact decimal comparison with exponents", "[hostile]") {
    using opsctl::compare_decimal_text;
    CHECK(compare_decimal_text("1e400", "1e401") == -1);
    CHECK(compare_decimal_text("10e399", "1e400") == 0);
    CHECK(compare_decimal_text("0.001e3", "1") == 0);
    CHECK(compare_decimal_text("-0", "0e5") == 0);
    CHECK(compare_decimal_text("4.2E-7", "0.00000042") == 0);
    CHECK(compare_decimal_text("-2e3", "-1999.5") == -1);
    CHECK(compare_decimal_text("1e", "1") == std::nullopt);
    CHECK(compare_decimal_text("1e1234567890123456", "1") == std::nullopt);
    CHECK(compare_decimal_text("Infinity", "1") == std::nullopt);
}

TEST_CASE("hostile results: NULL in the threshold column is never a pass", "[hostile]") {
    CHECK(column_status("5", RuleKind::AboveColumn, Cell::null()) == Status::Fail);
    CHECK(column_status("5", RuleKind::BelowColumn, Cell::null()) == Status::Fail);
}

TEST_CASE("hostile results: 10,000 columns, the checked one last", "[hostile]") {
    std::vector<std::string> columns;
    std::vector<Cell> row;
    for (int i = 0; i < 10000; ++i) {
        columns.push_back("c" + std::to_string(i));
        row.push_back(Cell::of(std::to_string(i)));
    }
    const Step above = step_with("c9999", {number_rule(RuleKind::Above, "9998")});
    CHECK(evaluate(above, columns, {row}).status == Status::Fail);
    const Step within = step_with("c9999", {number_rule(RuleKind::Above, "9999")});
    CHECK(evaluate(within, columns, {row}).status == Status::Pass);

    // A missing column among 10,000 is an error whose message stays short.
    const Step missing = step_with("nosuch", {number_rule(RuleKind::Above, "1")});
    const StepResult result = evaluate(missing, columns, {row});
    CHECK(result.status == Status::Error);
    CHECK(result.message.find("\"nosuch\"") != std::string::npos);
    CHECK(result.message.size() < 400);
}

TEST_CASE("hostile results: a repeated column name makes the check ambiguous", "[hostile]") {
    const Step step = step_with("v", {number_rule(RuleKind::Above, "10")});
    const StepResult result = evaluate(step, {"v", "v"}, {{Cell::of("1"), Cell::of("99")}});
    CHECK(result.status == Status::Error);
    CHECK(result.message.find("appears 2 times") != std::string::npos);
}

TEST_CASE("hostile results: a row of another width than the columns is an error", "[hostile]") {
    const Step step = step_with("v", {number_rule(RuleKind::Above, "10")});
    CHECK(evaluate(step, {"k", "v"}, {{Cell::of("a")}}).status == Status::Error);
    CHECK(evaluate(step, {"v"}, {{Cell::of("1"), Cell::of("99")}}).status == Status::Error);
}

TEST_CASE("hostile results: a 10 MB value in an error message is cut", "[hostile]") {
    const std::string big(10 * 1024 * 1024, 'x');
    const Step step = step_with("v", {number_rule(RuleKind::Above, "10")});
    const StepResult result = evaluate(step, {"v"}, {{Cell::of(big)}});
    CHECK(result.status == Status::Error);
    CHECK(result.message.size() < 400);
    CHECK(result.message.find("(10485760 bytes)") != std::string::npos);
}
