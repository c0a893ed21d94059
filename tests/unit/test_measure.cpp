// A step's numeric measure (evaluate/measure.h), through the RowEvaluator that
// feeds it every row: the worst value of the first expectation with a fixed
// numeric threshold, with that direction's warn and fail thresholds.

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
using opsctl::RowEvaluator;
using opsctl::Rule;
using opsctl::RuleKind;
using opsctl::Severity;
using opsctl::Status;
using opsctl::Step;
using opsctl::StepResult;
using opsctl::test::evaluate;
using opsctl::test::expect;
using opsctl::test::sql_step;

namespace {

// A rule named as a runbook would name it: numbers for above and below, a word for if.
Rule rule(RuleKind kind, Severity severity, const std::string& text) {
    const bool fail = severity == Severity::Fail;
    if (kind == RuleKind::Above) {
        return opsctl::test::threshold(kind, severity, fail ? "fail_above" : "warn_above", text);
    }
    if (kind == RuleKind::Below) {
        return opsctl::test::threshold(kind, severity, fail ? "fail_below" : "warn_below", text);
    }
    return opsctl::test::strings_rule(kind, severity, fail ? "fail_if" : "warn_if", {text});
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
