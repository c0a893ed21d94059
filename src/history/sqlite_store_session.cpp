#include "opsctl/history/sqlite_store_session.h"

#include <sqlite3.h>

#include "opsctl/history/history_error.h"

namespace opsctl {

namespace {

constexpr int kBusyTimeoutMs = 10000;

}  // namespace

SqliteStoreSession::SqliteStoreSession(const std::string& path) : path_(path) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    // A failed open still allocates the handle, and a constructor that throws runs no
    // destructor: close it here.
    try {
        if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
            fail("cannot open");
        }
        sqlite3_busy_timeout(db_, kBusyTimeoutMs);
        // The last connection to close would checkpoint the WAL into the file, with three
        // fsyncs: the most a run's recording costs (10-15 ms on a busy disk). Left to
        // SQLite's automatic checkpoint every 1,000 pages instead, which amortises it.
        sqlite3_db_config(db_, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
        // WAL: readers never wait for the writer; NORMAL: a commit does not wait for the
        // disk, and a crash loses at most the last run, never the file.
        for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL"}) {
            if (sqlite3_exec(db_, pragma, nullptr, nullptr, nullptr) != SQLITE_OK) {
                fail("cannot open");
            }
        }
    } catch (...) {
        sqlite3_close(db_);
        throw;
    }
}

SqliteStoreSession::~SqliteStoreSession() {
    for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
    sqlite3_close(db_);
}

void SqliteStoreSession::fail(const std::string& doing) const {
    const std::string reason = db_ ? sqlite3_errmsg(db_) : "out of memory";
    throw HistoryError(doing + " the history store " + path_ + ": " + reason);
}

sqlite3_stmt* SqliteStoreSession::prepared(const std::string& sql,
                                           const std::vector<SqlValue>& params) {
    sqlite3_stmt*& statement = statements_[sql];
    if (!statement && sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &statement,
                                         nullptr) != SQLITE_OK) {
        statements_.erase(sql);
        fail("cannot read or write");
    }
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    for (size_t i = 0; i < params.size(); ++i) {
        const int index = static_cast<int>(i) + 1;
        if (!params[i]) {
            sqlite3_bind_null(statement, index);
        } else {
            sqlite3_bind_text(statement, index, params[i]->data(),
                              static_cast<int>(params[i]->size()), SQLITE_TRANSIENT);
        }
    }
    return statement;
}

std::vector<SqlRow> SqliteStoreSession::query(const std::string& sql,
                                              const std::vector<SqlValue>& params) {
    sqlite3_stmt* statement = prepared(sql, params);
    std::vector<SqlRow> rows;
    const int columns = sqlite3_column_count(statement);
    for (;;) {
        const int rc = sqlite3_step(statement);
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) {
            sqlite3_reset(statement);
            fail("cannot read or write");
        }
        SqlRow row;
        for (int column = 0; column < columns; ++column) {
            const auto* text =
                reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
            if (text) {
                row.emplace_back(std::string(
                    text, static_cast<size_t>(sqlite3_column_bytes(statement, column))));
            } else {
                row.emplace_back(std::nullopt);
            }
        }
        rows.push_back(std::move(row));
    }
    sqlite3_reset(statement);
    return rows;
}

void SqliteStoreSession::exec(const std::string& sql, const std::vector<SqlValue>& params) {
    query(sql, params);
}

void SqliteStoreSession::begin() {
    exec("BEGIN IMMEDIATE", {});
}

void SqliteStoreSession::commit() {
    exec("COMMIT", {});
}

void SqliteStoreSession::rollback() noexcept {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

}  // namespace opsctl
