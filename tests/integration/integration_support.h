#pragma once
// Small helpers shared by the integration tests: a RowSink that keeps everything,
// writable SQLite files for test setup, and running single runbook steps.

#include <sqlite3.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>
#include "opsctl/connect/connector.h"
#include "opsctl/connect/row_sink.h"
#include "opsctl/core/status.h"
#include "opsctl/core/timestamp.h"
#include "support/test_support.h"

namespace opsctl::itest {

// The runner logs every step at info level; the test output only needs problems.
inline const bool kQuietLogs = [] {
    spdlog::set_level(spdlog::level::warn);
    return true;
}();

// Keeps the columns and every row, and counts how often it was called.
class CollectingSink : public RowSink {
  public:
    void on_columns(const std::vector<std::string>& names) override {
        ++column_calls;
        columns = names;
    }
    void on_row(const std::vector<Cell>& cells) override { rows.push_back(cells); }

    // The cell of `row` in the column called `name`; fails the test when absent.
    const Cell& cell(size_t row, const std::string& name) const {
        const auto found = std::find(columns.begin(), columns.end(), name);
        if (found == columns.end()) FAIL("no column " << name);
        if (row >= rows.size()) FAIL("no row " << row << " (" << rows.size() << " rows)");
        return rows[row][static_cast<size_t>(found - columns.begin())];
    }
    // The text of that cell; fails the test when it is NULL.
    std::string text(size_t row, const std::string& name) const {
        const Cell& found = cell(row, name);
        INFO("row " << row << " column " << name);
        REQUIRE_FALSE(found.is_null);
        return found.text;
    }

    int column_calls = 0;
    std::vector<std::string> columns;
    std::vector<std::vector<Cell>> rows;
};

// Runs `sql` and returns everything it produced.
inline CollectingSink collect(
    Connector& connector, const std::string& sql,
    std::optional<std::chrono::milliseconds> timeout = std::chrono::seconds(30)) {
    CollectingSink sink;
    connector.query(sql, sink, timeout);
    return sink;
}

// The only value of a one-row, one-column result.
inline Cell scalar(Connector& connector, const std::string& sql) {
    const CollectingSink sink = collect(connector, sql);
    REQUIRE(sink.rows.size() == 1);
    REQUIRE(sink.rows[0].size() == 1);
    return sink.rows[0][0];
}

// Reads one value as the superuser, outside opsctl's connectors ("NULL" for NULL).
inline std::string pg_value(const std::string& database, const std::string& sql) {
    pqxx::connection connection(test::pg_uri(database));
    pqxx::nontransaction tx(connection);
    const pqxx::result result = tx.exec(sql);
    REQUIRE(result.size() == 1);
    return result[0][0].is_null() ? "NULL" : result[0][0].c_str();
}

// How many sessions of `database` are still running a pg_sleep.
inline std::string running_sleeps(const std::string& database) {
    return pg_value("postgres", "SELECT count(*) FROM pg_stat_activity WHERE datname = '" +
                                    database +
                                    "' AND query LIKE '%pg_sleep(%' AND state <> 'idle' "
                                    "AND pid <> pg_backend_pid()");
}

inline std::string text(Status status) {
    return std::string(to_string(status));
}

inline Timestamp as_of() {
    const auto parsed = parse_timestamp(test::kAsOf);
    REQUIRE(parsed);
    return *parsed;
}

// A writable SQLite handle for test setup (opsctl's own connector is read-only).
class SqliteFile {
  public:
    explicit SqliteFile(std::string path) : path_(std::move(path)) {
        const int rc = sqlite3_open_v2(path_.c_str(), &db_,
                                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
        if (rc != SQLITE_OK) FAIL("cannot create " << path_ << ": " << sqlite3_errstr(rc));
    }
    ~SqliteFile() { sqlite3_close(db_); }
    SqliteFile(const SqliteFile&) = delete;
    SqliteFile& operator=(const SqliteFile&) = delete;

    void exec(const std::string& sql) {
        char* error = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            const std::string message = error ? error : sqlite3_errmsg(db_);
            sqlite3_free(error);
            FAIL("SQLite setup failed: " << message << "\nSQL: " << sql);
        }
    }

    long long count(const std::string& table) {
        sqlite3_stmt* statement = nullptr;
        const std::string sql = "SELECT count(*) FROM " + table;
        REQUIRE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
        const long long n = sqlite3_column_int64(statement, 0);
        sqlite3_finalize(statement);
        return n;
    }

    const std::string& path() const { return path_; }

  private:
    std::string path_;
    sqlite3* db_ = nullptr;
};

}  // namespace opsctl::itest
