#pragma once
// The last runs of every step of a checklist on a target, read back from the run
// history for the reports that show a step over time (the HTML report's status strip
// and violation-count chart), and set in evaluate's result types, which the reports
// read: a report never includes history.

#include <cstddef>
#include <string>

#include "opsctl/evaluate/step_result.h"
#include "opsctl/history/store_session.h"

namespace opsctl {

// Runs a report shows per step.
inline constexpr std::size_t kPastRunsShown = 30;

// Sets each step's past_runs from the newest `runs` runs of its checklist on
// `target` (masked, as recorded). Throws HistoryError.
void load_past_runs(StoreSession& session, RunResult& run, const std::string& target,
                    std::size_t runs = kPastRunsShown);

}  // namespace opsctl
