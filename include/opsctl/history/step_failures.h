#pragma once
// The steps that failed most in a period of the run history: for the history page
// (opsctl report), which lists them beside each checklist's status per day.

#include <cstddef>
#include <string>
#include <vector>

#include "opsctl/history/history_query.h"

namespace opsctl {

struct StepFailures {
    std::string runbook;
    std::string checklist;
    std::string step;
    long long failures = 0;      // runs in which it failed or errored
    long long runs = 0;          // runs in which it ran
    std::string last_failed_at;  // ISO 8601, UTC
};

// Among the runs `filter` matches (its since, target and limit: the newest runs), the
// `top` steps with the most failures, most first. Throws HistoryError.
std::vector<StepFailures> most_failed_steps(StoreSession& session, const HistoryFilter& filter,
                                            std::size_t top);

}  // namespace opsctl
