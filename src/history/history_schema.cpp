#include "opsctl/history/history_schema.h"

#include <string>
#include <vector>

#include "opsctl/history/history_error.h"

namespace opsctl {

namespace {

// "{id}" stands for the session's auto-numbered key column (SQLite and PostgreSQL
// spell it differently); every other word is the same on both.
using Migration = std::vector<std::string>;

// Each statement of a migration spans several string literals, joined on purpose.
// NOLINTBEGIN(bugprone-suspicious-missing-comma)
// Version 1: the runs, their steps and their violations.
Migration version_1() {
    return {
        "CREATE TABLE runs (id {id}, runbook TEXT NOT NULL, checklist TEXT NOT NULL, "
        "target TEXT NOT NULL, dialect TEXT NOT NULL, as_of TEXT NOT NULL, "
        "as_of_given INTEGER NOT NULL, started_at TEXT NOT NULL, finished_at TEXT NOT NULL, "
        "duration_ms BIGINT NOT NULL, status TEXT NOT NULL, exit_code INTEGER NOT NULL, "
        "partial INTEGER NOT NULL, opsctl_version TEXT NOT NULL, host TEXT NOT NULL, "
        "user_name TEXT NOT NULL, ci TEXT NOT NULL)",
        "CREATE INDEX runs_by_checklist ON runs (runbook, checklist, target, id)",
        "CREATE INDEX runs_by_start ON runs (started_at)",
        "CREATE TABLE steps (run_id BIGINT NOT NULL, position INTEGER NOT NULL, "
        "step_id TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL, "
        "message TEXT NOT NULL, duration_ms BIGINT NOT NULL, row_count BIGINT, "
        "violation_count BIGINT NOT NULL, PRIMARY KEY (run_id, position))",
        "CREATE TABLE violations (run_id BIGINT NOT NULL, step_id TEXT NOT NULL, "
        "position INTEGER NOT NULL, severity TEXT NOT NULL, rule TEXT NOT NULL, "
        "key_text TEXT NOT NULL, column_name TEXT NOT NULL, value TEXT, "
        "threshold TEXT NOT NULL, PRIMARY KEY (run_id, step_id, position))",
    };
}

// Version 2: the manual steps' answers, and steps found by name across runs.
Migration version_2() {
    return {
        "CREATE TABLE manual_answers (run_id BIGINT NOT NULL, step_id TEXT NOT NULL, "
        "answer TEXT NOT NULL, answered_by TEXT NOT NULL, PRIMARY KEY (run_id, step_id))",
        "CREATE INDEX steps_by_id ON steps (step_id, run_id)",
    };
}

// Version 3: each violation's streak (its first run, runs in a row), so that the next
// run reads one row to tell new from ongoing.
Migration version_3() {
    return {
        "ALTER TABLE violations ADD COLUMN first_seen TEXT",
        "ALTER TABLE violations ADD COLUMN consecutive_runs INTEGER",
    };
}

// Version 4: acknowledgements (history/acknowledgements), kept with the runs so that
// a shared store shares them.
Migration version_4() {
    return {
        "CREATE TABLE acks (id {id}, runbook TEXT NOT NULL, checklist TEXT NOT NULL, "
        "step_id TEXT NOT NULL, target TEXT NOT NULL, key_text TEXT NOT NULL, "
        "column_name TEXT, severity TEXT NOT NULL, acked_by TEXT NOT NULL, "
        "reason TEXT NOT NULL, created_at TEXT NOT NULL, until_at TEXT NOT NULL)",
        "CREATE INDEX acks_by_checklist ON acks (runbook, checklist, target)",
    };
}

// Version 5: each step's flapping flag after its run (history/flapping: the hysteresis
// needs the previous one), and the values drop/rise rules compare (history/baseline_query):
// every key's, of the steps with such rules only.
Migration version_5() {
    return {
        "ALTER TABLE steps ADD COLUMN flapping INTEGER",
        "CREATE TABLE key_values (run_id BIGINT NOT NULL, step_id TEXT NOT NULL, "
        "column_name TEXT NOT NULL, key_text TEXT NOT NULL, value TEXT)",
        "CREATE INDEX key_values_by_run ON key_values (run_id, step_id, column_name)",
    };
}

// Version 6: notifications (history/notification_ledger): per destination and violation, the
// last delivery (the repeat_every clock) and a change whose delivery failed, sent again.
Migration version_6() {
    return {
        "CREATE TABLE notification_deliveries (destination TEXT NOT NULL, "
        "runbook TEXT NOT NULL, checklist TEXT NOT NULL, target TEXT NOT NULL, "
        "step_id TEXT NOT NULL, key_text TEXT NOT NULL, column_name TEXT NOT NULL, "
        "delivered_at TEXT, pending TEXT, PRIMARY KEY (destination, runbook, checklist, "
        "target, step_id, key_text, column_name))",
    };
}
// NOLINTEND(bugprone-suspicious-missing-comma)

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> list{version_1(), version_2(), version_3(),
                                             version_4(), version_5(), version_6()};
    return list;
}

std::string with_id_column(std::string sql, const std::string& id_column) {
    const auto at = sql.find("{id}");
    if (at != std::string::npos) sql.replace(at, 4, id_column);
    return sql;
}

int stored_version(StoreSession& session) {
    session.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    const std::vector<SqlRow> rows = session.query("SELECT MAX(version) FROM schema_version");
    if (rows.empty() || !rows[0][0]) return 0;
    return std::stoi(*rows[0][0]);
}

}  // namespace

int latest_schema_version() {
    return static_cast<int>(migrations().size());
}

int migrate_schema(StoreSession& session, int target) {
    session.lock_schema();
    const int found = stored_version(session);
    if (found > latest_schema_version()) {
        throw HistoryError("the history store " + session.describe() + " has schema version " +
                           std::to_string(found) + ", newer than this opsctl's " +
                           std::to_string(latest_schema_version()) + ": upgrade opsctl");
    }
    for (int version = found + 1; version <= target; ++version) {
        for (const std::string& sql : migrations()[static_cast<size_t>(version - 1)]) {
            session.exec(with_id_column(sql, session.id_column()));
        }
        session.exec("INSERT INTO schema_version (version) VALUES (?)", {std::to_string(version)});
    }
    return found;
}

}  // namespace opsctl
