#pragma once
// What changed since the previous run: each violation of a run marked new or ongoing
// (with its first run and the runs in a row), and the previous run's violations that
// are gone listed as resolved. "The previous run" of a step is the last recorded run
// of the same runbook and checklist on the same target in which that step was
// evaluated (pass, warn or fail; not skipped, not an error). A violation is the same
// one when its step, key and column are.

#include <string>

#include "opsctl/evaluate/step_result.h"
#include "opsctl/history/store_session.h"

namespace opsctl {

// Sets Violation::state, first_seen and consecutive_runs and StepResult::resolved of
// every evaluated step of `result`, as recorded under `target`. Throws HistoryError.
void mark_changes(StoreSession& session, ChecklistResult& result, const std::string& target);

// Back to untracked, as without a history.
void clear_changes(ChecklistResult& result);

}  // namespace opsctl
