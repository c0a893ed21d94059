// opsctl show <runbook> <checklist>: what a checklist does, without running it.
#include <fmt/format.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "opsctl/cli/commands.h"
#include "opsctl/core/duration.h"
#include "opsctl/core/error.h"
#include "opsctl/evaluate/checklist_runner.h"
#include "opsctl/runbook/variables.h"

namespace opsctl {

namespace {

bool is_word_rule(const Rule& rule) {
    return rule.kind == RuleKind::EqualsAny || rule.kind == RuleKind::EqualsNone;
}

std::string describe_empty_policy(const Step& step) {
    return std::string(to_string(effective_empty_policy(step))) +
           (step.on_empty ? "" : " (default)");
}

using nlohmann::json;

json optional_duration(const std::optional<Duration>& duration) {
    return duration ? json(format_duration(*duration)) : json(nullptr);
}

// A rule with its operand under the name of its kind. Numbers stay the text the file
// wrote ("0.30000000000000000001"), which a double could not hold.
json rule_json(const Rule& rule) {
    json out = {{"rule", rule.name},
                {"variable", rule.variable.empty() ? json(nullptr) : json(rule.variable)}};
    switch (rule.kind) {
        case RuleKind::Above:
        case RuleKind::Below:
            out["threshold"] = rule.number_text;
            break;
        case RuleKind::AboveColumn:
        case RuleKind::BelowColumn:
            out["other_column"] = rule.column;
            break;
        case RuleKind::EqualsAny:
        case RuleKind::EqualsNone:
            out["values"] = rule.strings;
            break;
        case RuleKind::OlderThan:
            out["age"] = format_duration(rule.age);
            break;
        case RuleKind::DropPct:
        case RuleKind::RisePct:
            out["threshold"] = rule.number_text;
            out["baseline"] = rule.baseline_runs == 1
                                  ? std::string("previous")
                                  : "median:" + std::to_string(rule.baseline_runs);
            break;
    }
    return out;
}

json step_json(const Step& step) {
    json expectations = json::array();
    for (const auto& expectation : step.expectations) {
        json rules = json::array();
        for (const auto& rule : expectation.rules) rules.push_back(rule_json(rule));
        const char* on_null = expectation.on_null == NullPolicy::Fail   ? "fail"
                              : expectation.on_null == NullPolicy::Warn ? "warn"
                                                                        : "pass";
        expectations.push_back({{"column", expectation.column},
                                {"case_sensitive", expectation.case_sensitive},
                                {"on_null", on_null},
                                {"rules", rules}});
    }
    json row_count = json::array();
    for (const auto& rule : step.row_count_rules) row_count.push_back(rule_json(rule));
    json sql = json::object();
    for (const auto& [dialect, text] : step.sql) sql[dialect.empty() ? "default" : dialect] = text;
    const bool is_sql = step.kind == StepKind::Sql;
    return {{"id", step.id},
            {"kind", std::string(to_string(step.kind))},
            {"title", step.title},
            {"description", step.description},
            {"sql", is_sql ? sql : json(nullptr)},
            {"shell", step.kind == StepKind::Shell ? json(step.shell) : json(nullptr)},
            {"key", step.key},
            {"show", step.show},
            {"expect", expectations},
            {"row_count", row_count},
            {"report", step.report},
            {"on_empty",
             is_sql ? json(std::string(to_string(effective_empty_policy(step)))) : json(nullptr)},
            {"on_empty_default", is_sql && !step.on_empty},
            {"timeout", optional_duration(step.timeout)}};
}

std::string show_json(const Runbook& runbook, const Checklist& checklist,
                      const VariableValues& values) {
    json steps = json::array();
    for (const auto& step : checklist.steps) steps.push_back(step_json(step));
    json variables = json::object();
    for (const auto& [name, value] : values) variables[name] = value;
    const json out = {
        {"runbook", runbook.name},
        {"checklist", checklist.name},
        {"title", checklist.title},
        {"description", checklist.description},
        {"schedule", checklist.schedule.empty() ? json(nullptr) : json(checklist.schedule)},
        {"schedule_text", checklist.schedule_text},
        {"owner", checklist.owner},
        {"duration_minutes",
         checklist.duration_minutes ? json(*checklist.duration_minutes) : json(nullptr)},
        {"response_time", optional_duration(checklist.response_time)},
        {"resolution_time", optional_duration(checklist.resolution_time)},
        {"dialect", runbook.dialect},
        {"variables", variables},
        {"steps", steps}};
    return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
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
    if (options.format == "json") {
        write_output(options, show_json(runbook, checklist, values));
        return 0;
    }
    if (options.format != "text") {
        throw UsageError("opsctl show: unknown --format \"" + options.format + "\" (text, json)");
    }

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
        if (!step.show.empty())
            out << "      show beside offending rows: "
                << fmt::format("{}", fmt::join(step.show, ", ")) << "\n";
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
        if (step.report) {
            const bool checked = !step.expectations.empty() || !step.row_count_rules.empty();
            out << "      report: shows its rows, "
                << (checked ? "judged by the rules above" : "passes when the query runs") << "\n";
        }
        if (step.timeout) out << "      timeout: " << format_duration(*step.timeout) << "\n";
    }
    write_output(options, out.str());
    return 0;
}

}  // namespace opsctl
