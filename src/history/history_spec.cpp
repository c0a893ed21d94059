#include "opsctl/history/history_spec.h"

#include <filesystem>

#include "opsctl/connect/target_passwords.h"
#include "opsctl/core/error.h"
#include "opsctl/core/install_paths.h"
#include "opsctl/core/quote.h"

namespace opsctl {

namespace {

bool starts_with_any(const std::string& text, std::initializer_list<const char*> prefixes) {
    for (const char* prefix : prefixes) {
        if (text.starts_with(prefix)) return true;
    }
    return false;
}

HistorySpec postgres_spec(const std::string& text) {
    const TargetPasswords passwords = target_passwords(text);
    if (passwords.unparsable) {
        throw UsageError(
            "--history: invalid PostgreSQL URI; it is not shown, as it may hold a password");
    }
    if (!passwords.values.empty()) {
        throw UsageError(
            "--history: the PostgreSQL URI holds a password; put it in ~/.pgpass or the file "
            "PGPASSFILE names instead");
    }
    return {HistoryKind::Postgres, text, false};
}

}  // namespace

std::string default_history_path() {
    return (std::filesystem::path(user_state_dir()) / "history.db").string();
}

HistorySpec parse_history_spec(const std::string& text) {
    if (text.empty()) return {HistoryKind::Sqlite, default_history_path(), true};
    if (text == "none") return {HistoryKind::None, "", false};
    if (starts_with_any(text, {"postgresql://", "postgres://"})) return postgres_spec(text);
    const std::string path = text.starts_with("sqlite:") ? text.substr(7) : text;
    if (path.empty()) throw UsageError("--history " + quote_value(text) + " names no file");
    return {HistoryKind::Sqlite, path, false};
}

}  // namespace opsctl
