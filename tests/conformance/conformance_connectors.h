#pragma once
// The connector paths the conformance suite (test_connector_conformance.cpp) runs
// every case against: PostgreSQL through libpq and through psqlODBC (on the
// fixture's server), SQLite natively and through the SQLite ODBC driver (on a real
// file). Nothing is mocked: each path writes its test data with an admin handle of
// its own and reads it back through the connector under test.
//
// Adding a connector: write one struct like those below, derived from the engine
// it talks to (PostgresEngine, SqliteEngine, or a new engine struct giving the same
// members), with
//   static constexpr const char* kName;      shown in test names and messages
//   static constexpr const char* kId;        short, names its database or file
//   std::unique_ptr<opsctl::Connector> connect();
// then add it to the type list of CONFORMANCE_CASE at the bottom. It is done when
// every case passes.

#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "integration/integration_support.h"
#include "opsctl/connect/odbc_connector.h"
#include "opsctl/connect/postgres_connector.h"
#include "opsctl/connect/sqlite_connector.h"
#include "support/test_support.h"

namespace opsctl::conformance {

// A fresh database of the fixture's PostgreSQL per test case.
struct PostgresEngine {
    static constexpr bool kPostgres = true;
    static constexpr bool kExactDecimals = true;  // numeric keeps 30 digits
    static constexpr const char* kMissingTableSqlstate = "42P01";
    static constexpr const char* kReadOnlySqlstate = "25006";

    explicit PostgresEngine(const std::string& tag)
        : database_(test::fresh_pg_database("conf_" + tag)) {}

    void write(const std::string& sql) { test::pg_admin(database_, sql); }
    long long count(const std::string& table) {
        return std::stoll(itest::pg_value(database_, "SELECT count(*) FROM " + table));
    }
    // Statements of this database still running a sleep (a cancelled query must not).
    long long running_sleeps() { return std::stoll(itest::running_sleeps(database_)); }

    static std::string types_ddl() {
        return "CREATE TABLE types (id integer, i4 integer, i8 bigint, num numeric(12,2), "
               "big numeric(40,9), dbl double precision, txt text, d date, ts timestamp, "
               "flag boolean)";
    }
    static std::string true_literal() { return "true"; }
    static std::string false_literal() { return "false"; }
    // A boolean computed in the query, not read from a column.
    static std::string boolean_expression_sql() {
        return "SELECT (1 = 0) AS is_paid, (1 = 1) AS ok";
    }
    // The server's own time zone is not UTC, as on many a warehouse: an instant must
    // still read back as itself.
    void use_foreign_time_zone() {
        test::pg_admin(database_,
                       "ALTER DATABASE " + database_ + " SET timezone TO 'America/New_York'");
    }
    static std::string zoned_ddl() {
        return "CREATE TABLE zoned (id integer, at timestamptz, naive timestamp)";
    }
    static std::string sleep_sql() { return "SELECT pg_sleep(30) AS slept"; }
    static std::string series_sql(long long n) {
        return "SELECT g AS id, 'row ' || g AS label FROM generate_series(1, " + std::to_string(n) +
               ") AS g";
    }

  protected:
    std::string database_;
};

// A fresh SQLite file per test case.
struct SqliteEngine {
    static constexpr bool kPostgres = false;
    static constexpr bool kExactDecimals = false;  // NUMERIC is stored as REAL

    explicit SqliteEngine(const std::string& tag) : path_(dir_.file(tag + ".db")) {
        itest::SqliteFile(path_).exec("CREATE TABLE created (x)");
    }

    void write(const std::string& sql) { itest::SqliteFile(path_).exec(sql); }
    long long count(const std::string& table) { return itest::SqliteFile(path_).count(table); }
    long long running_sleeps() { return 0; }  // in-process: nothing outlives the call

    static std::string types_ddl() {
        return "CREATE TABLE types (id INTEGER, i4 INTEGER, i8 BIGINT, num NUMERIC(12,2), "
               "big NUMERIC(40,9), dbl DOUBLE, txt TEXT, d DATE, ts TIMESTAMP, flag BOOLEAN)";
    }
    static std::string true_literal() { return "1"; }
    static std::string false_literal() { return "0"; }
    static std::string boolean_expression_sql() {
        return "SELECT (1 = 0) AS is_paid, (1 = 1) AS ok";
    }
    void use_foreign_time_zone() {}  // SQLite keeps text as written and has no zone
    static std::string zoned_ddl() {
        return "CREATE TABLE zoned (id INTEGER, at TIMESTAMP, naive TIMESTAMP)";
    }
    // Never ends on its own: only a cancel stops it.
    static std::string sleep_sql() {
        return "WITH RECURSIVE forever(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM forever) "
               "SELECT count(*) AS slept FROM forever";
    }
    static std::string series_sql(long long n) {
        return "WITH RECURSIVE g(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM g WHERE id < " +
               std::to_string(n) + ") SELECT id, 'row ' || id AS label FROM g";
    }

  protected:
    test::TempDir dir_;
    std::string path_;
};

struct PostgresLibpqxx : PostgresEngine {
    static constexpr const char* kId = "pqxx";  // names its database or file
    static constexpr const char* kName = "PostgreSQL through libpq";
    using PostgresEngine::PostgresEngine;
    std::unique_ptr<Connector> connect() {
        return std::make_unique<PostgresConnector>(test::pg_uri(database_));
    }
};

struct PostgresOdbc : PostgresEngine {
    static constexpr const char* kId = "pgodbc";  // names its database or file
    static constexpr const char* kName = "PostgreSQL through psqlODBC";
    using PostgresEngine::PostgresEngine;
    std::unique_ptr<Connector> connect() {
        return std::make_unique<OdbcConnector>(test::pg_odbc(database_));
    }
};

struct SqliteNative : SqliteEngine {
    static constexpr const char* kId = "lite";  // names its database or file
    static constexpr const char* kName = "SQLite through libsqlite3";
    static constexpr const char* kMissingTableSqlstate = "";
    static constexpr const char* kReadOnlySqlstate = "";
    using SqliteEngine::SqliteEngine;
    std::unique_ptr<Connector> connect() { return std::make_unique<SqliteConnector>(path_); }
};

struct SqliteOdbc : SqliteEngine {
    static constexpr const char* kId = "liteodbc";  // names its database or file
    static constexpr const char* kName = "SQLite through the SQLite ODBC driver";
    static constexpr const char* kMissingTableSqlstate = "HY000";
    static constexpr const char* kReadOnlySqlstate = "HY000";
    using SqliteEngine::SqliteEngine;
    std::unique_ptr<Connector> connect() {
        return std::make_unique<OdbcConnector>("Driver={SQLite3};Database=" + path_ + ";");
    }
};

}  // namespace opsctl::conformance

// One test case per connector path.
#define CONFORMANCE_CASE(name, tags)                                                         \
    TEMPLATE_TEST_CASE(name, "[conformance]" tags, opsctl::conformance::PostgresLibpqxx,     \
                       opsctl::conformance::PostgresOdbc, opsctl::conformance::SqliteNative, \
                       opsctl::conformance::SqliteOdbc)
