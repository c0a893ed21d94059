#pragma once
// What opsctl tells an ODBC driver, and what it learns from one: the connection string
// with the settings a known driver needs to stream and stay read-only, and the SQL
// dialect a driver's SQL_DBMS_NAME stands for.

#include <string>

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

}  // namespace opsctl
