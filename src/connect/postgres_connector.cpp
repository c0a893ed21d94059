#include "opsctl/connect/postgres_connector.h"

#include <sys/socket.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include "opsctl/connect/copy_csv_row.h"
#include "opsctl/connect/libpq_library.h"
#include "opsctl/connect/target.h"
#include "opsctl/core/duration.h"
#include "opsctl/core/error.h"
#include "opsctl/translate/sql_lexer.h"

namespace opsctl {

namespace {

constexpr const char* kConnectTimeoutSeconds = "10";
constexpr const char* kQueryCanceled = "57014";
constexpr long long kStatementTimeoutGraceMs = 1000;

std::string quote_conninfo_value(const std::string& value) {
    std::string out = "'";
    for (const char c : value) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

// A query that can stand in COPY (...) TO STDOUT: SELECT, WITH, VALUES, TABLE.
// Anything else (SHOW, an attempted write) runs as a plain statement, so that the
// server's own message (e.g. read-only transaction) reaches the report.
bool is_plain_query(const std::string& sql) {
    const std::string keyword = leading_keyword(sql);
    return keyword == "SELECT" || keyword == "WITH" || keyword == "VALUES" || keyword == "TABLE";
}

// The statement without its trailing ';' and on lines of its own, so that it can be
// embedded in the script below and a trailing comment cannot swallow what follows.
std::string statement_body(const std::string& sql) {
    std::string body = sql;
    while (!body.empty() &&
           (std::isspace(static_cast<unsigned char>(body.back())) || body.back() == ';')) {
        body.pop_back();
    }
    return "\n" + body + "\n";
}

}  // namespace

std::string postgres_message_line(std::string message) {
    // libpq and the server put details on further lines; the first says what matters.
    if (message.rfind("ERROR:  ", 0) == 0) message = message.substr(8);
    const auto newline = message.find('\n');
    if (newline != std::string::npos) message.resize(newline);
    return mask_secrets(message);
}

std::string postgres_conninfo(const std::string& spec, const std::string& password) {
    const LibPq& pq = libpq();
    char* error = nullptr;
    PQconninfoOption* options = pq.conninfo_parse(spec.c_str(), &error);
    if (!options) {
        std::string reason = error ? postgres_message_line(error) : "cannot parse it";
        if (error) pq.freemem(error);
        throw UsageError("invalid PostgreSQL target \"" + mask_secrets(spec) + "\": " + reason);
    }
    std::map<std::string, std::string> values;
    for (const PQconninfoOption* option = options; option->keyword; ++option) {
        if (option->val) values[option->keyword] = option->val;
    }
    pq.conninfo_free(options);
    if (!password.empty()) values["password"] = password;
    values.emplace("application_name", "opsctl");
    // Session settings travel in the startup packet, so that they also hold after
    // the connection is reset after a lost connection: runbook times are UTC (CURRENT_DATE and
    // timestamps must agree with the as-of time) and dates must be ISO for opsctl to read them.
    values["options"] = (values.count("options") ? values["options"] + " " : std::string()) +
                        "-c TimeZone=UTC -c DateStyle=ISO,MDY";
    values.emplace("connect_timeout", kConnectTimeoutSeconds);
    // A server behind a dead network (a cable pulled, a VM frozen) must not hold a
    // read for ever: TCP keepalives and a limit on unacknowledged data end it.
    values.emplace("keepalives", "1");
    values.emplace("keepalives_idle", "30");
    values.emplace("keepalives_interval", "10");
    values.emplace("keepalives_count", "3");
    values.emplace("tcp_user_timeout", "60000");
    std::string conninfo;
    for (const auto& [key, value] : values) {
        if (!conninfo.empty()) conninfo += ' ';
        conninfo += key + "=" + quote_conninfo_value(value);
    }
    return conninfo;
}

namespace {

// Failures worth another try: the server may be restarting or briefly overloaded.
// Authentication and unknown databases are not retried.
bool transient(const std::string& message) {
    for (const char* sign :
         {"Connection refused", "timeout expired", "starting up", "shutting down",
          "too many clients", "could not receive data", "server closed the connection"}) {
        if (message.find(sign) != std::string::npos) return true;
    }
    return false;
}

constexpr int kConnectAttempts = 3;
constexpr auto kFirstBackoff = std::chrono::milliseconds(250);

// Without a notice processor libpq prints server notices on stderr, in the middle of
// the report; they belong in the debug log.
void log_notice(void* /*unused*/, const char* message) {
    spdlog::debug("server notice: {}", postgres_message_line(message));
}

struct ResultDeleter {
    void operator()(PGresult* result) const { libpq().clear(result); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

struct CopyBufferDeleter {
    void operator()(char* buffer) const { libpq().freemem(buffer); }
};

QueryError error_of(const PGresult* result, std::optional<std::chrono::milliseconds> timeout) {
    const LibPq& pq = libpq();
    const char* sqlstate = pq.result_error_field(result, PG_DIAG_SQLSTATE);
    const char* primary = pq.result_error_field(result, PG_DIAG_MESSAGE_PRIMARY);
    const std::string state = sqlstate ? sqlstate : "";
    const std::string message =
        postgres_message_line(primary ? primary : pq.result_error_message(result));
    if (timeout && state == kQueryCanceled &&
        message.find("statement timeout") != std::string::npos) {
        return QueryError("timed out after " + format_duration(*timeout), state);
    }
    return QueryError(message, state);
}

}  // namespace

struct PostgresConnector::Session {
    PGconn* connection = nullptr;
    std::mutex cancel_mutex;  // guards the three below: cancel() comes from other threads
    PGcancel* cancel_handle = nullptr;
    int socket = -1;  // the connection's, for abandon()
    bool running = false;

    ~Session() {
        const LibPq& pq = libpq();
        if (cancel_handle) pq.free_cancel(cancel_handle);
        if (connection) pq.finish(connection);
    }

    // A cancel request goes to the backend this handle names; it changes on reset.
    void refresh_cancel_handle() {
        const LibPq& pq = libpq();
        std::lock_guard<std::mutex> lock(cancel_mutex);
        if (cancel_handle) pq.free_cancel(cancel_handle);
        cancel_handle = pq.get_cancel(connection);
        socket = pq.socket(connection);
    }

    bool connected() const { return libpq().status(connection) == CONNECTION_OK; }
    std::string last_error() const {
        return postgres_message_line(libpq().error_message(connection));
    }
};

PostgresConnector::PostgresConnector(const std::string& spec, const std::string& password) {
    const std::string conninfo = postgres_conninfo(spec, password);
    const LibPq& pq = libpq();
    auto backoff = kFirstBackoff;
    for (int attempt = 1;; ++attempt) {
        auto session = std::make_unique<Session>();
        session->connection = pq.connectdb(conninfo.c_str());
        if (!session->connection) throw ConnectionError("out of memory while connecting");
        if (session->connected()) {
            pq.set_notice_processor(session->connection, log_notice, nullptr);
            session->refresh_cancel_handle();
            session_ = std::move(session);
            return;
        }
        const std::string message = session->last_error();
        if (attempt >= kConnectAttempts || !transient(message)) throw ConnectionError(message);
        spdlog::info("connecting failed ({}); retrying in {} ms", message, backoff.count());
        std::this_thread::sleep_for(backoff);
        backoff *= 2;
    }
}

PostgresConnector::~PostgresConnector() = default;

void PostgresConnector::cancel() {
    // PQcancel is made for use from another thread; a cancel that arrives between
    // queries is ignored by the server.
    std::lock_guard<std::mutex> lock(session_->cancel_mutex);
    if (session_->running && session_->cancel_handle) {
        char reason[256];
        if (!libpq().cancel(session_->cancel_handle, reason, sizeof reason)) {
            spdlog::debug("cancel request failed: {}", reason);
        }
    }
}

void PostgresConnector::abandon() {
    // Shutting the socket down (not closing it: libpq still owns the descriptor)
    // makes the blocked read return; the query then fails as a lost connection.
    std::lock_guard<std::mutex> lock(session_->cancel_mutex);
    if (session_->running && session_->socket >= 0) ::shutdown(session_->socket, SHUT_RDWR);
}

std::string PostgresConnector::server_version() {
    // libpq's number is major * 10000 + minor from PostgreSQL 10 on.
    const int number = libpq().server_version(session_->connection);
    if (number >= 100000) return fmt::format("PostgreSQL {}.{}", number / 10000, number % 10000);
    return fmt::format("PostgreSQL {}.{}.{}", number / 10000, number / 100 % 100, number % 100);
}

namespace {

// Reads one query's results as they arrive and hands them to the sink. The first
// error wins; a sink that throws has the query cancelled and the rest drained, so
// that the connection is ready for the next step.
class ResultReader {
  public:
    ResultReader(PGconn* connection, RowSink& sink,
                 std::optional<std::chrono::milliseconds> timeout, std::function<void()> cancel)
        : connection_(connection), sink_(sink), timeout_(timeout), cancel_(std::move(cancel)) {}

    void read_all() {
        const LibPq& pq = libpq();
        while (PGresult* raw = pq.get_result(connection_)) {
            const Result result(raw);
            switch (pq.result_status(raw)) {
                case PGRES_COPY_OUT:
                    read_copy();
                    break;
                case PGRES_TUPLES_OK:
                    if (healthy()) deliver(raw);
                    break;
                case PGRES_FATAL_ERROR:
                    if (!failure_) failure_.emplace(error_of(raw, timeout_));
                    break;
                default:
                    break;  // BEGIN, SET, COMMIT, the end of a COPY
            }
        }
    }

    // Rethrows what went wrong, the sink's own exception first.
    void finish() {
        if (sink_failure_) std::rethrow_exception(sink_failure_);
        if (failure_) throw *failure_;
        if (!columns_sent_) sink_.on_columns({});  // a statement without a result set
    }

    const std::optional<QueryError>& failure() const { return failure_; }

  private:
    bool healthy() const { return !failure_ && !sink_failure_; }

    void read_copy() {
        const LibPq& pq = libpq();
        char* raw = nullptr;
        int length = 0;
        while ((length = pq.get_copy_data(connection_, &raw, 0)) > 0) {
            const std::unique_ptr<char, CopyBufferDeleter> buffer(raw);
            if (!healthy()) continue;  // draining after a cancel
            try {
                take_line(std::string_view(raw, static_cast<std::size_t>(length)));
            } catch (...) {
                sink_failure_ = std::current_exception();
                cancel_();
            }
        }
        if (length == -2 && !failure_) {
            failure_.emplace(postgres_message_line(pq.error_message(connection_)));
        }
    }

    void take_line(std::string_view line) {
        if (!parse_copy_csv_row(line, cells_) || (columns_sent_ && cells_.size() != columns_)) {
            throw QueryError("PostgreSQL sent a malformed COPY row");
        }
        if (columns_sent_) {
            sink_.on_row(cells_);
            return;
        }
        // The header line: COPY's HEADER option names the columns first.
        std::vector<std::string> names;
        names.reserve(cells_.size());
        for (const Cell& cell : cells_) names.push_back(cell.text);
        columns_ = names.size();
        columns_sent_ = true;
        sink_.on_columns(names);
    }

    void deliver(const PGresult* result) {
        const LibPq& pq = libpq();
        const int columns = pq.nfields(result);
        std::vector<std::string> names;
        names.reserve(static_cast<size_t>(columns));
        for (int i = 0; i < columns; ++i) names.emplace_back(pq.fname(result, i));
        columns_sent_ = true;
        sink_.on_columns(names);
        cells_.resize(static_cast<std::size_t>(columns));
        for (int row = 0; row < pq.ntuples(result); ++row) {
            for (int i = 0; i < columns; ++i) {
                Cell& cell = cells_[static_cast<std::size_t>(i)];
                cell.is_null = pq.getisnull(result, row, i) != 0;
                cell.text.assign(
                    cell.is_null ? "" : pq.getvalue(result, row, i),
                    cell.is_null ? 0 : static_cast<std::size_t>(pq.getlength(result, row, i)));
            }
            sink_.on_row(cells_);
        }
    }

    PGconn* connection_;
    RowSink& sink_;
    std::optional<std::chrono::milliseconds> timeout_;
    std::function<void()> cancel_;
    std::vector<Cell> cells_;
    std::size_t columns_ = 0;
    bool columns_sent_ = false;
    std::optional<QueryError> failure_;
    std::exception_ptr sink_failure_;
};

}  // namespace

void PostgresConnector::query(const std::string& sql, RowSink& sink,
                              std::optional<std::chrono::milliseconds> timeout) {
    // One statement only: a second one could end the read-only transaction.
    if (has_several_statements(sql)) {
        throw QueryError("a step runs one statement; found more after the first ';'");
    }
    const LibPq& pq = libpq();
    Session& session = *session_;

    // The transaction, its limit and the query travel in one message (one round trip
    // per step). A SELECT streams through COPY: the server keeps producing rows while
    // opsctl evaluates them, one CopyData message per row.
    std::string script = "BEGIN READ ONLY;";
    if (timeout) {
        // A backstop a little behind the caller's own watchdog (RunControl), which
        // cancels first and so reports the timeout the user set.
        script += " SET LOCAL statement_timeout = " +
                  std::to_string(timeout->count() + kStatementTimeoutGraceMs) + ";";
    }
    if (is_plain_query(sql)) {
        script += " COPY (" + statement_body(sql) + ") TO STDOUT (FORMAT csv, HEADER);";
    } else {
        script += statement_body(sql) + ";";
    }
    script += " COMMIT";

    struct Running {
        Session& session;
        explicit Running(Session& s) : session(s) { set(true); }
        ~Running() { set(false); }
        void set(bool value) {
            std::lock_guard<std::mutex> lock(session.cancel_mutex);
            session.running = value;
        }
    } running(session);

    // A connection lost since the last step (a server restart) gets one fresh try.
    if (!session.connected() || !pq.send_query(session.connection, script.c_str())) {
        pq.reset(session.connection);
        if (!session.connected()) throw QueryError("connection lost: " + session.last_error());
        session.refresh_cancel_handle();
        if (!pq.send_query(session.connection, script.c_str())) {
            throw QueryError(session.last_error());
        }
    }

    ResultReader reader(session.connection, sink, timeout, [this] { cancel(); });
    reader.read_all();
    if (!session.connected()) {
        const std::string reason =
            reader.failure() ? std::string(reader.failure()->what()) : session.last_error();
        throw QueryError("connection lost: " + reason);
    }
    if (pq.transaction_status(session.connection) != PQTRANS_IDLE) {
        // After an error the transaction is aborted; end it so that the connection
        // serves the next step.
        const Result rollback(pq.exec(session.connection, "ROLLBACK"));
        if (pq.result_status(rollback.get()) != PGRES_COMMAND_OK) {
            spdlog::debug("rollback after a failed step: {}", session.last_error());
        }
    }
    reader.finish();
}

}  // namespace opsctl
