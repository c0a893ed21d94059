// The statement rule against PostgreSQL's own parser: the server is the oracle.
// For any SQL text,
// - where PostgreSQL's parse finds more than one statement (a Parse message of the
//   extended protocol is refused: "cannot insert multiple commands"), opsctl refuses it;
// - where opsctl accepts it, what it sends (first_statement) runs as one statement whose
//   command tag is SELECT, SHOW or EXPLAIN (VALUES and TABLE report SELECT).
// Runs against the server OPSCTL_FUZZ_PG names (a conninfo of a SELECT-only role;
// ctest passes the tests' PostgreSQL). Parsing never executes anything; an accepted
// statement is executed in a read-only transaction under a 200 ms statement_timeout,
// then rolled back. Without OPSCTL_FUZZ_PG the target says so once and checks nothing.

#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "fuzz_check.h"
#include "opsctl/runbook/statement_rule.h"
#include "opsctl/translate/sql_lexer.h"

namespace {

PGconn* oracle_connection() {
    static PGconn* connection = [] {
        const char* conninfo = std::getenv("OPSCTL_FUZZ_PG");
        if (conninfo == nullptr) {
            std::fprintf(stderr,
                         "fuzz_statement_rule: OPSCTL_FUZZ_PG is not set: nothing checked\n");
            return static_cast<PGconn*>(nullptr);
        }
        PGconn* opened = PQconnectdb(conninfo);
        opsctl::fuzz::require(PQstatus(opened) == CONNECTION_OK,
                              "the oracle's server (OPSCTL_FUZZ_PG) accepts the connection");
        PQclear(PQexec(opened, "SET statement_timeout = 200"));
        return opened;
    }();
    return connection;
}

bool sqlstate_is(const PGresult* result, const char* code) {
    const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    return state != nullptr && std::strcmp(state, code) == 0;
}

// 42601 (syntax error) with this text is the extended protocol refusing a second
// statement.
bool holds_several_commands(const PGresult* result) {
    const char* message = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    return sqlstate_is(result, "42601") && message != nullptr &&
           std::strstr(message, "cannot insert multiple commands") != nullptr;
}

// Parse only (an unnamed prepared statement): nothing runs.
bool server_parses_several(PGconn* connection, const std::string& sql) {
    PGresult* result = PQprepare(connection, "", sql.c_str(), 0, nullptr);
    const bool several = holds_several_commands(result);
    PQclear(result);
    return several;
}

void require_reading_command(PGconn* connection, const std::string& statement) {
    PQclear(PQexec(connection, "BEGIN READ ONLY"));
    PGresult* result =
        PQexecParams(connection, statement.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0);
    opsctl::fuzz::require(!holds_several_commands(result),
                          "what opsctl sends is one statement to the server");
    if (PQresultStatus(result) == PGRES_TUPLES_OK || PQresultStatus(result) == PGRES_COMMAND_OK) {
        const std::string tag = PQcmdStatus(result);
        const std::string verb = tag.substr(0, tag.find(' '));
        opsctl::fuzz::require(verb == "SELECT" || verb == "SHOW" || verb == "EXPLAIN",
                              "an accepted statement only reads (command tag)");
    }
    PQclear(result);
    PQclear(PQexec(connection, "ROLLBACK"));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    PGconn* connection = oracle_connection();
    if (connection == nullptr) return 0;
    std::string sql(reinterpret_cast<const char*>(data), size);
    if (sql.find('\0') != std::string::npos) return 0;  // no C string, no protocol message
    const bool accepted = !opsctl::refused_statement(sql) && !opsctl::has_several_statements(sql);
    if (server_parses_several(connection, sql)) {
        opsctl::fuzz::require(!accepted, "what PostgreSQL parses as several statements is refused");
    }
    if (accepted) require_reading_command(connection, std::string(opsctl::first_statement(sql)));
    return 0;
}
