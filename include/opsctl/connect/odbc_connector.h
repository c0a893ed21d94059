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

namespace opsctl {

// The engines whose dialect opsctl knows from SQL_DBMS_NAME: "postgresql",
// "sqlite", "snowflake"; empty for any other (the user passes --dialect).
std::string dialect_for_dbms(const std::string& dbms_name);

// The connection string opsctl connects with: the user's, plus settings for a
// driver it knows (psqlODBC: fetch through a cursor in blocks, booleans as bits, no
// log files; SQLite ODBC: never create a missing file). Keys the user set win.
// `driver_name` is SQL_DRIVER_NAME when known ("psqlodbcw.so"), else the Driver=
// value of the string decides.
std::string odbc_connection_string(const std::string& spec, const std::string& driver_name = {});

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
    struct Handles;  // the ODBC handles, kept out of this header
    std::unique_ptr<Handles> handles_;
};

}  // namespace opsctl
