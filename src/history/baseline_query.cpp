#include "opsctl/history/baseline_query.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <utility>

namespace opsctl {

namespace {

std::optional<double> number_of(const std::string& text) {
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() ||
        !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

// The columns and baselines of a step's drop and rise rules, each pair once.
std::set<std::pair<std::string, int>> drift_sources(const Step& step) {
    std::set<std::pair<std::string, int>> sources;
    for (const Expectation& expectation : step.expectations) {
        for (const Rule& rule : expectation.rules) {
            if (is_drift_rule(rule)) sources.insert({expectation.column, rule.baseline_runs});
        }
    }
    return sources;
}

// Each key's values in the step's last `runs` evaluated runs, newest first: bounded by
// what a run reads (runs x keys rows), so a key missing from those runs has none.
std::map<std::string, std::vector<std::string>> recent_values(
    StoreSession& session, const std::string& runbook, const std::string& checklist,
    const std::string& target, const std::string& step, const std::string& column, int runs) {
    const std::vector<SqlRow> rows = session.query(
        "SELECT key_text, value FROM key_values WHERE step_id = ? AND column_name = ? AND "
        "run_id IN (SELECT s.run_id FROM steps s JOIN runs r ON r.id = s.run_id WHERE "
        "s.step_id = ? AND r.runbook = ? AND r.checklist = ? AND r.target = ? AND "
        "s.status IN ('pass', 'warn', 'fail') ORDER BY s.run_id DESC LIMIT ?) "
        "ORDER BY run_id DESC",
        {step, column, step, runbook, checklist, target, std::to_string(runs)});
    std::map<std::string, std::vector<std::string>> values;
    for (const SqlRow& row : rows) {
        auto& list = values[row[0].value_or("")];
        list.push_back(row[1].value_or(""));  // NULL is not a number: no baseline
    }
    return values;
}

StepBaselines step_baselines(StoreSession& session, const std::string& runbook,
                             const std::string& checklist, const std::string& target,
                             const Step& step) {
    StepBaselines baselines;
    baselines.available = true;
    for (const auto& [column, runs] : drift_sources(step)) {
        const auto values =
            recent_values(session, runbook, checklist, target, step.id, column, runs);
        for (const auto& [key, list] : values) {
            const std::optional<std::string> baseline =
                runs == 1
                    ? (list.empty() || !number_of(list[0]) ? std::nullopt : std::optional(list[0]))
                    : median_text(list);
            const auto numbers = std::count_if(list.begin(), list.end(), [](const auto& text) {
                return number_of(text).has_value();
            });
            if (baseline) {
                baselines.values[{column, runs, key}] = {*baseline, static_cast<int>(numbers)};
            }
        }
    }
    return baselines;
}

}  // namespace

bool has_drift_rules(const std::vector<const Checklist*>& checklists) {
    for (const Checklist* checklist : checklists) {
        for (const Step& step : checklist->steps) {
            if (!drift_sources(step).empty()) return true;
        }
    }
    return false;
}

std::optional<std::string> median_text(const std::vector<std::string>& values) {
    std::vector<std::pair<double, std::string>> numbers;
    for (const std::string& text : values) {
        if (const auto number = number_of(text)) numbers.emplace_back(*number, text);
    }
    if (numbers.empty()) return std::nullopt;
    std::sort(numbers.begin(), numbers.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    const size_t middle = numbers.size() / 2;
    if (numbers.size() % 2 == 1) return numbers[middle].second;
    return fmt::format("{}", (numbers[middle - 1].first + numbers[middle].first) / 2);
}

RunBaselines read_baselines(StoreSession& session, const std::string& runbook,
                            const std::vector<const Checklist*>& checklists,
                            const std::string& target) {
    RunBaselines baselines;
    baselines.available = true;
    for (const Checklist* checklist : checklists) {
        for (const Step& step : checklist->steps) {
            if (drift_sources(step).empty()) continue;
            baselines.steps[{checklist->name, step.id}] =
                step_baselines(session, runbook, checklist->name, target, step);
        }
    }
    return baselines;
}

}  // namespace opsctl
