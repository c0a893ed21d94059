#pragma once
// SQLite lacks the Snowflake date functions the runbooks use; these register
// DATEADD(part, n, x) and DATE_TRUNC(part, x) on a connection. Both return TEXT in
// the format of their input ('YYYY-MM-DD' stays a date), so that comparisons with
// the stand-in's TEXT dates and timestamps work as plain string comparisons.

struct sqlite3;

namespace opsctl {

// Returns an SQLite result code.
int register_sqlite_date_functions(sqlite3* db);

}  // namespace opsctl
