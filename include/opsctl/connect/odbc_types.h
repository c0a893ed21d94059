#pragma once
// ODBC values as the text opsctl evaluates: how each SQL type is fetched
// (integers and doubles as numbers, decimals as the driver's exact text, dates and
// timestamps as ISO text, everything else as UTF-16 converted to UTF-8), and the
// conversions between UTF-8 and ODBC's SQLWCHAR (UTF-16 on unixODBC).

#include <sql.h>
#include <sqlext.h>

#include <string>
#include <string_view>

#include "opsctl/connect/row_sink.h"

namespace opsctl {

enum class OdbcFetch { Integer, Double, Real, Bit, Date, Timestamp, Binary, Text };

// How a column of ODBC SQL type `sql_type` (SQLDescribeCol) is read.
OdbcFetch odbc_fetch_for(SQLSMALLINT sql_type);

std::u16string utf8_to_utf16(std::string_view text);
// Unpaired surrogates become U+FFFD.
std::string utf16_to_utf8(std::u16string_view text);

// "2026-11-26"
std::string format_odbc_date(const SQL_DATE_STRUCT& date);
// "2026-11-26 08:00:00", with the fraction to microseconds and no trailing zeros
// ("2024-02-29 23:59:59.25"), as PostgreSQL prints it.
std::string format_odbc_timestamp(const SQL_TIMESTAMP_STRUCT& timestamp);

// Reads column `column` (1-based) of the current row with SQLGetData, whatever its
// length (long text is read in pieces). Returns false with `cell` untouched when
// the driver reports an error; the caller reads the statement's diagnostics.
bool read_odbc_cell(SQLHSTMT statement, SQLUSMALLINT column, OdbcFetch fetch, Cell& cell);

}  // namespace opsctl
