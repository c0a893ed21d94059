#include "opsctl/history/flapping.h"

#include <algorithm>

namespace opsctl {

namespace {

constexpr double kOldestWeight = 0.75;
constexpr double kNewestWeight = 1.25;
constexpr int kPossibleChanges = kFlapWindow - 1;

// The weight of the change into result `index` of a full window (1 = the second oldest
// result, kPossibleChanges = the newest).
double change_weight(int index) {
    return kOldestWeight + (index - 1) * (kNewestWeight - kOldestWeight) / (kPossibleChanges - 1);
}

}  // namespace

bool counts_for_flapping(Status status) {
    return status == Status::Pass || status == Status::Warn || status == Status::Fail ||
           status == Status::Error;
}

FlapState flap_state(const std::vector<Status>& statuses, bool was_flapping) {
    const size_t used = std::min(statuses.size(), static_cast<size_t>(kFlapWindow));
    const size_t first = statuses.size() - used;
    // The window's newest result sits at its last place: a short history fills the end.
    const int offset = kFlapWindow - static_cast<int>(used);
    double weighted = 0;
    for (size_t i = first + 1; i < statuses.size(); ++i) {
        if (statuses[i] != statuses[i - 1])
            weighted += change_weight(offset + static_cast<int>(i - first));
    }
    FlapState state;
    state.runs = static_cast<int>(used);
    state.state_change_pct = weighted * 100.0 / kPossibleChanges;
    state.flapping = was_flapping ? state.state_change_pct >= kFlapLowThreshold
                                  : state.state_change_pct > kFlapHighThreshold;
    return state;
}

void mark_flapping(StoreSession& session, ChecklistResult& result, const std::string& target) {
    for (StepResult& step : result.steps) {
        // A manual step's answer is a person's, not a check that could flap.
        if (step.kind == StepKind::Manual || !counts_for_flapping(step.status)) continue;
        const std::vector<SqlRow> rows = session.query(
            "SELECT s.status, s.flapping FROM steps s JOIN runs r ON r.id = s.run_id "
            "WHERE s.step_id = ? AND r.runbook = ? AND r.checklist = ? AND r.target = ? "
            "AND s.status IN ('pass', 'warn', 'fail', 'error') ORDER BY s.run_id DESC LIMIT ?",
            {step.id, result.runbook, result.checklist, target, std::to_string(kFlapWindow - 1)});
        std::vector<Status> statuses;
        for (auto row = rows.rbegin(); row != rows.rend(); ++row)
            statuses.push_back(status_from_word((*row)[0].value_or("")));
        statuses.push_back(step.status);
        const bool was_flapping = !rows.empty() && rows[0][1].value_or("0") == "1";
        step.flap = flap_state(statuses, was_flapping);
    }
}

}  // namespace opsctl
