#pragma once
// Reading the run history back: the runs of a checklist, one step's statuses over
// time with the value it checked for a key, and pruning old runs.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "opsctl/core/timestamp.h"
#include "opsctl/history/store_session.h"

namespace opsctl {

struct HistoryFilter {
    std::string runbook;  // empty: every runbook
    std::string checklist;
    std::string step;
    std::string target;  // masked, as recorded; empty: every target
    std::string key;     // with a step: the value checked for this key
    std::optional<Timestamp> since;
    size_t limit = 50;  // the newest runs
};

struct RunSummary {
    long long id = 0;
    std::string runbook;
    std::string checklist;
    std::string target;
    std::string started_at;  // ISO 8601, UTC
    std::string status;
    int exit_code = 0;
    long long duration_ms = 0;
    bool partial = false;
    std::map<std::string, int> counts;  // steps per status
};

struct StepPoint {
    long long run_id = 0;
    std::string started_at;
    std::string target;
    std::string status;
    std::string message;
    std::optional<std::string> value;  // the key's checked value, when it was violated
};

// The newest runs that match, oldest first. Throws HistoryError.
std::vector<RunSummary> list_runs(StoreSession& session, const HistoryFilter& filter);

// The step's results in the newest runs that match, oldest first.
std::vector<StepPoint> step_history(StoreSession& session, const HistoryFilter& filter);

// Deletes the runs that started before `cutoff` with their rows; returns how many.
long long prune_runs(StoreSession& session, const Timestamp& cutoff);

}  // namespace opsctl
