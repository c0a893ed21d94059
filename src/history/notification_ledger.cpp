#include "opsctl/history/notification_ledger.h"

namespace opsctl {

namespace {

const char* const kScope = "destination = ? AND runbook = ? AND checklist = ? AND target = ?";

std::vector<SqlValue> scope_params(const LedgerScope& scope) {
    return {scope.destination, scope.runbook, scope.checklist, scope.target};
}

void replace_entry(StoreSession& session, const LedgerScope& scope, const LedgerEntry& entry,
                   bool delivered, const Timestamp& now) {
    std::vector<SqlValue> params = scope_params(scope);
    params.insert(params.end(), {entry.step_id, entry.key, entry.column});
    session.exec(std::string("DELETE FROM notification_deliveries WHERE ") + kScope +
                     " AND step_id = ? AND key_text = ? AND column_name = ?",
                 params);
    // A resolution delivered ends the violation's story: nothing left to remind of.
    if (delivered && entry.pending == "resolved") return;
    const SqlValue delivered_at =
        delivered
            ? SqlValue(format_iso8601(now))
            : (entry.delivered_at ? SqlValue(format_iso8601(*entry.delivered_at)) : SqlValue());
    params.push_back(delivered_at);
    params.push_back(delivered ? SqlValue() : SqlValue(entry.pending));
    session.exec(
        "INSERT INTO notification_deliveries (destination, runbook, checklist, target, "
        "step_id, key_text, column_name, delivered_at, pending) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        params);
}

}  // namespace

std::vector<LedgerEntry> read_ledger(StoreSession& session, const LedgerScope& scope) {
    const std::vector<SqlRow> rows = session.query(
        std::string("SELECT step_id, key_text, column_name, delivered_at, pending FROM "
                    "notification_deliveries WHERE ") +
            kScope + " ORDER BY step_id, key_text, column_name",
        scope_params(scope));
    std::vector<LedgerEntry> entries;
    entries.reserve(rows.size());
    for (const SqlRow& row : rows) {
        LedgerEntry entry;
        entry.step_id = row[0].value_or("");
        entry.key = row[1].value_or("");
        entry.column = row[2].value_or("");
        if (row[3]) entry.delivered_at = parse_timestamp(*row[3]);
        entry.pending = row[4].value_or("");
        entries.push_back(std::move(entry));
    }
    return entries;
}

void record_delivery(StoreSession& session, const LedgerScope& scope,
                     const std::vector<LedgerEntry>& entries, bool delivered, Timestamp now) {
    session.begin();
    try {
        for (const LedgerEntry& entry : entries) {
            replace_entry(session, scope, entry, delivered, now);
        }
        session.commit();
    } catch (...) {
        session.rollback();
        throw;
    }
}

}  // namespace opsctl
