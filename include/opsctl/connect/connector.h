#pragma once
// One small interface for every warehouse. A connector is read-only by
// construction: PostgreSQL runs each query in a read-only transaction, SQLite opens
// its file read-only. The only code that writes is standin/, and only on request.
// Implementations: PostgresConnector (libpq), SqliteConnector (SQLite3).

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "opsctl/connect/row_sink.h"
#include "opsctl/core/error.h"

namespace opsctl {

// A query could not run: SQL error, timeout, lost connection. The step ends as error.
class QueryError : public Error {
  public:
    QueryError(const std::string& message, std::string sqlstate = {})
        : Error(message), sqlstate_(std::move(sqlstate)) {}
    const std::string& sqlstate() const { return sqlstate_; }

  private:
    std::string sqlstate_;
};

// The target cannot be reached or refused us; nothing can run.
class ConnectionError : public Error {
  public:
    using Error::Error;
};

class Connector {
  public:
    virtual ~Connector() = default;

    // "postgresql", "sqlite", ...: the dialect runbook SQL is translated into.
    virtual std::string dialect() const = 0;

    // The engine and its version as the server reports it ("PostgreSQL 15.18",
    // "SQLite 3.40.1"), for `opsctl ping`. Throws QueryError.
    virtual std::string server_version() = 0;

    // Runs one statement and streams its result into `sink`. A timeout, when given,
    // is enforced by the server (PostgreSQL) or by interrupting the engine (SQLite).
    // Throws QueryError.
    virtual void query(const std::string& sql, RowSink& sink,
                       std::optional<std::chrono::milliseconds> timeout) = 0;

    // Asks the engine to stop the query in progress, if any; query() then throws
    // QueryError. Safe to call from another thread (timeouts, Ctrl-C).
    virtual void cancel() = 0;

    // Ends a query the engine did not stop after cancel(), e.g. a server stopped or
    // behind a dead network: closes the connection's socket, so that query() throws
    // at once; the next query connects again. Safe from another thread. Engines
    // that cannot hang after a cancel (SQLite) do nothing.
    virtual void abandon() {}

    // What the connected role could write or do beyond reading, one short phrase each
    // ("superuser", "member of pg_signal_backend", "INSERT, UPDATE, DELETE or TRUNCATE
    // on 2 table(s) of its search_path: public.orders, ..."); empty when it can only
    // read, or when the engine has no roles to ask (SQLite, ODBC). Read-transaction
    // rules do not stop these (COPY TO PROGRAM, large objects, dblink). Throws QueryError.
    virtual std::vector<std::string> write_capabilities() { return {}; }
};

}  // namespace opsctl
