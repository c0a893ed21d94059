#pragma once
// Any warehouse with an ODBC driver (Snowflake, Trino, Databricks, SQL Server, ...)
// through the unixODBC driver manager; tested with psqlODBC and the SQLite ODBC
// driver. The connection asks for read-only access (SQL_ATTR_ACCESS_MODE) and runs
// every query in a transaction of its own that is rolled back afterwards, so that
// a write a driver lets through is undone; on PostgreSQL the transaction is also
// declared READ ONLY, so the server refuses the write outright. Rows are fetched
// one at a time with SQLGetData, so memory stays flat whatever the row count.

#include <memory>
#include <string>

#include "opsctl/connect/connector.h"
#include "opsctl/connect/odbc_connection_string.h"

namespace opsctl {

struct OdbcHandles;

class OdbcConnector : public Connector {
  public:
    // `connection_string` without the "odbc:" prefix. Throws ConnectionError (with
    // the driver's diagnostics, secrets masked) when the driver cannot connect; a
    // refused or timed-out connection is retried a few times with backoff first.
    // Throws UsageError when the dialect can be neither detected nor was given.
    explicit OdbcConnector(const std::string& connection_string,
                           const std::string& dialect_override = {});
    ~OdbcConnector() override;
    OdbcConnector(const OdbcConnector&) = delete;
    OdbcConnector& operator=(const OdbcConnector&) = delete;

    std::string dialect() const override;
    // "PostgreSQL 15.18" from SQL_DBMS_NAME and SQL_DBMS_VER.
    std::string server_version() override;
    void query(const std::string& sql, RowSink& sink,
               std::optional<std::chrono::milliseconds> timeout) override;
    void cancel() override;

    // SQL_DBMS_NAME as the driver reports it ("PostgreSQL", "SQLite").
    const std::string& dbms_name() const;

  private:
    // Connects, retrying what may pass, and reconnects with the settings of the driver a
    // DSN turns out to hide.
    void connect_with_retries(const std::string& connection_string);
    // Read-only where the driver allows it, no autocommit, UTC, ISO dates.
    void prepare_session(const std::string& dialect_override);
    // Before each query: the guards that make this one statement read-only.
    void guard_read_only();

    std::unique_ptr<OdbcHandles> handles_;  // the ODBC handles, kept out of this header
};

}  // namespace opsctl
