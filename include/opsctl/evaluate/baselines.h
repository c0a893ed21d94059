#pragma once
// The baselines of drop and rise rules (fail_drop_pct, warn_rise_pct, ...): each key's
// value in past runs, read from the run history before the run
// (history/baseline_query), since evaluate knows no history. A rule's baseline is the
// median of the key's values in the last `baseline_runs` runs that evaluated it.

#include <map>
#include <string>
#include <tuple>
#include <utility>

namespace opsctl {

// One key's baseline: the value, and over how many past values it was taken (the
// median of the last 7 runs may be of 3 when only 3 were recorded).
struct Baseline {
    std::string value;  // decimal text
    int values = 1;
};

struct StepBaselines {
    // False when no history was read (--history none, a store that failed): the drift
    // rules are then not evaluated, and the step says so.
    bool available = false;
    std::string unavailable_reason = "no run history";
    // (column as the runbook spells it, baseline_runs, key) -> the baseline.
    std::map<std::tuple<std::string, int, std::string>, Baseline> values;

    // The key's baseline, or null when it has none yet.
    const Baseline* find(const std::string& column, int runs, const std::string& key) const;
};

struct RunBaselines {
    bool available = false;
    std::string unavailable_reason = "no run history";
    std::map<std::pair<std::string, std::string>, StepBaselines> steps;  // (checklist, step id)

    // The baselines of one step: none yet when nothing was recorded for it.
    StepBaselines for_step(const std::string& checklist, const std::string& step) const;
};

}  // namespace opsctl
