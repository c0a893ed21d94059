#include "opsctl/connect/odbc_handles.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>

#include "opsctl/connect/connect_retry.h"
#include "opsctl/connect/connector.h"
#include "opsctl/connect/odbc_types.h"

namespace opsctl {

namespace {

constexpr SQLULEN kLoginTimeoutSeconds = 10;

// Failures worth another try: the server may be restarting or briefly overloaded.
// Authentication errors and unknown databases or drivers are not retried.
bool transient(const std::vector<OdbcDiagnostic>& diagnostics) {
    for (const auto& diagnostic : diagnostics) {
        if (diagnostic.sqlstate == "HYT00" || diagnostic.sqlstate == "HYT01") return true;
        if (transient_connect_message(diagnostic.message)) return true;
    }
    return false;
}

// A statement handle freed when it goes out of scope.
struct StatementDeleter {
    void operator()(void* statement) const { SQLFreeHandle(SQL_HANDLE_STMT, statement); }
};
using StatementHandle = std::unique_ptr<void, StatementDeleter>;

}  // namespace

OdbcHandles::~OdbcHandles() {
    close();
}

void OdbcHandles::close() {
    if (connected) SQLDisconnect(dbc);
    connected = false;
    if (dbc) SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    dbc = SQL_NULL_HDBC;
    if (env) SQLFreeHandle(SQL_HANDLE_ENV, env);
    env = SQL_NULL_HENV;
}

void OdbcHandles::connect(const std::string& connection_string, bool& retry) {
    retry = false;
    if (!odbc_succeeded(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env))) {
        throw ConnectionError("cannot allocate an ODBC environment (is unixODBC installed?)");
    }
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
    if (!odbc_succeeded(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc))) {
        throw ConnectionError(format_odbc_diagnostics(odbc_diagnostics(SQL_HANDLE_ENV, env),
                                                      "cannot allocate an ODBC connection"));
    }
    // ODBC passes integer attributes in the pointer argument.
    SQLSetConnectAttr(dbc, SQL_ATTR_LOGIN_TIMEOUT,
                      reinterpret_cast<SQLPOINTER>(kLoginTimeoutSeconds),  // NOLINT
                      0);
    std::u16string wide = utf8_to_utf16(connection_string);
    const SQLRETURN rc = SQLDriverConnectW(dbc, nullptr, reinterpret_cast<SQLWCHAR*>(wide.data()),
                                           static_cast<SQLSMALLINT>(wide.size()), nullptr, 0,
                                           nullptr, SQL_DRIVER_NOPROMPT);
    if (!odbc_succeeded(rc)) {
        const auto diagnostics = odbc_diagnostics(SQL_HANDLE_DBC, dbc);
        retry = transient(diagnostics);
        throw ConnectionError(format_odbc_diagnostics(diagnostics, "the driver refused"));
    }
    connected = true;
}

template <typename Error>
void OdbcHandles::execute(const std::string& sql) {
    SQLHSTMT allocated = SQL_NULL_HSTMT;
    if (!odbc_succeeded(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &allocated))) {
        throw Error(format_odbc_diagnostics(odbc_diagnostics(SQL_HANDLE_DBC, dbc),
                                            "cannot allocate a statement"));
    }
    const StatementHandle statement(allocated);
    std::u16string wide = utf8_to_utf16(sql);
    const SQLRETURN rc = SQLExecDirectW(allocated, reinterpret_cast<SQLWCHAR*>(wide.data()),
                                        static_cast<SQLINTEGER>(wide.size()));
    if (!odbc_succeeded(rc) && rc != SQL_NO_DATA) {
        throw Error(
            sql + ": " +
            format_odbc_diagnostics(odbc_diagnostics(SQL_HANDLE_STMT, allocated), "failed"));
    }
}

template void OdbcHandles::execute<ConnectionError>(const std::string& sql);
template void OdbcHandles::execute<QueryError>(const std::string& sql);

void OdbcHandles::end_transaction(SQLSMALLINT completion) {
    const SQLRETURN rc = SQLEndTran(SQL_HANDLE_DBC, dbc, completion);
    if (!odbc_succeeded(rc)) {
        spdlog::debug("ending the transaction: {}",
                      format_odbc_diagnostics(odbc_diagnostics(SQL_HANDLE_DBC, dbc), "failed"));
    }
}

std::string OdbcHandles::info_text(SQLUSMALLINT info) const {
    char16_t buffer[512] = {};
    SQLSMALLINT bytes = 0;
    if (!odbc_succeeded(SQLGetInfoW(dbc, info, buffer, sizeof(buffer), &bytes))) return {};
    const size_t chars =
        std::min(static_cast<size_t>(std::max<SQLSMALLINT>(bytes, 0)) / sizeof(char16_t),
                 sizeof(buffer) / sizeof(buffer[0]) - 1);
    return utf16_to_utf8(std::u16string_view(buffer, chars));
}

void OdbcHandles::set_running(SQLHSTMT statement) {
    std::lock_guard<std::mutex> lock(running_mutex);
    running = statement;
}

}  // namespace opsctl
