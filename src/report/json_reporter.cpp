#include "opsctl/report/json_reporter.h"

#include <charconv>
#include <map>

#include "opsctl/core/duration.h"

namespace opsctl {

using nlohmann::json;

namespace {

json cell_to_json(const Cell& cell) {
    return cell.is_null ? json(nullptr) : json(cell.text);
}

std::string kind_name(StepKind kind) {
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

json threshold_to_json(const Violation& violation) {
    if (violation.threshold_is_number) {
        double number = 0;
        const auto& text = violation.threshold;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (ec == std::errc{} && end == text.data() + text.size()) return number;
    }
    return violation.threshold;
}

json step_to_json(const StepResult& step) {
    // Members are emplaced one by one: a braced initializer list would copy every
    // value once more, which costs a third of a 1,000-step report.
    json violations = json::array();
    for (const auto& violation : step.violations) {
        json entry = json::object();
        auto& members = entry.get_ref<json::object_t&>();
        members.emplace("severity", violation.severity == Severity::Fail ? "fail" : "warn");
        members.emplace("rule", violation.rule);
        members.emplace("column", violation.column);
        members.emplace("value", violation.value ? json(*violation.value) : json(nullptr));
        members.emplace("threshold", threshold_to_json(violation));
        members.emplace("key", violation.key);
        members.emplace("reason", violation.reason);
        violations.push_back(std::move(entry));
    }
    json rows = json::array();
    for (const auto& row : step.rows) {
        json cells = json::array();
        for (const auto& cell : row) cells.push_back(cell_to_json(cell));
        rows.push_back(std::move(cells));
    }
    json out = json::object();
    auto& members = out.get_ref<json::object_t&>();
    members.emplace("id", step.id);
    members.emplace("title", step.title);
    members.emplace("kind", kind_name(step.kind));
    members.emplace("status", to_string(step.status));
    members.emplace("duration_ms", step.duration.count());
    members.emplace("message", step.message);
    members.emplace("sql", step.sql.empty() ? json(nullptr) : json(step.sql));
    members.emplace("row_count", step.row_count ? json(*step.row_count) : json(nullptr));
    members.emplace("violations", std::move(violations));
    members.emplace("violation_count", step.violation_count);
    members.emplace("columns", step.columns);
    members.emplace("rows", std::move(rows));
    if (step.kind == StepKind::Shell) members.emplace("output", step.output);
    return out;
}

json optional_duration(const std::optional<Duration>& duration) {
    return duration ? json(format_duration(*duration)) : json(nullptr);
}

}  // namespace

json checklist_to_json(const ChecklistResult& checklist) {
    std::map<std::string, int> counts{{"pass", 0},  {"warn", 0},    {"fail", 0},
                                      {"error", 0}, {"skipped", 0}, {"manual", 0}};
    json steps = json::array();
    for (const auto& step : checklist.steps) {
        ++counts[std::string(to_string(step.status))];
        steps.push_back(step_to_json(step));
    }
    return {{"runbook", checklist.runbook},
            {"checklist", checklist.checklist},
            {"title", checklist.title},
            {"owner", checklist.owner},
            {"response_time", optional_duration(checklist.response_time)},
            {"resolution_time", optional_duration(checklist.resolution_time)},
            {"target", checklist.target},
            {"dialect", checklist.dialect},
            {"as_of", format_iso8601(checklist.as_of)},
            {"started_at", format_iso8601(checklist.started_at)},
            {"finished_at", format_iso8601(checklist.finished_at)},
            {"status", to_string(checklist.status)},
            {"exit_code", exit_code_for(checklist.status)},
            {"counts", counts},
            {"steps", std::move(steps)}};
}

void JsonReporter::write(const RunResult& run, std::ostream& out) const {
    json document;
    if (run.checklists.size() == 1) {
        document = checklist_to_json(run.checklists.front());
    } else {
        json checklists = json::array();
        for (const auto& checklist : run.checklists)
            checklists.push_back(checklist_to_json(checklist));
        document = {{"runbook", run.checklists.empty() ? "" : run.checklists.front().runbook},
                    {"status", to_string(run.status)},
                    {"exit_code", exit_code_for(run.status)},
                    {"checklists", std::move(checklists)}};
    }
    // Replace, don't throw, on invalid UTF-8 coming back from a warehouse.
    out << document.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace opsctl
