// opsctl show <runbook> <checklist>: what a checklist does, without running it.
#include <fmt/format.h>

#include <sstream>

#include "opsctl/cli/commands.h"
#include "opsctl/core/duration.h"
#include "opsctl/evaluate/checklist_runner.h"
#include "opsctl/runbook/variables.h"

namespace opsctl {

namespace {

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
    }
    if (!rule.variable.empty()) operand += " (${" + rule.variable + "})";
    return rule.name + " " + operand;
}

bool is_word_rule(const Rule& rule) {
    return rule.kind == RuleKind::EqualsAny || rule.kind == RuleKind::EqualsNone;
}

std::string describe_empty_policy(const Step& step) {
    const std::string origin = step.on_empty ? "" : " (default)";
    switch (effective_empty_policy(step)) {
        case EmptyPolicy::Warn:
            return "warn" + origin;
        case EmptyPolicy::Fail:
            return "fail" + origin;
        case EmptyPolicy::Pass:
            return "pass" + origin;
    }
    return "pass";
}

}  // namespace

int command_show(const CliOptions& options) {
    const Catalog catalog = load_catalog_for(options);
    const Runbook& runbook = find_runbook(catalog, options.runbook);
    const Checklist& source = find_checklist(runbook, options.checklist);
    RunOptions run_options;
    run_options.overrides = parse_overrides(options.sets);
    check_run_options(runbook, {&source}, run_options);
    const VariableValues values = effective_variables(runbook, source, run_options.overrides);
    const Checklist checklist = bind_checklist(source, values);

    std::ostringstream out;
    out << runbook.name << " / " << checklist.name << " - " << checklist.title << "\n";
    if (!checklist.description.empty()) out << "  " << checklist.description << "\n";
    out << "  schedule  " << (checklist.schedule.empty() ? "on demand" : checklist.schedule)
        << (checklist.schedule_text.empty() ? "" : "  (" + checklist.schedule_text + ")") << "\n";
    if (!checklist.owner.empty()) out << "  owner     " << checklist.owner << "\n";
    if (checklist.duration_minutes)
        out << "  duration  " << *checklist.duration_minutes << " min\n";
    if (checklist.response_time)
        out << "  respond   within " << format_duration(*checklist.response_time) << "\n";
    if (checklist.resolution_time)
        out << "  resolve   within " << format_duration(*checklist.resolution_time) << "\n";
    out << "  dialect   " << runbook.dialect << "\n";
    if (!values.empty()) {
        out << "\nvariables\n";
        for (const auto& [name, value] : values) out << "  " << name << " = " << value << "\n";
    }
    out << "\nsteps\n";
    for (size_t i = 0; i < checklist.steps.size(); ++i) {
        const Step& step = checklist.steps[i];
        out << fmt::format("  {:>2}. [{}] {}", i + 1, to_string(step.kind), step.id);
        if (!step.title.empty()) out << " - " << step.title;
        out << "\n";
        if (!step.description.empty()) out << "      " << step.description << "\n";
        if (step.kind == StepKind::Shell) {
            out << "      $ " << fmt::format("{}", fmt::join(step.shell, " ")) << "\n";
        }
        for (const auto& [dialect, sql] : step.sql) {
            out << "      sql" << (dialect.empty() ? "" : " (" + dialect + ")") << ": " << sql
                << "\n";
        }
        if (!step.key.empty())
            out << "      key: " << fmt::format("{}", fmt::join(step.key, ", ")) << "\n";
        for (const auto& expectation : step.expectations) {
            for (const auto& rule : expectation.rules) {
                out << "      expect " << expectation.column << ": " << describe_rule(rule)
                    << (expectation.case_sensitive && is_word_rule(rule) ? " (case-sensitive)" : "")
                    << "\n";
            }
        }
        for (const auto& rule : step.row_count_rules) {
            out << "      expect row count: " << describe_rule(rule) << "\n";
        }
        if (step.kind == StepKind::Sql) {
            out << "      no rows: " << describe_empty_policy(step) << "\n";
        }
        if (step.report) out << "      report: shows its rows, passes when the query runs\n";
        if (step.timeout) out << "      timeout: " << format_duration(*step.timeout) << "\n";
    }
    write_output(options, out.str());
    return 0;
}

}  // namespace opsctl
