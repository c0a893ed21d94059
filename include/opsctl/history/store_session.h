#pragma once
// One connection to a history store, as the store's SQL needs it: statements with
// positional parameters and rows of text back. The history SQL is written once, with
// `?` placeholders, for SQLite and PostgreSQL alike; each session converts them.

#include <optional>
#include <string>
#include <vector>

namespace opsctl {

using SqlValue = std::optional<std::string>;  // nullopt for NULL
using SqlRow = std::vector<SqlValue>;

class StoreSession {
  public:
    virtual ~StoreSession() = default;
    StoreSession() = default;
    StoreSession(const StoreSession&) = delete;
    StoreSession& operator=(const StoreSession&) = delete;

    // Runs one statement. Throws HistoryError.
    virtual void exec(const std::string& sql, const std::vector<SqlValue>& params = {}) = 0;
    // Runs one statement and returns its rows, each value as text.
    virtual std::vector<SqlRow> query(const std::string& sql,
                                      const std::vector<SqlValue>& params = {}) = 0;
    // A write transaction that other writers wait for (SQLite: BEGIN IMMEDIATE, so
    // that a run never fails half-way on a lock it could not upgrade).
    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() noexcept = 0;
    // Inside begin(): makes concurrent schema changes wait for each other.
    virtual void lock_schema() = 0;
    // The type of an auto-numbered primary key column, in CREATE TABLE.
    virtual std::string id_column() const = 0;
    // The store as shown to people, never with a password.
    virtual std::string describe() const = 0;
};

// `sql` with each `?` outside quotes replaced by `$1`, `$2`, ... (PostgreSQL).
std::string numbered_placeholders(const std::string& sql);

}  // namespace opsctl
