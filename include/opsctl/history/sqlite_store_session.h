#pragma once
// A history store in one SQLite file: WAL, synchronous=NORMAL and a 10 s busy timeout,
// so that runs ending at the same moment wait for each other instead of failing.

#include <map>
#include <memory>
#include <string>

#include "opsctl/history/store_session.h"

struct sqlite3;
struct sqlite3_stmt;

namespace opsctl {

class SqliteStoreSession : public StoreSession {
  public:
    // Creates the file when missing (its folder must exist). Throws HistoryError.
    explicit SqliteStoreSession(const std::string& path);
    ~SqliteStoreSession() override;

    void exec(const std::string& sql, const std::vector<SqlValue>& params) override;
    std::vector<SqlRow> query(const std::string& sql, const std::vector<SqlValue>& params) override;
    void begin() override;
    void commit() override;
    void rollback() noexcept override;
    void lock_schema() override {}  // BEGIN IMMEDIATE already keeps other writers out
    std::string id_column() const override { return "INTEGER PRIMARY KEY"; }
    std::string describe() const override { return path_; }

  private:
    sqlite3_stmt* prepared(const std::string& sql, const std::vector<SqlValue>& params);
    [[noreturn]] void fail(const std::string& doing) const;

    std::string path_;
    sqlite3* db_ = nullptr;
    std::map<std::string, sqlite3_stmt*> statements_;  // prepared once per session
};

}  // namespace opsctl
