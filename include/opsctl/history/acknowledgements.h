#pragma once
// Acknowledgements (opsctl ack): a known violation hidden from a step's status until an
// expiry, like an Alertmanager silence crossed with a Nagios ack. Each ack names one
// key of one step of one checklist on one target (an ack made without --key is one ack
// per key the step's last recorded run found), and the severity it covers: what the
// violation was when acked, so that an escalation from warn to fail counts again.

#include <optional>
#include <string>
#include <vector>

#include "opsctl/core/timestamp.h"
#include "opsctl/evaluate/step_result.h"
#include "opsctl/history/store_session.h"

namespace opsctl {

struct AckRequest {
    std::string runbook;
    std::string checklist;
    std::string step;
    std::string target;                 // masked, as runs are recorded
    std::optional<std::string> key;     // nullopt: every key of the last recorded run
    std::optional<std::string> column;  // nullopt: any column
    Timestamp until;
    std::string reason;
    std::string by;
};

struct Ack {
    long long id = 0;
    std::string runbook;
    std::string checklist;
    std::string step;
    std::string target;
    std::string key;
    std::optional<std::string> column;   // nullopt: any column of the key
    Severity severity = Severity::Warn;  // the worst it covers
    bool severity_assumed = false;       // no recorded violation for the key: warn only
    std::string by;
    std::string reason;
    Timestamp created_at;
    Timestamp until;
};

// Records the acks `request` names and returns them. Throws UsageError when there is
// nothing to ack (no --key and no violation in the step's last recorded run), and
// HistoryError.
std::vector<Ack> add_acks(StoreSession& session, const AckRequest& request, const Timestamp& now);

// The acks not yet expired at `now`, oldest first.
std::vector<Ack> active_acks(StoreSession& session, const Timestamp& now);

// Whether an ack with that id existed (it is gone now).
bool remove_ack(StoreSession& session, long long id);

// Marks each violation of `result` an active ack covers as acked and sets the steps'
// and the checklist's statuses from what remains. Throws HistoryError.
void apply_acks(StoreSession& session, ChecklistResult& result, const std::string& target,
                const Timestamp& now);

}  // namespace opsctl
