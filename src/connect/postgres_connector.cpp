#include "opsctl/connect/postgres_connector.h"

#include <libpq-fe.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <pqxx/pqxx>
#include <thread>

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

// libpq and the server put details on further lines; the first line says what matters.
std::string first_line(std::string message) {
    if (message.rfind("ERROR:  ", 0) == 0) message = message.substr(8);
    const auto newline = message.find('\n');
    if (newline != std::string::npos) message.resize(newline);
    return mask_secrets(message);
}

// A query that can stand in DECLARE ... CURSOR FOR: SELECT, WITH, VALUES, TABLE.
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

std::string postgres_conninfo(const std::string& spec) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(spec.c_str(), &error);
    if (!options) {
        std::string reason = error ? first_line(error) : "cannot parse it";
        if (error) PQfreemem(error);
        throw UsageError("invalid PostgreSQL target \"" + mask_secrets(spec) + "\": " + reason);
    }
    std::map<std::string, std::string> values;
    for (const PQconninfoOption* option = options; option->keyword; ++option) {
        if (option->val) values[option->keyword] = option->val;
    }
    PQconninfoFree(options);
    values.emplace("application_name", "opsctl");
    // Session settings travel in the startup packet, so that they also hold after
    // libpqxx silently reconnects: runbook times are UTC (CURRENT_DATE and timestamps
    // must agree with the as-of time) and dates must be ISO for opsctl to read them.
    values["options"] = (values.count("options") ? values["options"] + " " : std::string()) +
                        "-c TimeZone=UTC -c DateStyle=ISO,MDY";
    values.emplace("connect_timeout", kConnectTimeoutSeconds);
    std::string conninfo;
    for (const auto& [key, value] : values) {
        if (!conninfo.empty()) conninfo += ' ';
        conninfo += key + "=" + quote_conninfo_value(value);
    }
    return conninfo;
}

struct PostgresConnector::Session {
    explicit Session(const std::string& conninfo) : connection(conninfo) {}
    pqxx::connection connection;
    std::mutex running_mutex;  // guards `running`, so cancel() only hits a live query
    bool running = false;
};

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

}  // namespace

PostgresConnector::PostgresConnector(const std::string& spec) {
    const std::string conninfo = postgres_conninfo(spec);
    auto backoff = kFirstBackoff;
    for (int attempt = 1;; ++attempt) {
        try {
            session_ = std::make_unique<Session>(conninfo);
            return;
        } catch (const std::exception& e) {
            session_.reset();
            const std::string message = first_line(e.what());
            if (attempt >= kConnectAttempts || !transient(message)) throw ConnectionError(message);
            spdlog::info("connecting failed ({}); retrying in {} ms", message, backoff.count());
            std::this_thread::sleep_for(backoff);
            backoff *= 2;
        }
    }
}

PostgresConnector::~PostgresConnector() = default;

void PostgresConnector::rollback(std::optional<pqxx::nontransaction>& tx) {
    // After an error the session is inside an aborted transaction; end it so that
    // the connection serves the next step.
    if (!tx) return;
    try {
        tx->exec("ROLLBACK");
    } catch (const std::exception& e) {
        spdlog::debug("rollback after a failed step: {}", e.what());
    }
}

void PostgresConnector::cancel() {
    // PQcancel is made for use from another thread; a cancel that arrives between
    // queries is ignored by the server.
    std::lock_guard<std::mutex> lock(session_->running_mutex);
    if (session_->running) {
        try {
            session_->connection.cancel_query();
        } catch (const std::exception& e) {
            spdlog::debug("cancel request failed: {}", e.what());
        }
    }
}

std::string PostgresConnector::server_version() {
    // libpq's number is major * 10000 + minor from PostgreSQL 10 on.
    const int number = session_->connection.server_version();
    if (number >= 100000) return fmt::format("PostgreSQL {}.{}", number / 10000, number % 10000);
    return fmt::format("PostgreSQL {}.{}.{}", number / 10000, number / 100 % 100, number % 100);
}

void PostgresConnector::query(const std::string& sql, RowSink& sink,
                              std::optional<std::chrono::milliseconds> timeout) {
    // One statement only: a second one could end the read-only transaction.
    if (has_several_statements(sql)) {
        throw QueryError("a step runs one statement; found more after the first ';'");
    }
    struct Running {
        Session& session;
        explicit Running(Session& s) : session(s) { set(true); }
        ~Running() { set(false); }
        void set(bool value) {
            std::lock_guard<std::mutex> lock(session.running_mutex);
            session.running = value;
        }
    } running(*session_);

    // The transaction is opened, limited and queried in one round trip, and a
    // SELECT's first block comes back with it: a trivial check costs two round
    // trips (this and COMMIT), a large result streams block by block.
    std::string script = "BEGIN READ ONLY;";
    if (timeout) {
        // A backstop a little behind the caller's own watchdog (RunControl), which
        // cancels first and so reports the timeout the user set.
        script += " SET LOCAL statement_timeout = " +
                  std::to_string(timeout->count() + kStatementTimeoutGraceMs) + ";";
    }
    const bool streamed = is_plain_query(sql);
    const std::string fetch =
        "FETCH FORWARD " + std::to_string(kCursorFetchRows) + " FROM opsctl_rows";
    if (streamed) {
        script += " DECLARE opsctl_rows NO SCROLL CURSOR FOR" + statement_body(sql) + "; " + fetch;
    } else {
        script += statement_body(sql);
    }

    std::optional<pqxx::nontransaction> tx;
    try {
        // Inside the try: on a broken connection libpqxx may reconnect, and fail, here.
        tx.emplace(session_->connection);
        std::vector<Cell> cells;
        bool columns_sent = false;
        const auto deliver = [&](const pqxx::result& block) {
            if (!columns_sent) {
                std::vector<std::string> names;
                for (pqxx::row::size_type i = 0; i < block.columns(); ++i) {
                    names.emplace_back(block.column_name(i));
                }
                sink.on_columns(names);
                cells.resize(names.size());
                columns_sent = true;
            }
            for (const auto& row : block) {
                for (pqxx::row::size_type i = 0; i < row.size(); ++i) {
                    cells[i] = row[i].is_null() ? Cell::null() : Cell::of(row[i].c_str());
                }
                sink.on_row(cells);
            }
        };
        pqxx::result block = tx->exec(script);
        deliver(block);
        while (streamed && block.size() == static_cast<pqxx::result::size_type>(kCursorFetchRows)) {
            block = tx->exec(fetch);
            deliver(block);
        }
        tx->exec("COMMIT");
    } catch (const pqxx::sql_error& e) {
        rollback(tx);
        if (timeout && e.sqlstate() == kQueryCanceled &&
            std::string(e.what()).find("statement timeout") != std::string::npos) {
            throw QueryError("timed out after " + format_duration(*timeout), e.sqlstate());
        }
        throw QueryError(first_line(e.what()), e.sqlstate());
    } catch (const pqxx::broken_connection& e) {
        throw QueryError("connection lost: " + first_line(e.what()));
    } catch (const pqxx::failure& e) {
        rollback(tx);
        throw QueryError(first_line(e.what()));
    } catch (...) {
        rollback(tx);
        throw;
    }
}

}  // namespace opsctl
