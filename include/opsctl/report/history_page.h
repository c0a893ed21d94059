#pragma once
// The history page (opsctl report): one self-contained HTML page over the run history
// of every checklist: each checklist's status per day as a heat strip, the runs per
// day as a chart, the steps that failed most, the open acknowledgements, and each
// checklist's latest run, which the strip links to. Its data is this plain struct,
// which cli fills from the history store: the report layer never includes history.

#include <cstddef>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "opsctl/core/status.h"
#include "opsctl/core/timestamp.h"

namespace opsctl {

struct HistoryPageRun {
    long long id = 0;
    std::string runbook;
    std::string checklist;
    std::string target;      // masked, as recorded
    std::string started_at;  // ISO 8601, UTC
    Status status = Status::Pass;
    bool partial = false;
    std::map<std::string, int> counts;  // steps per status word
};

struct HistoryPageStep {
    std::string runbook;
    std::string checklist;
    std::string step;
    long long failures = 0;  // runs in which it failed or errored
    long long runs = 0;
    std::string last_failed_at;  // ISO 8601
};

struct HistoryPageAck {
    long long id = 0;
    std::string runbook;
    std::string checklist;
    std::string step;
    std::string target;
    std::string key;
    std::string by;
    std::string reason;
    Timestamp until;
};

struct HistoryPage {
    Timestamp generated_at;
    Timestamp since;
    std::string period;                // as asked: "30d"
    std::string target;                // empty: every target
    size_t run_cap = 720;              // the newest runs shown at most
    bool capped = false;               // there were more runs in the period
    std::vector<HistoryPageRun> runs;  // oldest first
    std::vector<HistoryPageStep> most_failed;
    std::vector<HistoryPageAck> acks;
};

void write_history_page(const HistoryPage& page, std::ostream& out);

}  // namespace opsctl
