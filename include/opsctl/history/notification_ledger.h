#pragma once
// What was delivered to each notification destination, kept in the run history so
// that the next run knows: per destination and violation (step, key, column) of one
// runbook, checklist and target, when it was last delivered (the repeat_every clock)
// and the change whose delivery failed, sent again by the next run.

#include <optional>
#include <string>
#include <vector>

#include "opsctl/core/timestamp.h"
#include "opsctl/history/store_session.h"

namespace opsctl {

// Which deliveries a row is about: a destination's id (never its secret) and a
// checklist on a target, as recorded (the masked target).
struct LedgerScope {
    std::string destination;
    std::string runbook;
    std::string checklist;
    std::string target;
};

struct LedgerEntry {
    std::string step_id;
    std::string key;
    std::string column;
    std::optional<Timestamp> delivered_at;  // the last delivery that succeeded
    std::string pending;                    // the change not delivered ("new", ...); empty: none
};

// Every row of `scope`. Throws HistoryError.
std::vector<LedgerEntry> read_ledger(StoreSession& session, const LedgerScope& scope);

// After a delivery of `entries` to the scope's destination: when `delivered`, each is
// marked delivered at `now` with nothing pending, and those whose change was "resolved"
// are removed; otherwise each keeps its last delivery and its change is pending. In one
// transaction. Throws HistoryError.
void record_delivery(StoreSession& session, const LedgerScope& scope,
                     const std::vector<LedgerEntry>& entries, bool delivered, Timestamp now);

}  // namespace opsctl
