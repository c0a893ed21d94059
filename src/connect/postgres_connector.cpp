#include "opsctl/connect/postgres_connector.h"

#include <libpq-fe.h>

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
    if (newline != std::string::npos) message = message.substr(0, newline);
    return mask_secrets(message);
}

// A query that can stand in DECLARE ... CURSOR FOR: SELECT, WITH, VALUES, TABLE.
// Anything else (SHOW, an attempted write) runs as a plain statement, so that the
// server's own message (e.g. read-only transaction) reaches the report.
bool is_plain_query(const std::string& sql) {
    for (const Token& token : lex_sql(sql)) {
        if (token.kind == TokenKind::Space || token.kind == TokenKind::Comment) continue;
        if (token.kind == TokenKind::Punctuation && sql[token.begin] == '(') continue;
        if (token.kind != TokenKind::Word) return false;
        std::string word = sql.substr(token.begin, token.end - token.begin);
        std::transform(word.begin(), word.end(), word.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        return word == "SELECT" || word == "WITH" || word == "VALUES" || word == "TABLE";
    }
    return false;
}

// The query without a trailing ';', ending on a new line so that a trailing
// comment cannot swallow what libpqxx appends after it.
std::string cursor_body(const std::string& sql) {
    std::string body = sql;
    while (!body.empty() &&
           (std::isspace(static_cast<unsigned char>(body.back())) || body.back() == ';')) {
        body.pop_back();
    }
    return body + "\n";
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
            pqxx::nontransaction setup(session_->connection);
            // Runbook times are UTC: CURRENT_DATE and timestamps must agree with the as-of time.
            setup.exec("SET TIME ZONE 'UTC'");
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

void PostgresConnector::query(const std::string& sql, RowSink& sink,
                              std::optional<std::chrono::milliseconds> timeout) {
    struct Running {
        Session& session;
        explicit Running(Session& s) : session(s) { set(true); }
        ~Running() { set(false); }
        void set(bool value) {
            std::lock_guard<std::mutex> lock(session.running_mutex);
            session.running = value;
        }
    } running(*session_);
    try {
        pqxx::read_transaction tx(session_->connection);
        if (timeout) {
            // A backstop a little behind the caller's own watchdog (RunControl), which
            // cancels first and so reports the timeout the user set.
            tx.exec("SET LOCAL statement_timeout = " +
                    std::to_string(timeout->count() + kStatementTimeoutGraceMs));
        }
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
        if (is_plain_query(sql)) {
            pqxx::icursorstream cursor(tx, cursor_body(sql), "opsctl", kCursorFetchRows);
            pqxx::result block;
            do {
                cursor.get(block);
                deliver(block);
            } while (cursor);
        } else {
            deliver(tx.exec(sql));
        }
        tx.commit();
    } catch (const pqxx::sql_error& e) {
        if (timeout && e.sqlstate() == kQueryCanceled &&
            std::string(e.what()).find("statement timeout") != std::string::npos) {
            throw QueryError("timed out after " + format_duration(*timeout), e.sqlstate());
        }
        throw QueryError(first_line(e.what()), e.sqlstate());
    } catch (const pqxx::broken_connection& e) {
        throw QueryError("connection lost: " + first_line(e.what()));
    } catch (const pqxx::failure& e) {
        throw QueryError(first_line(e.what()));
    }
}

}  // namespace opsctl
