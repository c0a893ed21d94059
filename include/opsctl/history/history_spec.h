#pragma once
// Where a run's history goes: `--history SPEC`, OPSCTL_HISTORY or the config's
// "history". A SPEC is a path, sqlite:PATH, postgresql://... (or postgres://...) or
// `none`. A key=value conninfo is read as a path: it cannot be told from one.

#include <string>

namespace opsctl {

enum class HistoryKind { None, Sqlite, Postgres };

struct HistorySpec {
    HistoryKind kind = HistoryKind::Sqlite;
    std::string location;  // the file, or the PostgreSQL URI
    bool is_default = false;
};

// $XDG_STATE_HOME/opsctl/history.db, else ~/.local/state/opsctl/history.db.
std::string default_history_path();

// An empty `text` is the default store. Throws UsageError for a PostgreSQL spec that
// holds a password (use PGPASSFILE or ~/.pgpass), never showing it.
HistorySpec parse_history_spec(const std::string& text);

}  // namespace opsctl
