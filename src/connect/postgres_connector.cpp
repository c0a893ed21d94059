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
#include <optional>
#include <thread>
#include <vector>

#include "opsctl/connect/connect_retry.h"
#include "opsctl/connect/copy_csv_row.h"
#include "opsctl/connect/libpq_library.h"
#include "opsctl/connect/target.h"
#include "opsctl/connect/target_parse.h"
#include "opsctl/core/duration.h"
#include "opsctl/core/error.h"
#include "opsctl/translate/sql_lexer.h"

namespace opsctl {

namespace {

constexpr const char* kConnectTimeoutSeconds = "10";
constexpr const char* kQueryCanceled = "57014";
constexpr long long kStatementTimeoutGraceMs = 1000;

// A query that can stand in COPY (...) TO STDOUT: SELECT, WITH, VALUES, TABLE.
// Anything else (SHOW, EXPLAIN, an attempted write) runs as a statement of its own, so
// that the server's own message (e.g. read-only transaction) reaches the report.
bool is_plain_query(const std::string& sql) {
    const std::string keyword = leading_keyword(sql);
    return keyword == "SELECT" || keyword == "WITH" || keyword == "VALUES" || keyword == "TABLE";
}

// The statement without its ';' and what follows it (comments only), on lines of its
// own, so that a trailing comment cannot swallow the ") TO STDOUT" of the COPY.
std::string statement_body(const std::string& sql) {
    return "\n" + std::string(first_statement(sql)) + "\n";
}

}  // namespace

std::string postgres_message_line(std::string message) {
    // libpq and the server put details on further lines; the first says what matters.
    if (message.starts_with("ERROR:  ")) message = message.substr(8);
    const auto newline = message.find('\n');
    if (newline != std::string::npos) message.resize(newline);
    return mask_secrets(message);
}

std::string postgres_conninfo(const std::string& spec, const std::string& password) {
    const LibPq& pq = libpq();
    char* error = nullptr;
    PQconninfoOption* options = pq.conninfo_parse(spec.c_str(), &error);
    if (!options) {
        // Neither the target nor libpq's reason is shown: libpq quotes the token it
        // could not read ("invalid percent-encoded token: ..."), which may be the password.
        std::string reason = error ? postgres_message_line(error) : "cannot parse it";
        if (error) pq.freemem(error);
        reason.resize(std::min({reason.find(':'), reason.find('"'), reason.size()}));
        while (!reason.empty() && reason.back() == ' ') reason.pop_back();
        throw UsageError("invalid PostgreSQL target (libpq: " + reason +
                         "); it is not shown, as libpq could not tell its password apart");
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
        conninfo += key + "=" + conninfo_value(value);
    }
    return conninfo;
}

namespace {

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

constexpr Oid kBoolOid = 16;

// libpq sends booleans as t and f; every connector reports them as true and false.
void spell_boolean(Cell& cell) {
    if (cell.is_null) return;
    if (cell.text == "t")
        cell.text = "true";
    else if (cell.text == "f")
        cell.text = "false";
}

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
    retry_connect([&]() -> std::optional<ConnectFailure> {
        auto session = std::make_unique<Session>();
        session->connection = pq.connectdb(conninfo.c_str());
        if (!session->connection) throw ConnectionError("out of memory while connecting");
        if (!session->connected()) {
            const std::string message = session->last_error();
            return ConnectFailure{message, transient_connect_message(message)};
        }
        pq.set_notice_processor(session->connection, log_notice, nullptr);
        session->refresh_cancel_handle();
        session_ = std::move(session);
        return std::nullopt;
    });
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

// One row per capability beyond reading, already phrased. pg_has_role() is asked by
// oid so that a role missing from an older server is no error; a superuser is a member
// of every role, so it is only reported as the superuser it is. The tables are those
// of the schemas in the search_path (where a check's unqualified names resolve): any
// write privilege on any of them counts, whichever a checklist reads.
constexpr const char* kWriteCapabilitiesSql = R"(SELECT capability FROM (
  SELECT 1 AS sort, 'superuser' AS capability
    FROM pg_roles WHERE rolname = current_user AND rolsuper
  UNION ALL
  SELECT 2, 'member of ' || r.rolname
    FROM pg_roles r
   WHERE r.rolname IN ('pg_write_server_files', 'pg_execute_server_program', 'pg_signal_backend')
     AND pg_has_role(current_user, r.oid, 'MEMBER')
     AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
  UNION ALL
  SELECT 3, 'INSERT, UPDATE, DELETE or TRUNCATE on ' || count(*) || ' table(s) of its search_path: '
            || array_to_string((array_agg(quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                                          ORDER BY n.nspname, c.relname))[1:5], ', ')
            || CASE WHEN count(*) > 5 THEN ', ...' ELSE '' END
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'f')
     AND n.nspname = ANY (current_schemas(false))
     AND (has_table_privilege(c.oid, 'INSERT') OR has_table_privilege(c.oid, 'UPDATE')
          OR has_table_privilege(c.oid, 'DELETE') OR has_table_privilege(c.oid, 'TRUNCATE'))
     AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
  HAVING count(*) > 0
) capabilities ORDER BY sort, capability)";

class CapabilitySink : public RowSink {
  public:
    void on_columns(const std::vector<std::string>&) override {}
    void on_row(const std::vector<Cell>& cells) override {
        if (!cells.empty() && !cells.front().is_null) phrases.push_back(cells.front().text);
    }
    std::vector<std::string> phrases;
};

}  // namespace

std::vector<std::string> PostgresConnector::write_capabilities() {
    CapabilitySink sink;
    query(kWriteCapabilitiesSql, sink, std::nullopt);
    return sink.phrases;
}

namespace {

// What one message of a step's pipeline is for, so that its results are read as such.
enum class PipelineStep {
    Control,    // BEGIN READ ONLY, SET LOCAL, ROLLBACK: nothing to read
    Prepare,    // the user's statement parsed on its own: one statement, or an error
    Describe,   // its columns and their types
    Copy,       // the rows, streamed by COPY (...) TO STDOUT
    Statement,  // a statement that is no plain query (SHOW, EXPLAIN), run as it is
};

// Reads a step's pipeline as its results arrive and hands the rows to the sink. The
// first error wins (the server skips everything after it until the sync); a sink
// that throws has the query cancelled and the rest drained, so that the connection is
// ready for the next step.
class PipelineReader {
  public:
    PipelineReader(PGconn* connection, RowSink& sink,
                   std::optional<std::chrono::milliseconds> timeout, std::function<void()> cancel)
        : connection_(connection), sink_(sink), timeout_(timeout), cancel_(std::move(cancel)) {}

    void read_all(const std::vector<PipelineStep>& steps) {
        const LibPq& pq = libpq();
        for (const PipelineStep step : steps) {
            // Each message's results end with a null; a lost connection gives nulls only.
            while (PGresult* raw = pq.get_result(connection_)) {
                const Result result(raw);
                take(step, raw);
            }
        }
        if (PGresult* sync = pq.get_result(connection_)) pq.clear(sync);  // the sync's result
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

    void take(PipelineStep step, const PGresult* result) {
        const LibPq& pq = libpq();
        switch (pq.result_status(result)) {
            case PGRES_FATAL_ERROR:
                if (!failure_) failure_.emplace(error_of(result, timeout_));
                break;
            case PGRES_COMMAND_OK:
                if (step == PipelineStep::Describe && healthy()) send_columns(result);
                break;
            case PGRES_COPY_OUT:
                read_copy();
                break;
            case PGRES_TUPLES_OK:
                if (step == PipelineStep::Statement && healthy()) deliver(result);
                break;
            default:
                break;  // skipped after an earlier error, the end of a COPY
        }
    }

    void send_columns(const PGresult* result) {
        const LibPq& pq = libpq();
        const int columns = pq.nfields(result);
        std::vector<std::string> names;
        names.reserve(static_cast<std::size_t>(columns));
        boolean_columns_.clear();
        for (int i = 0; i < columns; ++i) {
            names.emplace_back(pq.fname(result, i));
            if (pq.ftype(result, i) == kBoolOid) {
                boolean_columns_.push_back(static_cast<std::size_t>(i));
            }
        }
        columns_ = names.size();
        columns_sent_ = true;
        sink_.on_columns(names);
    }

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
        if (!columns_sent_ || !parse_copy_csv_row(line, cells_) || cells_.size() != columns_) {
            throw QueryError("PostgreSQL sent a malformed COPY row");
        }
        for (const std::size_t column : boolean_columns_) spell_boolean(cells_[column]);
        sink_.on_row(cells_);
    }

    void deliver(const PGresult* result) {
        send_columns(result);
        const LibPq& pq = libpq();
        const int columns = pq.nfields(result);
        cells_.resize(static_cast<std::size_t>(columns));
        for (int row = 0; row < pq.ntuples(result); ++row) {
            for (int i = 0; i < columns; ++i) {
                Cell& cell = cells_[static_cast<std::size_t>(i)];
                cell.is_null = pq.getisnull(result, row, i) != 0;
                cell.text.assign(
                    cell.is_null ? "" : pq.getvalue(result, row, i),
                    cell.is_null ? 0 : static_cast<std::size_t>(pq.getlength(result, row, i)));
            }
            for (const std::size_t column : boolean_columns_) spell_boolean(cells_[column]);
            sink_.on_row(cells_);
        }
    }

    PGconn* connection_;
    RowSink& sink_;
    std::optional<std::chrono::milliseconds> timeout_;
    std::function<void()> cancel_;
    std::vector<Cell> cells_;
    std::vector<std::size_t> boolean_columns_;
    std::size_t columns_ = 0;
    bool columns_sent_ = false;
    std::optional<QueryError> failure_;
    std::exception_ptr sink_failure_;
};

// Queues one step in pipeline mode: every message goes through the extended query
// protocol, which refuses a string of more than one statement, and wrapper and user
// SQL never share a string. The transaction always ends in ROLLBACK: nothing a step
// did (a large object, a sequence) outlives it. Returns the steps sent, in order, or
// nothing when libpq could not queue them (a lost connection).
std::optional<std::vector<PipelineStep>> send_pipeline(
    PGconn* connection, const std::string& sql, std::optional<std::chrono::milliseconds> timeout) {
    const LibPq& pq = libpq();
    std::vector<PipelineStep> steps;
    const auto send = [&](PipelineStep step, const std::string& text) {
        steps.push_back(step);
        return pq.send_query_params(connection, text.c_str(), 0, nullptr, nullptr, nullptr, nullptr,
                                    0) == 1;
    };
    if (!pq.enter_pipeline_mode(connection)) return std::nullopt;
    bool queued = send(PipelineStep::Control, "BEGIN READ ONLY");
    if (queued && timeout) {
        // A backstop a little behind the caller's own watchdog (RunControl), which
        // cancels first and so reports the timeout the user set.
        queued = send(PipelineStep::Control,
                      "SET LOCAL statement_timeout = " +
                          std::to_string(timeout->count() + kStatementTimeoutGraceMs));
    }
    const std::string body = statement_body(sql);
    if (queued && is_plain_query(sql)) {
        // The query is parsed on its own first: only one complete statement passes, so
        // the COPY around it cannot be reshaped by what it holds. COPY then streams the
        // rows, one CopyData message each, while opsctl evaluates them.
        steps.push_back(PipelineStep::Prepare);
        queued = pq.send_prepare(connection, "", body.c_str(), 0, nullptr) == 1;
        steps.push_back(PipelineStep::Describe);
        queued = queued && pq.send_describe_prepared(connection, "") == 1;
        queued = queued && send(PipelineStep::Copy, "COPY (" + body + ") TO STDOUT (FORMAT csv)");
    } else if (queued) {
        queued = send(PipelineStep::Statement, body);
    }
    queued = queued && send(PipelineStep::Control, "ROLLBACK");
    queued = queued && pq.pipeline_sync(connection) == 1;
    if (!queued) return std::nullopt;
    return steps;
}

}  // namespace

void PostgresConnector::query(const std::string& sql, RowSink& sink,
                              std::optional<std::chrono::milliseconds> timeout) {
    // An early, clearer message; the server's extended protocol is the protection.
    if (has_several_statements(sql)) {
        throw QueryError("a step runs one statement; found more after the first ';'");
    }
    const LibPq& pq = libpq();
    Session& session = *session_;

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
    std::optional<std::vector<PipelineStep>> steps;
    if (session.connected()) steps = send_pipeline(session.connection, sql, timeout);
    if (!steps) {
        pq.reset(session.connection);
        if (!session.connected()) throw QueryError("connection lost: " + session.last_error());
        session.refresh_cancel_handle();
        steps = send_pipeline(session.connection, sql, timeout);
        if (!steps) throw QueryError(session.last_error());
    }

    PipelineReader reader(session.connection, sink, timeout, [this] { cancel(); });
    reader.read_all(*steps);
    pq.exit_pipeline_mode(session.connection);
    if (!session.connected()) {
        const std::string reason =
            reader.failure() ? std::string(reader.failure()->what()) : session.last_error();
        throw QueryError("connection lost: " + reason);
    }
    if (pq.transaction_status(session.connection) != PQTRANS_IDLE) {
        // After an error the server skipped the pipeline's ROLLBACK and the transaction
        // is aborted; end it so that the connection serves the next step.
        const Result rollback(pq.exec(session.connection, "ROLLBACK"));
        if (pq.result_status(rollback.get()) != PGRES_COMMAND_OK) {
            spdlog::debug("rollback after a failed step: {}", session.last_error());
        }
    }
    reader.finish();
}

}  // namespace opsctl
