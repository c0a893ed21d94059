#pragma once
// What an ODBC driver says went wrong: the diagnostic records of a handle
// (SQLGetDiagRec), as "SQLSTATE: message" text with secrets masked.

#include <sql.h>

#include <string>
#include <vector>

namespace opsctl {

struct OdbcDiagnostic {
    std::string sqlstate;  // five characters: "42P01", "08001", "HYT00"
    std::string message;   // first line, without the "[vendor][component]" prefixes
};

// Every diagnostic record of `handle` (SQL_HANDLE_ENV/DBC/STMT), in order.
std::vector<OdbcDiagnostic> odbc_diagnostics(SQLSMALLINT handle_type, SQLHANDLE handle);

// "08001: could not connect to server; IM006: ..." (masked), or `fallback` when the
// driver left no record.
std::string format_odbc_diagnostics(const std::vector<OdbcDiagnostic>& diagnostics,
                                    const std::string& fallback);

// "[unixODBC][Driver Manager]Data source name not found\n..." -> "Data source name
// not found": the vendor tags say nothing to an operator, later lines repeat.
std::string clean_odbc_message(const std::string& message);

}  // namespace opsctl
