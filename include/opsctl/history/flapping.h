#pragma once
// Flapping (issue 17, item 6): a step whose status changes often over its last runs.
// Nagios' weighted percent state change: over the last 21 results (20 possible
// changes), each change of status weighs from 0.75 (the oldest) to 1.25 (the newest),
// linearly, as in Nagios Core's flapping.c, and the sum is a percentage of 20. With
// fewer results the missing older ones count as unchanged (Nagios' history starts
// filled with the first state), so a young step needs more changes to flap. Hysteresis
// with Nagios' defaults (DEFAULT_LOW/HIGH_SERVICE_FLAP_THRESHOLD): a step starts
// flapping above 30% and stops below 20%. Flapping never changes a status.

#include <string>
#include <vector>

#include "opsctl/core/status.h"
#include "opsctl/evaluate/step_result.h"
#include "opsctl/history/store_session.h"

namespace opsctl {

inline constexpr int kFlapWindow = 21;
inline constexpr double kFlapLowThreshold = 20.0;
inline constexpr double kFlapHighThreshold = 30.0;

// The state of a step whose results, oldest first and this run's last, are `statuses`
// (only the last kFlapWindow count), and which was flapping after its previous run
// when `was_flapping`.
FlapState flap_state(const std::vector<Status>& statuses, bool was_flapping);

// Whether a run with this status counts toward flapping: pass, warn, fail, error (a
// skipped or manual step was not checked).
bool counts_for_flapping(Status status);

// Sets StepResult::flap of every counted step of `result` (not manual ones), from its previous
// results recorded under `target` (the steps table's flapping column). Throws HistoryError.
void mark_flapping(StoreSession& session, ChecklistResult& result, const std::string& target);

}  // namespace opsctl
