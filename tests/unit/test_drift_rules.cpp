// Drop and rise rules (fail_drop_pct, warn_rise_pct, ...) in the RowEvaluator, with the
// baselines given as the history would give them (evaluate/baselines.h), and the median
// the history computes them with (history/baseline_query).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "opsctl/history/baseline_query.h"
#include "unit/step_builders.h"

using namespace opsctl;
using namespace opsctl::test;

namespace {

Rule drift(RuleKind kind, Severity severity, const std::string& text, int runs = 1) {
    const bool drop = kind == RuleKind::DropPct;
    const std::string name = std::string(severity == Severity::Fail ? "fail" : "warn") +
                             (drop ? "_drop_pct" : "_rise_pct");
    Rule rule = threshold(kind, severity, name, text);
    rule.baseline_runs = runs;
    return rule;
}

StepResult run_with(const Step& step, const StepBaselines& baselines,
                    const std::vector<Row>& rows) {
    RowEvaluator evaluator(step, as_of(), {}, &baselines);
    evaluator.on_columns({"region", "n"});
    for (const auto& row : rows) evaluator.on_row(cells(row));
    StepResult result;
    evaluator.finish(result);
    return result;
}

StepBaselines history_of(std::vector<std::pair<std::string, std::string>> values, int runs = 1) {
    StepBaselines baselines;
    baselines.available = true;
    for (const auto& [key, value] : values) baselines.values[{"n", runs, key}] = {value, runs};
    return baselines;
}

}  // namespace

TEST_CASE("drift rules: a drop beyond the threshold breaches, exactly on it passes",
          "[evaluate][drift]") {
    const Step step = sql_step({expect("n", {drift(RuleKind::DropPct, Severity::Fail, "50"),
                                             drift(RuleKind::RisePct, Severity::Warn, "100")})},
                               {"region"});
    const auto result = run_with(step, history_of({{"eu", "100"}, {"us", "100"}, {"asia", "10"}}),
                                 {{"eu", "50"}, {"us", "200"}, {"asia", "21"}});
    CHECK(result.status == Status::Warn);
    REQUIRE(result.violation_count == 1);
    CHECK(result.violations[0].key == "asia");
    CHECK(result.violations[0].rule == "warn_rise_pct");
    CHECK(result.violations[0].reason ==
          "n 21 is 110% above the previous run's 10 (more than 100%)");
    const auto failing = run_with(step, history_of({{"eu", "100"}}), {{"eu", "49.99"}});
    CHECK(failing.status == Status::Fail);
    CHECK(failing.violations.at(0).rule == "fail_drop_pct");
}

TEST_CASE("drift rules: keys without a baseline pass and are counted", "[evaluate][drift]") {
    const Step step =
        sql_step({expect("n", {drift(RuleKind::DropPct, Severity::Fail, "10")})}, {"region"});
    // No value, zero, not a number: no baseline.
    const auto result = run_with(step, history_of({{"us", "0"}, {"asia", "n/a"}}),
                                 {{"eu", "1"}, {"us", "1"}, {"asia", "1"}});
    CHECK(result.status == Status::Pass);
    CHECK(result.message == "3 rows, all within thresholds; no baseline yet for 3 keys");
    // Every key's value is kept for the next run's baseline, violating or not.
    REQUIRE(result.drift_values.size() == 3);
    CHECK(result.drift_values[0].column == "n");
    CHECK(result.drift_values[0].key == "eu");
    CHECK(result.drift_values[0].value == "1");
}

TEST_CASE("drift rules: without a history they are not evaluated, and the step says so",
          "[evaluate][drift]") {
    const Step step =
        sql_step({expect("n", {drift(RuleKind::DropPct, Severity::Fail, "10")})}, {"region"});
    StepBaselines none;
    none.unavailable_reason = "no run history (--history none)";
    const auto result = run_with(step, none, {{"eu", "1"}});
    CHECK(result.status == Status::Pass);
    CHECK(result.message ==
          "1 row, all within thresholds; drop/rise rules not evaluated: no run history "
          "(--history none)");
    const auto plain = evaluate(step, {"region", "n"}, {{"eu", "1"}});
    CHECK(plain.message ==
          "1 row, all within thresholds; drop/rise rules not evaluated: no run "
          "history");
}

TEST_CASE("drift rules: the median of the last N values", "[history][drift]") {
    CHECK(median_text({"100", "110", "90"}) == "100");
    CHECK(median_text({"100", "110"}) == "105");
    CHECK(median_text({"3", "", "x", "1"}) == "2");
    CHECK(median_text({"1.50", "9", "0"}) == "1.50");
    CHECK(!median_text({"", "nope"}));
    CHECK(!median_text({}));
}
