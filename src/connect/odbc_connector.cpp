#include "opsctl/connect/odbc_connector.h"

#include <sql.h>
#include <sqlext.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <langinfo.h>

#include <algorithm>
#include <cctype>
#include <clocale>
#include <condition_variable>
#include <cstring>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "opsctl/connect/odbc_diagnostics.h"
#include "opsctl/connect/odbc_types.h"
#include "opsctl/connect/target.h"
#include "opsctl/core/duration.h"
#include "opsctl/core/error.h"
#include "opsctl/translate/sql_lexer.h"

namespace opsctl {

namespace {

constexpr SQLULEN kLoginTimeoutSeconds = 10;
constexpr int kConnectAttempts = 3;
constexpr auto kFirstBackoff = std::chrono::milliseconds(250);
constexpr const char* kPsqlodbcFetchRows = "10000";
// The driver's own query timeout is a backstop behind opsctl's watchdog, which
// cancels first and so reports the timeout the user set.
constexpr long long kQueryTimeoutGraceSeconds = 1;

bool succeeded(SQLRETURN rc) {
    return rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO;
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// The keys of an ODBC connection string, lower-cased, with their values
// ("Driver={PostgreSQL Unicode};Server=db" -> driver: "PostgreSQL Unicode", ...).
std::map<std::string, std::string> connection_keys(const std::string& text) {
    std::map<std::string, std::string> keys;
    size_t i = 0;
    while (i < text.size()) {
        const auto equals = text.find('=', i);
        if (equals == std::string::npos) break;
        std::string key = text.substr(i, equals - i);
        key.erase(0, key.find_first_not_of(" \t;"));
        key.erase(key.find_last_not_of(" \t") + 1);
        i = equals + 1;
        std::string value;
        if (i < text.size() && text[i] == '{') {
            for (++i; i < text.size(); ++i) {
                if (text[i] == '}') {
                    if (i + 1 < text.size() && text[i + 1] == '}') {
                        value += '}';
                        ++i;
                        continue;
                    }
                    ++i;
                    break;
                }
                value += text[i];
            }
            const auto semicolon = text.find(';', i);
            i = semicolon == std::string::npos ? text.size() : semicolon + 1;
        } else {
            const auto semicolon = text.find(';', i);
            value =
                text.substr(i, semicolon == std::string::npos ? std::string::npos : semicolon - i);
            i = semicolon == std::string::npos ? text.size() : semicolon + 1;
        }
        keys[lower(key)] = value;
    }
    return keys;
}

// Failures worth another try: the server may be restarting or briefly overloaded.
// Authentication errors and unknown databases or drivers are not retried.
bool transient(const std::vector<OdbcDiagnostic>& diagnostics) {
    for (const auto& diagnostic : diagnostics) {
        if (diagnostic.sqlstate == "HYT00" || diagnostic.sqlstate == "HYT01") return true;
        for (const char* sign :
             {"Connection refused", "timeout expired", "starting up", "shutting down",
              "too many clients", "could not receive data", "server closed the connection"}) {
            if (diagnostic.message.find(sign) != std::string::npos) return true;
        }
    }
    return false;
}

std::string get_info_text(SQLHDBC dbc, SQLUSMALLINT info) {
    char16_t buffer[512] = {};
    SQLSMALLINT bytes = 0;
    if (!succeeded(SQLGetInfoW(dbc, info, buffer, sizeof(buffer), &bytes))) return {};
    const size_t chars =
        std::min(static_cast<size_t>(std::max<SQLSMALLINT>(bytes, 0)) / sizeof(char16_t),
                 sizeof(buffer) / sizeof(buffer[0]) - 1);
    return utf16_to_utf8(std::u16string_view(buffer, chars));
}

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

}  // namespace

std::string dialect_for_dbms(const std::string& dbms_name) {
    const std::string name = lower(dbms_name);
    if (name.find("postgres") != std::string::npos) return "postgresql";
    if (name.find("sqlite") != std::string::npos) return "sqlite";
    if (name.find("snowflake") != std::string::npos) return "snowflake";
    return "";
}

std::string odbc_connection_string(const std::string& spec, const std::string& driver_name) {
    const auto keys = connection_keys(spec);
    const auto driver_key = keys.find("driver");
    const std::string driver = lower(
        !driver_name.empty() ? driver_name : (driver_key == keys.end() ? "" : driver_key->second));
    std::vector<std::pair<std::string, std::string>> extra;
    if (driver.find("psqlodbc") != std::string::npos ||
        driver.find("postgres") != std::string::npos) {
        // Without a cursor psqlODBC reads the whole result into memory first.
        extra = {{"UseDeclareFetch", "1"},
                 {"Fetch", kPsqlodbcFetchRows},
                 {"BoolsAsChar", "0"},
                 {"CommLog", "0"},
                 {"Debug", "0"}};
    } else if (driver.find("sqlite") != std::string::npos) {
        // Inside a transaction the driver reads the whole result into memory first;
        // without one it steps row by row. Writes are refused by query_only (below).
        extra = {{"StepAPI", "1"}, {"NoTXN", "1"}, {"NoCreat", "1"}};
    }
    std::string result = spec;
    for (const auto& [key, value] : extra) {
        if (keys.count(lower(key))) continue;
        if (!result.empty() && result.back() != ';') result += ';';
        result.append(key).append("=").append(value).append(";");
    }
    return result;
}

struct OdbcConnector::Handles {
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

    ~Handles() { close(); }

    void close() {
        if (connected) SQLDisconnect(dbc);
        connected = false;
        if (dbc) SQLFreeHandle(SQL_HANDLE_DBC, dbc);
        dbc = SQL_NULL_HDBC;
        if (env) SQLFreeHandle(SQL_HANDLE_ENV, env);
        env = SQL_NULL_HENV;
    }

    // Connects once; throws ConnectionError with the diagnostics, and tells whether
    // another attempt may help.
    void connect(const std::string& connection_string, bool& retry) {
        retry = false;
        if (!succeeded(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env))) {
            throw ConnectionError("cannot allocate an ODBC environment (is unixODBC installed?)");
        }
        SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
        if (!succeeded(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc))) {
            throw ConnectionError(format_odbc_diagnostics(odbc_diagnostics(SQL_HANDLE_ENV, env),
                                                          "cannot allocate an ODBC connection"));
        }
        // ODBC passes integer attributes in the pointer argument.
        SQLSetConnectAttr(dbc, SQL_ATTR_LOGIN_TIMEOUT,
                          reinterpret_cast<SQLPOINTER>(kLoginTimeoutSeconds),  // NOLINT
                          0);
        std::u16string wide = utf8_to_utf16(connection_string);
        const SQLRETURN rc = SQLDriverConnectW(
            dbc, nullptr, reinterpret_cast<SQLWCHAR*>(wide.data()),
            static_cast<SQLSMALLINT>(wide.size()), nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT);
        if (!succeeded(rc)) {
            const auto diagnostics = odbc_diagnostics(SQL_HANDLE_DBC, dbc);
            retry = transient(diagnostics);
            throw ConnectionError(format_odbc_diagnostics(diagnostics, "the driver refused"));
        }
        connected = true;
    }

    // Runs a statement of opsctl's own (session setup); throws `Error`.
    template <typename Error>
    void execute(const std::string& sql) {
        SQLHSTMT statement = SQL_NULL_HSTMT;
        if (!succeeded(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &statement))) {
            throw Error(format_odbc_diagnostics(odbc_diagnostics(SQL_HANDLE_DBC, dbc),
                                                "cannot allocate a statement"));
        }
        std::u16string wide = utf8_to_utf16(sql);
        const SQLRETURN rc = SQLExecDirectW(statement, reinterpret_cast<SQLWCHAR*>(wide.data()),
                                            static_cast<SQLINTEGER>(wide.size()));
        if (!succeeded(rc) && rc != SQL_NO_DATA) {
            const std::string problem =
                format_odbc_diagnostics(odbc_diagnostics(SQL_HANDLE_STMT, statement), "failed");
            SQLFreeHandle(SQL_HANDLE_STMT, statement);
            throw Error(sql + ": " + problem);
        }
        SQLFreeHandle(SQL_HANDLE_STMT, statement);
    }

    void end_transaction(SQLSMALLINT completion) {
        const SQLRETURN rc = SQLEndTran(SQL_HANDLE_DBC, dbc, completion);
        if (!succeeded(rc)) {
            spdlog::debug("ending the transaction: {}",
                          format_odbc_diagnostics(odbc_diagnostics(SQL_HANDLE_DBC, dbc), "failed"));
        }
    }
};

OdbcConnector::OdbcConnector(const std::string& connection_string,
                             const std::string& dialect_override) {
    ensure_utf8_ctype();
    std::string effective = odbc_connection_string(connection_string);
    auto backoff = kFirstBackoff;
    for (int attempt = 1;; ++attempt) {
        handles_ = std::make_unique<Handles>();
        bool retry = false;
        try {
            handles_->connect(effective, retry);
        } catch (const ConnectionError& e) {
            handles_.reset();
            if (attempt >= kConnectAttempts || !retry) throw;
            spdlog::info("connecting failed ({}); retrying in {} ms", e.what(), backoff.count());
            std::this_thread::sleep_for(backoff);
            backoff *= 2;
            continue;
        }
        // A data source name hides the driver until now: connect again when it turns
        // out to be one opsctl has settings for (psqlODBC's cursor above all).
        const std::string driver = get_info_text(handles_->dbc, SQL_DRIVER_NAME);
        const std::string tuned = odbc_connection_string(connection_string, driver);
        if (tuned == effective) break;
        spdlog::debug("reconnecting with the settings for driver {}", driver);
        effective = tuned;
        attempt = 0;
    }
    Handles& h = *handles_;
    h.dbms_name = get_info_text(h.dbc, SQL_DBMS_NAME);
    h.dbms_version = get_info_text(h.dbc, SQL_DBMS_VER);
    h.postgres = dialect_for_dbms(h.dbms_name) == "postgresql";
    h.dialect = dialect_override.empty() ? dialect_for_dbms(h.dbms_name) : dialect_override;
    if (h.dialect.empty()) {
        throw UsageError("cannot tell the SQL dialect of the ODBC target: its driver reports \"" +
                         h.dbms_name + "\"; pass --dialect (snowflake, trino, ...)");
    }
    // A request many drivers honour (some ignore it: the rollback below is the rule).
    if (!succeeded(SQLSetConnectAttr(h.dbc, SQL_ATTR_ACCESS_MODE,
                                     reinterpret_cast<SQLPOINTER>(SQL_MODE_READ_ONLY), 0))) {
        spdlog::debug("the ODBC driver does not take SQL_MODE_READ_ONLY");
    }
    // Every query runs in a transaction of its own that is rolled back.
    if (!succeeded(SQLSetConnectAttr(h.dbc, SQL_ATTR_AUTOCOMMIT,
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
    } else if (dialect_for_dbms(h.dbms_name) == "snowflake") {
        // Snowflake's session zone defaults to America/Los_Angeles, and TIMESTAMP_LTZ
        // values arrive as wall-clock times in it: read as UTC, as opsctl reads every
        // zone-less time, each age would be off by hours.
        h.execute<ConnectionError>("ALTER SESSION SET TIMEZONE = 'UTC'");
        h.end_transaction(SQL_COMMIT);
    }
    h.sqlite = dialect_for_dbms(h.dbms_name) == "sqlite";
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
        if (!succeeded(rc)) spdlog::debug("SQLCancel failed");
    }
}

namespace {

// Cancels the query when its timeout passes, from a thread of its own, so that a
// driver without SQL_ATTR_QUERY_TIMEOUT still stops in time.
class Watchdog {
  public:
    Watchdog(std::optional<std::chrono::milliseconds> timeout, Connector& connector) {
        if (!timeout) return;
        const auto deadline = std::chrono::steady_clock::now() + *timeout;
        thread_ = std::thread([this, deadline, &connector] {
            std::unique_lock<std::mutex> lock(mutex_);
            if (wake_.wait_until(lock, deadline, [this] { return done_; })) return;
            expired_ = true;
            lock.unlock();
            connector.cancel();
        });
    }
    ~Watchdog() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            done_ = true;
        }
        wake_.notify_all();
        if (thread_.joinable()) thread_.join();
    }
    Watchdog(const Watchdog&) = delete;
    Watchdog& operator=(const Watchdog&) = delete;

    bool expired() {
        std::lock_guard<std::mutex> lock(mutex_);
        return expired_;
    }

  private:
    std::mutex mutex_;
    std::condition_variable wake_;
    bool done_ = false;
    bool expired_ = false;
    std::thread thread_;
};

}  // namespace

void OdbcConnector::query(const std::string& sql, RowSink& sink,
                          std::optional<std::chrono::milliseconds> timeout) {
    // One statement only: a second one could end the read-only transaction.
    if (has_several_statements(sql)) {
        throw QueryError("a step runs one statement; found more after the first ';'");
    }
    Handles& h = *handles_;
    SQLHSTMT statement = SQL_NULL_HSTMT;
    if (!succeeded(SQLAllocHandle(SQL_HANDLE_STMT, h.dbc, &statement))) {
        throw QueryError(format_odbc_diagnostics(odbc_diagnostics(SQL_HANDLE_DBC, h.dbc),
                                                 "cannot allocate a statement"));
    }
    // Whatever happens, the statement is freed and the transaction rolled back: a
    // write a driver let through is undone.
    struct Cleanup {
        Handles& h;
        SQLHSTMT statement;
        ~Cleanup() {
            {
                std::lock_guard<std::mutex> lock(h.running_mutex);
                h.running = SQL_NULL_HSTMT;
            }
            SQLFreeHandle(SQL_HANDLE_STMT, statement);
            h.end_transaction(SQL_ROLLBACK);
        }
    } cleanup{h, statement};

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
    if (timeout) {
        const auto seconds = (timeout->count() + 999) / 1000 + kQueryTimeoutGraceSeconds;
        // ODBC passes integer attributes in the pointer argument.
        SQLSetStmtAttr(statement, SQL_ATTR_QUERY_TIMEOUT,
                       reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(seconds)),  // NOLINT
                       0);
    }
    {
        std::lock_guard<std::mutex> lock(h.running_mutex);
        h.running = statement;
    }
    Watchdog watchdog(timeout, *this);

    const auto fail = [&](const std::string& what) {
        const auto diagnostics = odbc_diagnostics(SQL_HANDLE_STMT, statement);
        std::string sqlstate;
        std::string message;
        for (const auto& diagnostic : diagnostics) {
            if (diagnostic.sqlstate.rfind("01", 0) == 0) continue;  // warnings
            sqlstate = diagnostic.sqlstate;
            message = diagnostic.message;
            break;
        }
        if (watchdog.expired() || (timeout && sqlstate == "HYT00")) {
            throw QueryError("timed out after " + format_duration(*timeout), sqlstate);
        }
        if (message.empty()) message = what + " failed";
        throw QueryError(mask_secrets(message), sqlstate);
    };

    // Drivers wrap the statement (psqlODBC: in a cursor declaration) or refuse a
    // second one (SQLite): the statement is sent without its ';' and what follows
    // (comments only, checked above), on a line of its own so that a final
    // "-- comment" cannot swallow what a driver adds after it.
    const std::string body(first_statement(sql));
    // One statement, prepared then executed; the transaction is rolled back after it.
    std::u16string wide = utf8_to_utf16(body + "\n");
    if (!succeeded(SQLPrepareW(statement, reinterpret_cast<SQLWCHAR*>(wide.data()),
                               static_cast<SQLINTEGER>(wide.size())))) {
        fail("preparing the query");
    }
    const SQLRETURN executed = SQLExecute(statement);
    if (!succeeded(executed) && executed != SQL_NO_DATA) fail("running the query");

    SQLSMALLINT column_count = 0;
    if (!succeeded(SQLNumResultCols(statement, &column_count))) fail("reading the columns");
    std::vector<std::string> names;
    std::vector<OdbcFetch> fetches;
    // The SQLite driver parses a time stamp's text into a struct and drops its zone
    // offset ("03:00:00-05" became 03:00): SQLite's dates are read as the text it keeps.
    const bool dates_as_text = handles_->sqlite;
    const auto fetch_for = [&](SQLSMALLINT type) {
        const OdbcFetch fetch = odbc_fetch_for(type);
        const bool date = fetch == OdbcFetch::Date || fetch == OdbcFetch::Timestamp;
        return date && dates_as_text ? OdbcFetch::Text : fetch;
    };
    for (SQLUSMALLINT column = 1; column <= column_count; ++column) {
        char16_t name[512] = {};
        SQLSMALLINT name_length = 0;
        SQLSMALLINT type = 0;
        SQLULEN size = 0;
        SQLSMALLINT digits = 0;
        SQLSMALLINT nullable = 0;
        if (!succeeded(SQLDescribeColW(statement, column, reinterpret_cast<SQLWCHAR*>(name),
                                       sizeof(name) / sizeof(name[0]), &name_length, &type, &size,
                                       &digits, &nullable))) {
            fail("describing the columns");
        }
        // Some drivers count the name's length in bytes: the name ends at its NUL.
        const size_t chars = std::min<size_t>(
            {static_cast<size_t>(std::max<SQLSMALLINT>(name_length, 0)),
             sizeof(name) / sizeof(name[0]) - 1, std::u16string_view(name).size()});
        names.push_back(utf16_to_utf8(std::u16string_view(name, chars)));
        fetches.push_back(fetch_for(type));
    }
    sink.on_columns(names);
    if (column_count == 0) return;
    std::vector<Cell> cells(names.size());
    while (true) {
        const SQLRETURN fetched = SQLFetch(statement);
        if (fetched == SQL_NO_DATA) break;
        if (!succeeded(fetched)) fail("fetching rows");
        for (SQLUSMALLINT column = 1; column <= column_count; ++column) {
            if (!read_odbc_cell(statement, column, fetches[column - 1u], cells[column - 1u])) {
                fail("reading a value");
            }
        }
        sink.on_row(cells);
    }
    if (watchdog.expired()) throw QueryError("timed out after " + format_duration(*timeout));
}

}  // namespace opsctl
