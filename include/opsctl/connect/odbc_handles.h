#pragma once
// The ODBC handles of one connection (environment, connection, the running statement)
// and the calls opsctl makes on them outside a check's query: connecting, its own
// session statements, ending a transaction. Freed by the destructor, whatever happens.

#include <sql.h>
#include <sqlext.h>

#include <mutex>
#include <string>

#include "opsctl/connect/odbc_diagnostics.h"

namespace opsctl {

inline bool odbc_succeeded(SQLRETURN rc) {
    return rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO;
}

struct OdbcHandles {
    SQLHENV env = SQL_NULL_HENV;
    SQLHDBC dbc = SQL_NULL_HDBC;
    bool connected = false;
    std::string dbms_name;
    std::string dbms_version;
    std::string dialect;
    bool postgres = false;
    bool sqlite = false;

    std::mutex running_mutex;  // guards `running`, so cancel() only hits a live statement
    SQLHSTMT running = SQL_NULL_HSTMT;

    OdbcHandles() = default;
    ~OdbcHandles();
    OdbcHandles(const OdbcHandles&) = delete;
    OdbcHandles& operator=(const OdbcHandles&) = delete;

    // Connects once; throws ConnectionError with the diagnostics, and tells whether
    // another attempt may help.
    void connect(const std::string& connection_string, bool& retry);
    // Runs a statement of opsctl's own (session setup, read-only guards); throws
    // `Error` (ConnectionError or QueryError) with the driver's diagnostics.
    template <typename Error>
    void execute(const std::string& sql);
    void end_transaction(SQLSMALLINT completion);
    // The text of an SQLGetInfo item (SQL_DBMS_NAME, SQL_DRIVER_NAME, ...); empty when
    // the driver has none.
    std::string info_text(SQLUSMALLINT info) const;
    // The statement a query runs now (for cancel()), or SQL_NULL_HSTMT.
    void set_running(SQLHSTMT statement);

  private:
    void close();
};

}  // namespace opsctl
