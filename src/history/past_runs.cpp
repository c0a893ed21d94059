#include "opsctl/history/past_runs.h"

#include <map>

namespace opsctl {

void load_past_runs(StoreSession& session, RunResult& run, const std::string& target,
                    std::size_t runs) {
    for (ChecklistResult& checklist : run.checklists) {
        const std::vector<SqlRow> rows = session.query(
            "SELECT s.step_id, r.started_at, s.status, s.violation_count FROM steps s "
            "JOIN runs r ON r.id = s.run_id WHERE r.id IN (SELECT id FROM runs WHERE "
            "runbook = ? AND checklist = ? AND target = ? ORDER BY id DESC LIMIT ?) "
            "ORDER BY r.id",
            {checklist.runbook, checklist.checklist, target, std::to_string(runs)});
        std::map<std::string, std::vector<PastRun>> by_step;
        for (const SqlRow& row : rows) {
            if (!row[0] || !row[1] || !row[2] || !row[3]) continue;
            by_step[*row[0]].push_back(
                {*row[1], status_from_word(*row[2]), static_cast<size_t>(std::stoll(*row[3]))});
        }
        for (StepResult& step : checklist.steps) {
            const auto found = by_step.find(step.id);
            if (found != by_step.end()) step.past_runs = std::move(found->second);
        }
    }
}

}  // namespace opsctl
