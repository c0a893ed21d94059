#include "opsctl/runbook/model.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace opsctl {

std::string describe_rule(const Rule& rule) {
    std::string operand;
    switch (rule.kind) {
        case RuleKind::Above:
        case RuleKind::Below:
            operand = rule.number_text;
            break;
        case RuleKind::AboveColumn:
        case RuleKind::BelowColumn:
            operand = "column " + rule.column;
            break;
        case RuleKind::EqualsAny:
        case RuleKind::EqualsNone:
            operand = fmt::format("{}", fmt::join(rule.strings, ", "));
            break;
        case RuleKind::OlderThan:
            operand = format_duration(rule.age);
            break;
        case RuleKind::DropPct:
        case RuleKind::RisePct:
            operand = rule.number_text + "%";
            break;
    }
    if (!rule.variable.empty()) operand += " (${" + rule.variable + "})";
    if (is_drift_rule(rule)) {
        operand += rule.baseline_runs == 1 ? " against the previous run"
                                           : " against the median of the last " +
                                                 std::to_string(rule.baseline_runs) + " runs";
    }
    return rule.name + " " + operand;
}

bool is_drift_rule(const Rule& rule) {
    return rule.kind == RuleKind::DropPct || rule.kind == RuleKind::RisePct;
}

std::string_view to_string(EmptyPolicy policy) {
    switch (policy) {
        case EmptyPolicy::Warn:
            return "warn";
        case EmptyPolicy::Fail:
            return "fail";
        case EmptyPolicy::Pass:
            return "pass";
    }
    return "pass";
}

std::string_view to_string(StepKind kind) {
    switch (kind) {
        case StepKind::Sql:
            return "sql";
        case StepKind::Shell:
            return "shell";
        case StepKind::Manual:
            return "manual";
    }
    return "sql";
}

EmptyPolicy effective_empty_policy(const Step& step) {
    if (step.on_empty) return *step.on_empty;
    return !step.expectations.empty() && step.row_count_rules.empty() ? EmptyPolicy::Warn
                                                                      : EmptyPolicy::Pass;
}

const Step* Checklist::find_step(const std::string& id) const {
    for (const auto& step : steps) {
        if (step.id == id) return &step;
    }
    return nullptr;
}

const Checklist* Runbook::find_checklist(const std::string& checklist_name) const {
    for (const auto& checklist : checklists) {
        if (checklist.name == checklist_name) return &checklist;
    }
    return nullptr;
}

}  // namespace opsctl
