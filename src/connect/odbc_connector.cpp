#include "opsctl/connect/odbc_connector.h"

#include <fmt/format.h>
#include <langinfo.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <clocale>
#include <cstring>
#include <mutex>
#include <thread>
#include <vector>

#include "opsctl/connect/connect_retry.h"
#include "opsctl/connect/odbc_diagnostics.h"
#include "opsctl/connect/odbc_handles.h"
#include "opsctl/connect/odbc_types.h"
#include "opsctl/connect/query_watchdog.h"
#include "opsctl/connect/target.h"
#include "opsctl/core/duration.h"
#include "opsctl/core/error.h"
#include "opsctl/translate/sql_lexer.h"

namespace opsctl {

namespace {

// The driver's own query timeout is a backstop behind opsctl's watchdog, which
// cancels first and so reports the timeout the user set.
constexpr long long kQueryTimeoutGraceSeconds = 1;

// For a driver without the W functions (the SQLite ODBC driver of Debian), unixODBC
// converts opsctl's UTF-16 with the process's LC_CTYPE: in the default "C" locale
// every non-ASCII character is lost. opsctl speaks UTF-8, so it makes LC_CTYPE a
// UTF-8 one, once, when the first ODBC connection opens (on the main thread, before
// workers start); a UTF-8 locale the user set is kept.
void ensure_utf8_ctype() {
    static std::once_flag once;
    std::call_once(once, [] {
        const char* codeset = nl_langinfo(CODESET);
        if (codeset && std::strcmp(codeset, "UTF-8") == 0) return;
        if (!std::setlocale(LC_CTYPE, "C.UTF-8")) {
            spdlog::debug("no C.UTF-8 locale: non-ASCII text may not reach ANSI ODBC drivers");
        }
    });
}

// One check's statement: freed, and its transaction rolled back, whatever happens, so
// that a write a driver let through is undone.
class QueryStatement {
  public:
    explicit QueryStatement(OdbcHandles& handles) : handles_(handles) {
        if (!odbc_succeeded(SQLAllocHandle(SQL_HANDLE_STMT, handles.dbc, &statement_))) {
            throw QueryError(format_odbc_diagnostics(odbc_diagnostics(SQL_HANDLE_DBC, handles.dbc),
                                                     "cannot allocate a statement"));
        }
    }
    ~QueryStatement() {
        handles_.set_running(SQL_NULL_HSTMT);
        SQLFreeHandle(SQL_HANDLE_STMT, statement_);
        handles_.end_transaction(SQL_ROLLBACK);
    }
    QueryStatement(const QueryStatement&) = delete;
    QueryStatement& operator=(const QueryStatement&) = delete;

    SQLHSTMT get() const { return statement_; }

  private:
    OdbcHandles& handles_;
    SQLHSTMT statement_ = SQL_NULL_HSTMT;
};

// Throws the QueryError of a failed call on `statement`: the first diagnostic that is
// not a warning, or the timeout when that is what ended it.
[[noreturn]] void fail_query(SQLHSTMT statement, const std::string& what, bool timed_out,
                             std::optional<std::chrono::milliseconds> timeout) {
    std::string sqlstate;
    std::string message;
    for (const auto& diagnostic : odbc_diagnostics(SQL_HANDLE_STMT, statement)) {
        if (diagnostic.sqlstate.starts_with("01")) continue;  // warnings
        sqlstate = diagnostic.sqlstate;
        message = diagnostic.message;
        break;
    }
    if (timeout && (timed_out || sqlstate == "HYT00")) {
        throw QueryError("timed out after " + format_duration(*timeout), sqlstate);
    }
    if (message.empty()) message = what + " failed";
    throw QueryError(mask_secrets(message), sqlstate);
}

struct ResultColumns {
    std::vector<std::string> names;
    std::vector<OdbcFetch> fetches;
};

// The names of the result's columns and how each is fetched. `dates_as_text`: the
// SQLite driver parses a time stamp's text into a struct and drops its zone offset
// ("03:00:00-05" became 03:00), so SQLite's dates are read as the text it keeps.
// Returns false when the driver cannot describe them.
bool describe_columns(SQLHSTMT statement, bool dates_as_text, ResultColumns& columns) {
    SQLSMALLINT column_count = 0;
    if (!odbc_succeeded(SQLNumResultCols(statement, &column_count))) return false;
    for (SQLUSMALLINT column = 1; column <= column_count; ++column) {
        char16_t name[512] = {};
        SQLSMALLINT name_length = 0;
        SQLSMALLINT type = 0;
        SQLULEN size = 0;
        SQLSMALLINT digits = 0;
        SQLSMALLINT nullable = 0;
        if (!odbc_succeeded(SQLDescribeColW(statement, column, reinterpret_cast<SQLWCHAR*>(name),
                                            sizeof(name) / sizeof(name[0]), &name_length, &type,
                                            &size, &digits, &nullable))) {
            return false;
        }
        // Some drivers count the name's length in bytes: the name ends at its NUL.
        const size_t chars = std::min<size_t>(
            {static_cast<size_t>(std::max<SQLSMALLINT>(name_length, 0)),
             sizeof(name) / sizeof(name[0]) - 1, std::u16string_view(name).size()});
        columns.names.push_back(utf16_to_utf8(std::u16string_view(name, chars)));
        const OdbcFetch fetch = odbc_fetch_for(type);
        const bool date = fetch == OdbcFetch::Date || fetch == OdbcFetch::Timestamp;
        columns.fetches.push_back(date && dates_as_text ? OdbcFetch::Text : fetch);
    }
    return true;
}

void set_driver_timeout(SQLHSTMT statement, std::optional<std::chrono::milliseconds> timeout) {
    if (!timeout) return;
    const auto seconds = (timeout->count() + 999) / 1000 + kQueryTimeoutGraceSeconds;
    // ODBC passes integer attributes in the pointer argument.
    SQLSetStmtAttr(statement, SQL_ATTR_QUERY_TIMEOUT,
                   reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(seconds)),  // NOLINT
                   0);
}

}  // namespace

OdbcConnector::OdbcConnector(const std::string& connection_string,
                             const std::string& dialect_override) {
    ensure_utf8_ctype();
    connect_with_retries(connection_string);
    prepare_session(dialect_override);
}

void OdbcConnector::connect_with_retries(const std::string& connection_string) {
    std::string effective = odbc_connection_string(connection_string);
    for (;;) {
        retry_connect([&]() -> std::optional<ConnectFailure> {
            handles_ = std::make_unique<OdbcHandles>();
            bool retry = false;
            try {
                handles_->connect(effective, retry);
            } catch (const ConnectionError& e) {
                handles_.reset();
                return ConnectFailure{e.what(), retry};
            }
            return std::nullopt;
        });
        // A data source name hides the driver until now: connect again (with attempts
        // anew) when it turns out to be one opsctl has settings for (psqlODBC's cursor
        // above all).
        const std::string driver = handles_->info_text(SQL_DRIVER_NAME);
        const std::string tuned = odbc_connection_string(connection_string, driver);
        if (tuned == effective) return;
        spdlog::debug("reconnecting with the settings for driver {}", driver);
        effective = tuned;
    }
}

void OdbcConnector::prepare_session(const std::string& dialect_override) {
    OdbcHandles& h = *handles_;
    h.dbms_name = h.info_text(SQL_DBMS_NAME);
    h.dbms_version = h.info_text(SQL_DBMS_VER);
    const std::string engine = dialect_for_dbms(h.dbms_name);
    h.postgres = engine == "postgresql";
    h.sqlite = engine == "sqlite";
    h.dialect = dialect_override.empty() ? engine : dialect_override;
    if (h.dialect.empty()) {
        throw UsageError("cannot tell the SQL dialect of the ODBC target: its driver reports \"" +
                         h.dbms_name + "\"; pass --dialect (snowflake, trino, ...)");
    }
    // A request many drivers honour (some ignore it: the rollback after each query is
    // the rule).
    if (!odbc_succeeded(SQLSetConnectAttr(h.dbc, SQL_ATTR_ACCESS_MODE,
                                          reinterpret_cast<SQLPOINTER>(SQL_MODE_READ_ONLY), 0))) {
        spdlog::debug("the ODBC driver does not take SQL_MODE_READ_ONLY");
    }
    // Every query runs in a transaction of its own that is rolled back.
    if (!odbc_succeeded(SQLSetConnectAttr(h.dbc, SQL_ATTR_AUTOCOMMIT,
                                          reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0))) {
        throw ConnectionError(
            "the ODBC driver cannot turn autocommit off, so opsctl cannot keep it read-only: " +
            format_odbc_diagnostics(odbc_diagnostics(SQL_HANDLE_DBC, h.dbc), "refused"));
    }
    if (h.postgres) {
        // Runbook times are UTC, and dates must be ISO for opsctl to read them.
        h.execute<ConnectionError>("SET TIME ZONE 'UTC'");
        h.execute<ConnectionError>("SET DateStyle = ISO, MDY");
        // Strings as opsctl's lexer reads them, which cuts a step at its first ';'.
        h.execute<ConnectionError>("SET standard_conforming_strings = on");
        h.end_transaction(SQL_COMMIT);
    } else if (engine == "snowflake") {
        // Snowflake's session zone defaults to America/Los_Angeles, and TIMESTAMP_LTZ
        // values arrive as wall-clock times in it: read as UTC, as opsctl reads every
        // zone-less time, each age would be off by hours.
        h.execute<ConnectionError>("ALTER SESSION SET TIMEZONE = 'UTC'");
        h.end_transaction(SQL_COMMIT);
    }
}

OdbcConnector::~OdbcConnector() = default;

std::string OdbcConnector::dialect() const {
    return handles_->dialect;
}

const std::string& OdbcConnector::dbms_name() const {
    return handles_->dbms_name;
}

std::string OdbcConnector::server_version() {
    return handles_->dbms_name + " " + handles_->dbms_version;
}

void OdbcConnector::cancel() {
    // SQLCancel is the one ODBC call made for use from another thread; a cancel that
    // arrives between queries has nothing to stop.
    std::lock_guard<std::mutex> lock(handles_->running_mutex);
    if (handles_->running) {
        const SQLRETURN rc = SQLCancel(handles_->running);
        if (!odbc_succeeded(rc)) spdlog::debug("SQLCancel failed");
    }
}

void OdbcConnector::guard_read_only() {
    OdbcHandles& h = *handles_;
    if (h.sqlite) {
        // The SQLite ODBC driver opens files read-write; this makes SQLite refuse
        // every write with "attempt to write a readonly database". Asserted before
        // every statement: nothing an earlier step did can lift it.
        try {
            h.execute<QueryError>("PRAGMA query_only = 1");
        } catch (const QueryError& e) {
            throw QueryError(std::string("cannot make the SQLite file read-only: ") + e.what());
        }
    }
    if (h.postgres) {
        // The server refuses any write in it, whatever the statement does.
        try {
            h.execute<QueryError>("SET TRANSACTION READ ONLY");
        } catch (const QueryError& e) {
            throw QueryError(std::string("cannot start a read-only transaction: ") + e.what());
        }
    }
}

void OdbcConnector::query(const std::string& sql, RowSink& sink,
                          std::optional<std::chrono::milliseconds> timeout) {
    // One statement only: a second one could end the read-only transaction.
    if (has_several_statements(sql)) {
        throw QueryError("a step runs one statement; found more after the first ';'");
    }
    const QueryStatement query_statement(*handles_);
    const SQLHSTMT statement = query_statement.get();
    guard_read_only();
    set_driver_timeout(statement, timeout);
    handles_->set_running(statement);
    QueryWatchdog watchdog(timeout, *this);
    const auto fail = [&](const std::string& what) {
        fail_query(statement, what, watchdog.expired(), timeout);
    };

    // Drivers wrap the statement (psqlODBC: in a cursor declaration) or refuse a
    // second one (SQLite): the statement is sent without its ';' and what follows
    // (comments only, checked above), on a line of its own so that a final
    // "-- comment" cannot swallow what a driver adds after it. Prepared, then executed.
    std::u16string wide = utf8_to_utf16(std::string(first_statement(sql)) + "\n");
    if (!odbc_succeeded(SQLPrepareW(statement, reinterpret_cast<SQLWCHAR*>(wide.data()),
                                    static_cast<SQLINTEGER>(wide.size())))) {
        fail("preparing the query");
    }
    const SQLRETURN executed = SQLExecute(statement);
    if (!odbc_succeeded(executed) && executed != SQL_NO_DATA) fail("running the query");

    ResultColumns columns;
    if (!describe_columns(statement, handles_->sqlite, columns)) fail("describing the columns");
    sink.on_columns(columns.names);
    if (columns.names.empty()) return;
    std::vector<Cell> cells(columns.names.size());
    while (true) {
        const SQLRETURN fetched = SQLFetch(statement);
        if (fetched == SQL_NO_DATA) break;
        if (!odbc_succeeded(fetched)) fail("fetching rows");
        // ODBC numbers columns from 1; SQLNumResultCols gave at most 32767 of them.
        for (size_t i = 0; i < cells.size(); ++i) {
            if (!read_odbc_cell(statement, static_cast<SQLUSMALLINT>(i + 1), columns.fetches[i],
                                cells[i])) {
                fail("reading a value");
            }
        }
        sink.on_row(cells);
    }
    if (watchdog.expired()) throw QueryError("timed out after " + format_duration(*timeout));
}

}  // namespace opsctl
