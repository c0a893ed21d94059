#include "opsctl/history/postgres_store_session.h"

#include <libpq-fe.h>

#include "opsctl/connect/connector.h"
#include "opsctl/connect/libpq_library.h"
#include "opsctl/connect/postgres_connector.h"
#include "opsctl/connect/target_display.h"
#include "opsctl/history/history_error.h"

namespace opsctl {

namespace {

// A store that does not answer must not hold a run that has its verdict already.
constexpr const char* kConnectTimeout = " connect_timeout=5";
constexpr const char* kStatementTimeout = "SET statement_timeout = '15s'";
// pg_advisory_xact_lock's key for opsctl's schema changes ("opsctl" in ASCII).
constexpr const char* kSchemaLock = "SELECT pg_advisory_xact_lock(111542713820268)";

// The rows of one result, or throws with the server's message.
std::vector<SqlRow> rows_of(const LibPq& pq, PGresult* result, const std::string& store) {
    const ExecStatusType status = pq.result_status(result);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        const std::string message = postgres_message_line(pq.result_error_message(result));
        pq.clear(result);
        throw HistoryError("cannot read or write the history store " + store + ": " + message);
    }
    std::vector<SqlRow> rows;
    const int columns = pq.nfields(result);
    for (int row = 0; row < pq.ntuples(result); ++row) {
        SqlRow values;
        for (int column = 0; column < columns; ++column) {
            if (pq.getisnull(result, row, column)) {
                values.emplace_back(std::nullopt);
            } else {
                values.emplace_back(
                    std::string(pq.getvalue(result, row, column),
                                static_cast<size_t>(pq.getlength(result, row, column))));
            }
        }
        rows.push_back(std::move(values));
    }
    pq.clear(result);
    return rows;
}

const LibPq& loaded_libpq() {
    try {
        return libpq();
    } catch (const ConnectionError& e) {
        throw HistoryError(std::string("cannot open the PostgreSQL history store: ") + e.what());
    }
}

}  // namespace

PostgresStoreSession::PostgresStoreSession(const std::string& uri) : shown_(shown_target(uri)) {
    const LibPq& pq = loaded_libpq();
    const std::string conninfo = postgres_conninfo(uri) + kConnectTimeout;
    connection_ = pq.connectdb(conninfo.c_str());
    if (!connection_) throw HistoryError("out of memory while opening the history store");
    if (pq.status(connection_) != CONNECTION_OK) {
        const std::string message = postgres_message_line(pq.error_message(connection_));
        pq.finish(connection_);
        connection_ = nullptr;
        throw HistoryError("cannot open the history store " + shown_ + ": " + message);
    }
    exec(kStatementTimeout, {});
    // "already exists, skipping" on every run is no news: stderr keeps one line per problem.
    exec("SET client_min_messages = warning", {});
    exec("SET search_path = opsctl", {});
}

PostgresStoreSession::~PostgresStoreSession() {
    if (connection_) libpq().finish(connection_);
}

std::vector<SqlRow> PostgresStoreSession::run(const std::string& sql,
                                              const std::vector<SqlValue>& params) {
    const LibPq& pq = libpq();
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const SqlValue& param : params) values.push_back(param ? param->c_str() : nullptr);
    const std::string text = numbered_placeholders(sql);
    if (!pq.send_query_params(connection_, text.c_str(), static_cast<int>(values.size()), nullptr,
                              values.data(), nullptr, nullptr, 0)) {
        throw HistoryError("cannot read or write the history store " + shown_ + ": " +
                           postgres_message_line(pq.error_message(connection_)));
    }
    std::vector<SqlRow> rows;
    std::optional<HistoryError> failure;
    while (PGresult* result = pq.get_result(connection_)) {
        try {
            std::vector<SqlRow> more = rows_of(pq, result, shown_);
            rows.insert(rows.end(), more.begin(), more.end());
        } catch (const HistoryError& e) {
            failure = e;  // read on: the connection is usable only after the last result
        }
    }
    if (failure) throw *failure;
    return rows;
}

void PostgresStoreSession::exec(const std::string& sql, const std::vector<SqlValue>& params) {
    run(sql, params);
}

std::vector<SqlRow> PostgresStoreSession::query(const std::string& sql,
                                                const std::vector<SqlValue>& params) {
    return run(sql, params);
}

void PostgresStoreSession::begin() {
    exec("BEGIN", {});
}

void PostgresStoreSession::commit() {
    exec("COMMIT", {});
}

void PostgresStoreSession::rollback() noexcept {
    if (PGresult* result = libpq().exec(connection_, "ROLLBACK")) libpq().clear(result);
}

void PostgresStoreSession::lock_schema() {
    exec(kSchemaLock, {});
    exec("CREATE SCHEMA IF NOT EXISTS opsctl", {});
}

}  // namespace opsctl
