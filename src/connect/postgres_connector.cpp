#include "opsctl/connect/postgres_connector.h"

#include <libpq-fe.h>

#include <map>
#include <pqxx/pqxx>

#include "opsctl/connect/target.h"
#include "opsctl/core/duration.h"
#include "opsctl/core/error.h"

namespace opsctl {

namespace {

constexpr const char* kConnectTimeoutSeconds = "10";
constexpr const char* kQueryCanceled = "57014";

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
};

PostgresConnector::PostgresConnector(const std::string& spec) {
    const std::string conninfo = postgres_conninfo(spec);
    try {
        session_ = std::make_unique<Session>(conninfo);
        pqxx::nontransaction setup(session_->connection);
        // Runbook times are UTC: CURRENT_DATE and timestamps must agree with the as-of time.
        setup.exec("SET TIME ZONE 'UTC'");
    } catch (const std::exception& e) {
        throw ConnectionError(first_line(e.what()));
    }
}

PostgresConnector::~PostgresConnector() = default;

void PostgresConnector::query(const std::string& sql, RowSink& sink,
                              std::optional<std::chrono::milliseconds> timeout) {
    try {
        pqxx::read_transaction tx(session_->connection);
        if (timeout) {
            tx.exec("SET LOCAL statement_timeout = " + std::to_string(timeout->count()));
        }
        const pqxx::result result = tx.exec(sql);
        std::vector<std::string> names;
        for (pqxx::row::size_type i = 0; i < result.columns(); ++i) {
            names.emplace_back(result.column_name(i));
        }
        sink.on_columns(names);
        std::vector<Cell> cells(names.size());
        for (const auto& row : result) {
            for (pqxx::row::size_type i = 0; i < row.size(); ++i) {
                cells[i] = row[i].is_null() ? Cell::null() : Cell::of(row[i].c_str());
            }
            sink.on_row(cells);
        }
        tx.commit();
    } catch (const pqxx::sql_error& e) {
        if (timeout && e.sqlstate() == kQueryCanceled) {
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
