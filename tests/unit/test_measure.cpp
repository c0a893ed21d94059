// A step's numeric measure (evaluate/measure.h), through the RowEvaluator that
// feeds it every row: the worst value of the first expectation with a fixed
// numeric threshold, with that direction's warn and fail thresholds.

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "opsctl/core/timestamp.h"
#include "opsctl/evaluate/row_evaluator.h"

using opsctl::Cell;
using opsctl::EvaluationLimits;
using opsctl::Expectation;
using opsctl::RowEvaluator;
using opsctl::Rule;
using opsctl::RuleKind;
using opsctl::Severity;
using opsctl::Status;
using opsctl::Step;
using opsctl::StepResult;

namespace {

Rule rule(RuleKind kind, Severity severity, const std::string& text) {
    Rule r;
    r.kind = kind;
    r.severity = severity;
    const bool fail = severity == Severity::Fail;
    if (kind == RuleKind::Above) r.name = fail ? "fail_above" : "warn_above";
    if (kind == RuleKind::Below) r.name = fail ? "fail_below" : "warn_below";
    if (kind == RuleKind::EqualsAny) r.name = fail ? "fail_if" : "warn_if";
    if (kind == RuleKind::Above || kind == RuleKind::Below) {
        r.number = std::stod(text);
        r.number_text = text;
    } else {
        r.strings = {text};
    }
    return r;
}

Expectation expect(const std::string& column, std::vector<Rule> rules) {
    Expectation e;
    e.column = column;
    e.rules = std::move(rules);
    return e;
}

// Runs `step` over rows of (key, value...) cells; nullptr is NULL.
StepResult evaluate(const Step& step, const std::vector<std::string>& columns,
                    const std::vector<std::vector<const char*>>& rows,
                    EvaluationLimits limits = {}) {
    RowEvaluator evaluator(step, *opsctl::parse_timestamp("2026-11-26 08:00:00"), limits);
    evaluator.on_columns(columns);
    for (const auto& row : rows) {
        std::vector<Cell> cells;
        for (const char* value : row) cells.push_back(value ? Cell::of(value) : Cell::null());
        evaluator.on_row(cells);
    }
    StepResult result;
    evaluator.finish(result);
    return result;
}

Step sql_step(std::vector<Expectation> expectations) {
    Step step;
    step.id = "s";
    step.kind = opsctl::StepKind::Sql;
    step.expectations = std::move(expectations);
    return step;
}

}  // namespace

TEST_CASE("measure: the largest value for an above rule, across every row", "[measure]") {
    const Step step = sql_step({expect("status", {rule(RuleKind::EqualsAny, Severity::Fail, "X")}),
                                expect("minutes", {rule(RuleKind::Above, Severity::Warn, "240"),
                                                   rule(RuleKind::Above, Severity::Fail, "360")})});
    // The worst row comes after the rows kept for the report: it still counts.
    const StepResult result =
        evaluate(step, {"status", "minutes"},
                 {{"OK", "12"}, {"OK", "3"}, {"OK", nullptr}, {"OK", "1500"}, {"OK", "7"}},
                 EvaluationLimits{2, 50});
    REQUIRE(result.measure);
    CHECK(result.measure->column == "minutes");
    CHECK(result.measure->value == 1500);
    CHECK(result.measure->value_text == "1500");
    CHECK(result.measure->warn == "240");
    CHECK(result.measure->fail == "360");
    CHECK(result.measure->above);
    CHECK(result.status == Status::Fail);
}

TEST_CASE("measure: the smallest value for a below rule; only that direction's thresholds",
          "[measure]") {
    const Step step = sql_step({expect("score", {rule(RuleKind::Below, Severity::Fail, "0.95"),
                                                 rule(RuleKind::Above, Severity::Warn, "2"),
                                                 rule(RuleKind::Below, Severity::Warn, "0.99")})});
    const StepResult result = evaluate(step, {"score"}, {{"0.999"}, {"0.97"}, {"1.5"}});
    REQUIRE(result.measure);
    CHECK(result.measure->value_text == "0.97");
    CHECK_FALSE(result.measure->above);
    CHECK(result.measure->warn == "0.99");
    CHECK(result.measure->fail == "0.95");
    CHECK(result.status == Status::Warn);
}

TEST_CASE("measure: a number in another spelling becomes a plain decimal", "[measure]") {
    const Step step = sql_step({expect("v", {rule(RuleKind::Above, Severity::Fail, "1e9")})});
    const StepResult result = evaluate(step, {"v"}, {{"1.5e3"}, {"2"}});
    REQUIRE(result.measure);
    CHECK(result.measure->value_text == "1500");
    CHECK_FALSE(result.measure->warn);
    CHECK(result.measure->fail == "1e9");
}

TEST_CASE("measure: none without a numeric threshold, or when the step errs", "[measure]") {
    const Step strings = sql_step({expect("s", {rule(RuleKind::EqualsAny, Severity::Fail, "X")})});
    CHECK_FALSE(evaluate(strings, {"s"}, {{"A"}}).measure);

    const Step numbers = sql_step({expect("v", {rule(RuleKind::Above, Severity::Fail, "10")})});
    CHECK_FALSE(evaluate(numbers, {"v"}, {}).measure);           // no rows: no value
    CHECK_FALSE(evaluate(numbers, {"v"}, {{nullptr}}).measure);  // only NULL
    const StepResult junk = evaluate(numbers, {"v"}, {{"5"}, {"abc"}});
    CHECK(junk.status == Status::Error);
    CHECK_FALSE(junk.measure);
    const StepResult missing = evaluate(numbers, {"w"}, {{"5"}});
    CHECK(missing.status == Status::Error);
    CHECK_FALSE(missing.measure);
}

TEST_CASE("measure: a row_count rule measures the number of rows", "[measure]") {
    Step step = sql_step({});
    step.row_count_rules = {rule(RuleKind::Below, Severity::Fail, "1")};
    const StepResult result = evaluate(step, {"a"}, {{"x"}, {"y"}, {"z"}});
    REQUIRE(result.measure);
    CHECK(result.measure->column == "(row count)");
    CHECK(result.measure->value_text == "3");
    CHECK(result.measure->fail == "1");
    CHECK_FALSE(result.measure->above);
}
