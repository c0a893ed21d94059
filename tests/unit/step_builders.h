#pragma once
// Builders of hand-made steps, rules and expectations for the unit tests that drive
// the RowEvaluator directly, the one way they run a step over rows, and the step
// results the reporters' tests format.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "opsctl/core/duration.h"
#include "opsctl/core/timestamp.h"
#include "opsctl/evaluate/row_evaluator.h"

namespace opsctl::test {

// A cell per value; nullptr is NULL.
using Row = std::vector<const char*>;

// The as-of time of every evaluation test.
inline Timestamp as_of() {
    return *parse_timestamp("2026-11-26 08:00:00");
}

// A numeric threshold, spelled `text` as a runbook writes it.
inline Rule threshold(RuleKind kind, Severity severity, const std::string& name,
                      const std::string& text) {
    Rule rule;
    rule.kind = kind;
    rule.severity = severity;
    rule.name = name;
    rule.number = std::stod(text);
    rule.number_text = text;
    return rule;
}
inline Rule fail_above(const std::string& text) {
    return threshold(RuleKind::Above, Severity::Fail, "fail_above", text);
}
inline Rule warn_above(const std::string& text) {
    return threshold(RuleKind::Above, Severity::Warn, "warn_above", text);
}
inline Rule fail_below(const std::string& text) {
    return threshold(RuleKind::Below, Severity::Fail, "fail_below", text);
}
inline Rule warn_below(const std::string& text) {
    return threshold(RuleKind::Below, Severity::Warn, "warn_below", text);
}

// A *_above_column / *_below_column rule against `column`.
inline Rule column_rule(RuleKind kind, Severity severity, const std::string& name,
                        const std::string& column) {
    Rule rule;
    rule.kind = kind;
    rule.severity = severity;
    rule.name = name;
    rule.column = column;
    return rule;
}

// A *_if / *_unless rule.
inline Rule strings_rule(RuleKind kind, Severity severity, const std::string& name,
                         std::vector<std::string> strings) {
    Rule rule;
    rule.kind = kind;
    rule.severity = severity;
    rule.name = name;
    rule.strings = std::move(strings);
    return rule;
}

inline Rule older_than(Severity severity, const std::string& text) {
    Rule rule;
    rule.kind = RuleKind::OlderThan;
    rule.severity = severity;
    rule.name = severity == Severity::Fail ? "fail_older_than" : "warn_older_than";
    rule.age = *parse_duration(text);
    return rule;
}

inline Expectation expect(const std::string& column, std::vector<Rule> rules,
                          NullPolicy on_null = NullPolicy::Fail) {
    Expectation expectation;
    expectation.column = column;
    expectation.rules = std::move(rules);
    expectation.on_null = on_null;
    return expectation;
}

inline Step sql_step(std::vector<Expectation> expectations, std::vector<std::string> key = {}) {
    Step step;
    step.id = "check";
    step.kind = StepKind::Sql;
    step.sql[""] = "SELECT ...";
    step.expectations = std::move(expectations);
    step.key = std::move(key);
    return step;
}

inline std::vector<Cell> cells(const Row& row) {
    std::vector<Cell> out;
    for (const char* value : row) out.push_back(value ? Cell::of(value) : Cell::null());
    return out;
}

// Runs `step` over `rows` as a connector would stream them, and finishes it.
inline StepResult evaluate_cells(const Step& step, const std::vector<std::string>& columns,
                                 const std::vector<std::vector<Cell>>& rows,
                                 EvaluationLimits limits = {}, Timestamp when = as_of()) {
    RowEvaluator evaluator(step, when, limits);
    evaluator.on_columns(columns);
    for (const auto& row : rows) evaluator.on_row(row);
    StepResult result;
    result.status = Status::Skipped;  // finish must set it
    evaluator.finish(result);
    return result;
}

inline StepResult evaluate(const Step& step, const std::vector<std::string>& columns,
                           const std::vector<Row>& rows, EvaluationLimits limits = {},
                           Timestamp when = as_of()) {
    std::vector<std::vector<Cell>> all;
    all.reserve(rows.size());
    for (const auto& row : rows) all.push_back(cells(row));
    return evaluate_cells(step, columns, all, limits, when);
}

// A step's result as a reporter receives it, titled after its id.
inline StepResult step_result(const std::string& id, StepKind kind, Status status,
                              const std::string& message) {
    StepResult result;
    result.id = id;
    result.title = "Title of " + id;
    result.kind = kind;
    result.status = status;
    result.message = message;
    return result;
}

}  // namespace opsctl::test
