// SqliteConnector with real SQLite files in a temporary folder; the date functions
// it registers are compared with the tests' real PostgreSQL.

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "integration_support.h"
#include "opsctl/connect/postgres_connector.h"
#include "opsctl/connect/sqlite_connector.h"
#include "opsctl/core/timestamp.h"
#include "opsctl/translate/dialect_translator.h"
#include "support/test_support.h"

using namespace std::chrono_literals;
using opsctl::ConnectionError;
using opsctl::QueryError;
using opsctl::SqliteConnector;
using opsctl::itest::collect;
using opsctl::itest::CollectingSink;
using opsctl::itest::scalar;
using opsctl::itest::SqliteFile;
using opsctl::test::TempDir;

namespace {

std::string make_database(const TempDir& dir, const std::string& name, const std::string& sql) {
    SqliteFile file(dir.file(name));
    file.exec(sql);
    return file.path();
}

}  // namespace

// What the conformance suite checks of every connector (text, booleans, dates, NULLs of
// typed columns) is not repeated here: only SQLite's storage classes.
TEST_CASE("SQLite: every storage class comes back as its text, NULL as null",
          "[integration][sqlite]") {
    TempDir dir;
    const std::string path = make_database(
        dir, "types.db",
        "CREATE TABLE t (id INTEGER, i INTEGER, r REAL, s TEXT, b BLOB, n);"
        "INSERT INTO t VALUES (1, 42, 2.5, 'plain text', x'0102ff', NULL);"
        "INSERT INTO t VALUES (2, -9223372036854775808, 0.1, '', x'', NULL);"
        "INSERT INTO t VALUES (3, 9223372036854775807, 1500.0, '2026-11-26', NULL, NULL);"
        "INSERT INTO t VALUES (4, NULL, NULL, NULL, NULL, NULL);");
    SqliteConnector connector(path);
    REQUIRE(connector.dialect() == "sqlite");

    const CollectingSink sink = collect(connector, "SELECT * FROM t ORDER BY id");
    REQUIRE(sink.column_calls == 1);
    REQUIRE(sink.columns == std::vector<std::string>{"id", "i", "r", "s", "b", "n"});
    REQUIRE(sink.rows.size() == 4);
    CHECK(sink.text(0, "i") == "42");
    CHECK(sink.text(1, "i") == "-9223372036854775808");
    CHECK(sink.text(2, "i") == "9223372036854775807");
    CHECK(sink.text(0, "r") == "2.5");
    CHECK(sink.text(1, "r") == "0.1");         // shortest exact form, not 0.10000000000000001
    CHECK(sink.text(2, "r") == "1500");        // a whole REAL reads as the number it is
    CHECK(sink.text(2, "s") == "2026-11-26");  // a date is TEXT in SQLite
    CHECK(sink.text(0, "b") == "<3 bytes>");
    CHECK(sink.cell(0, "n").is_null);
    for (size_t column = 1; column < sink.columns.size(); ++column) {
        INFO("column " << sink.columns[column]);
        CHECK(sink.rows[3][column].is_null);
    }

    // Computed values: a division yields a REAL, a comparison an INTEGER.
    CHECK(scalar(connector, "SELECT 1.0 / 3").text == "0.3333333333333333");
    CHECK(scalar(connector, "SELECT 12 * 100.0 / 100").text == "12");
    CHECK(scalar(connector, "SELECT 2 > 1").text == "1");
    CHECK(scalar(connector, "SELECT 1e300 * 10").text == "1e+301");
}

TEST_CASE("SQLite: the file is opened read-only", "[integration][sqlite]") {
    TempDir dir;
    const std::string path = make_database(
        dir, "ro.db", "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3);");
    const std::string before = opsctl::test::read_file(path);
    {
        SqliteConnector connector(path);
        // INSERT, DELETE, UPDATE and DROP: the conformance suite; here SQLite's own.
        for (const std::string sql : {"CREATE TABLE t2 (y INTEGER)", "PRAGMA user_version = 7"}) {
            INFO(sql);
            CollectingSink sink;
            try {
                connector.query(sql, sink, 5s);
                FAIL("the write was not refused");
            } catch (const QueryError& e) {
                CHECK_THAT(e.what(), Catch::Contains("readonly"));
            }
        }
        // Attaching cannot create a file either, plain or as a URI asking for rwc.
        const std::string created = dir.file("created.db");
        for (const std::string& sql :
             {"ATTACH DATABASE '" + created + "' AS extra",
              "ATTACH DATABASE 'file:" + created + "?mode=rwc' AS extra"}) {
            INFO(sql);
            CollectingSink sink;
            CHECK_THROWS_AS(connector.query(sql, sink, 5s), QueryError);
            CHECK_FALSE(std::filesystem::exists(created));
        }
        CHECK(scalar(connector, "SELECT count(*) FROM t").text == "3");
    }
    SqliteFile check(path);
    CHECK(check.count("t") == 3);
    CHECK(opsctl::test::read_file(path) == before);
}

TEST_CASE("SQLite: a missing file or a file that is no database is a ConnectionError",
          "[integration][sqlite]") {
    TempDir dir;
    SECTION("missing: named in the message, and not created") {
        const std::string path = dir.file("missing_配送.db");
        try {
            SqliteConnector connector(path);
            FAIL("opened a missing file");
        } catch (const ConnectionError& e) {
            CHECK_THAT(e.what(), Catch::Contains(path));
        }
        CHECK_FALSE(std::filesystem::exists(path));
    }
    SECTION("not a database") {
        std::string junk;
        for (int i = 0; i < 200; ++i) junk += "this is a text file, not an SQLite database\n";
        const std::string path = dir.write("notes.txt", junk);
        try {
            SqliteConnector connector(path);
            FAIL("opened a text file");
        } catch (const ConnectionError& e) {
            CHECK_THAT(e.what(), Catch::Contains(path));
            CHECK_THAT(e.what(), Catch::Contains("not a database"));
        }
        CHECK(opsctl::test::read_file(path) == junk);
    }
    SECTION("a folder") {
        CHECK_THROWS_AS(SqliteConnector(dir.path()), ConnectionError);
    }
}

TEST_CASE("SQLite: a query runs exactly one statement", "[integration][sqlite]") {
    TempDir dir;
    const std::string path =
        make_database(dir, "one.db", "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);");
    SqliteConnector connector(path);
    for (const std::string sql :
         {"SELECT 1; SELECT 2", "SELECT x FROM t; DELETE FROM t", "SELECT 1;\n-- note\nSELECT 2"}) {
        INFO(sql);
        CollectingSink sink;
        try {
            connector.query(sql, sink, 5s);
            FAIL("ran several statements");
        } catch (const QueryError& e) {
            CHECK_THAT(e.what(), Catch::Contains("one statement"));
        }
    }
    // A trailing semicolon and comments are still one statement.
    CHECK(scalar(connector, "SELECT x FROM t; -- trailing comment\n /* block */ ;").text == "1");
    CollectingSink sink;
    CHECK_THROWS_AS(connector.query("   -- nothing\n", sink, 5s), QueryError);
    SqliteFile check(path);
    CHECK(check.count("t") == 1);
}

TEST_CASE("SQLite: a timeout interrupts its query only: no deadline is left behind",
          "[integration][sqlite]") {
    TempDir dir;
    const std::string path = make_database(dir, "slow.db", "CREATE TABLE t (x INTEGER);");
    SqliteConnector connector(path);
    const std::string endless =
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
        "SELECT count(*) FROM n";
    std::string message;
    CollectingSink sink;
    const auto start = std::chrono::steady_clock::now();
    try {
        connector.query(endless, sink, 300ms);
    } catch (const QueryError& e) {
        message = e.what();
    }
    const auto elapsed = std::chrono::steady_clock::now() - start;
    // The message and its bounds: the conformance suite; here that the progress
    // handler's deadline goes with the query.
    REQUIRE_FALSE(message.empty());
    CHECK(elapsed < 3s);
    CHECK(sink.rows.empty());

    // No deadline is left behind: a finite query without a timeout runs to its end.
    const std::string finite =
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000000) "
        "SELECT count(*) FROM n";
    CollectingSink done;
    connector.query(finite, done, std::nullopt);
    REQUIRE(done.rows.size() == 1);
    CHECK(done.rows[0][0].text == "2000000");
}

namespace {

// One date expression in the runbooks' (Snowflake) dialect and what it must yield.
struct DateCase {
    std::string expression;  // over the columns d (a date) and ts (a timestamp)
    std::string expected;    // the instant, "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS"
};

std::int64_t epoch_of(const std::string& text) {
    const auto parsed = opsctl::parse_timestamp(text);
    if (!parsed) FAIL("not a date or timestamp: \"" << text << "\"");
    return parsed->epoch_seconds;
}

}  // namespace

TEST_CASE("SQLite: DATEADD and DATE_TRUNC agree with PostgreSQL",
          "[integration][sqlite][postgres]") {
    // Each row: a date d and a timestamp ts; the expressions are the runbooks' forms.
    struct Row {
        std::string d, ts;
    };
    const std::vector<Row> rows = {
        {"2026-01-31", "2026-01-31 23:59:59"},  // month end, clamped on +1 month
        {"2024-01-31", "2024-01-31 12:00:00"},  // leap February
        {"2026-03-31", "2026-03-31 00:00:00"},  // clamped on -1 month
        {"2024-02-29", "2024-02-29 06:30:00"},  // leap day, clamped on +/- 1 year
        {"2026-11-26", "2026-11-26 08:00:00"},  // the as-of: a Thursday
        {"2026-11-23", "2026-11-23 00:00:00"},  // a Monday: its own week start
        {"2026-11-29", "2026-11-29 23:59:59"},  // a Sunday: the week started on Monday
        {"2027-01-01", "2027-01-01 00:30:00"},  // a Friday; the week starts in 2026
        {"2026-12-31", "2026-12-31 23:00:00"},  // quarter and year ends
    };
    const std::vector<std::string> expressions = {
        "DATEADD('month', 1, d)",   "DATEADD('month', -1, d)",   "DATEADD('month', -12, d)",
        "DATEADD('year', 1, d)",    "DATEADD('year', -1, d)",    "DATEADD('quarter', 1, d)",
        "DATEADD('week', -1, d)",   "DATEADD('week', -4, d)",    "DATEADD('day', -7, d)",
        "DATEADD('day', 1, d)",     "DATE_TRUNC('week', d)",     "DATE_TRUNC('month', d)",
        "DATE_TRUNC('quarter', d)", "DATE_TRUNC('year', d)",     "DATEADD('hour', -24, ts)",
        "DATEADD('hour', -4, ts)",  "DATEADD('minute', 90, ts)", "DATEADD('second', 1, ts)",
        "DATEADD('day', -1, ts)",   "DATEADD('week', -1, ts)",   "DATEADD('month', 1, ts)",
        "DATEADD('month', -1, ts)", "DATE_TRUNC('week', ts)",    "DATE_TRUNC('day', ts)",
        "DATE_TRUNC('hour', ts)",   "DATE_TRUNC('month', ts)",   "DATE_TRUNC('minute', ts)",
    };

    std::string select = "SELECT id";
    for (size_t i = 0; i < expressions.size(); ++i) {
        select += ", " + expressions[i] + " AS e" + std::to_string(i);
    }
    select += " FROM dates ORDER BY id";

    const std::string db = opsctl::test::fresh_pg_database("itest_pg_dates");
    TempDir dir;
    SqliteFile lite(dir.file("dates.db"));
    opsctl::test::pg_admin(db, "CREATE TABLE dates (id int, d date, ts timestamp)");
    lite.exec("CREATE TABLE dates (id INTEGER, d TEXT, ts TEXT)");
    for (size_t i = 0; i < rows.size(); ++i) {
        const std::string values =
            "(" + std::to_string(i) + ", '" + rows[i].d + "', '" + rows[i].ts + "')";
        opsctl::test::pg_admin(db, "INSERT INTO dates VALUES " + values);
        lite.exec("INSERT INTO dates VALUES " + values);
    }

    opsctl::TranslationOptions to_pg;
    to_pg.target_dialect = "postgresql";
    opsctl::TranslationOptions to_lite;
    to_lite.target_dialect = "sqlite";
    opsctl::PostgresConnector pg(opsctl::test::pg_uri(db));
    SqliteConnector sqlite(lite.path());
    const CollectingSink from_pg = collect(pg, opsctl::translate_sql(select, to_pg));
    const CollectingSink from_lite = collect(sqlite, opsctl::translate_sql(select, to_lite));
    REQUIRE(from_pg.rows.size() == rows.size());
    REQUIRE(from_lite.rows.size() == rows.size());
    for (size_t row = 0; row < rows.size(); ++row) {
        for (size_t e = 0; e < expressions.size(); ++e) {
            const opsctl::Cell& p = from_pg.rows[row][e + 1];
            const opsctl::Cell& s = from_lite.rows[row][e + 1];
            INFO(expressions[e] << " with d = " << rows[row].d << ", ts = " << rows[row].ts
                                << ": PostgreSQL \"" << p.text << "\", SQLite \"" << s.text
                                << "\"");
            REQUIRE_FALSE(p.is_null);
            REQUIRE_FALSE(s.is_null);
            CHECK(epoch_of(p.text) == epoch_of(s.text));
            // In SQLite a date stays a date (string comparisons with TEXT dates work), and
            // a timestamp stays a timestamp.
            const bool date_in = expressions[e].find(", d)") != std::string::npos ||
                                 expressions[e].find("', d)") != std::string::npos;
            CHECK(s.text.size() == (date_in ? 10u : 19u));
        }
    }

    // The values themselves, for the cases the runbooks depend on.
    const std::vector<DateCase> expected = {
        {"DATEADD('month', 1, '2026-01-31')", "2026-02-28"},
        {"DATEADD('month', 1, '2024-01-31')", "2024-02-29"},
        {"DATEADD('month', -1, '2026-03-31')", "2026-02-28"},
        {"DATEADD('year', 1, '2024-02-29')", "2025-02-28"},
        {"DATEADD('quarter', 1, '2026-11-30')", "2027-02-28"},
        {"DATEADD('week', -1, '2026-11-26')", "2026-11-19"},
        {"DATE_TRUNC('week', '2026-11-26')", "2026-11-23"},
        {"DATE_TRUNC('week', '2026-11-29')", "2026-11-23"},
        {"DATE_TRUNC('week', '2026-11-23')", "2026-11-23"},
        {"DATE_TRUNC('week', '2027-01-01 00:30:00')", "2026-12-28 00:00:00"},
        {"DATE_TRUNC('month', '2026-11-26 08:00:00')", "2026-11-01 00:00:00"},
        {"DATE_TRUNC('quarter', '2026-11-26')", "2026-10-01"},
        {"DATEADD('hour', -24, '2026-11-26 08:00:00')", "2026-11-25 08:00:00"},
        {"DATEADD('hour', 1, '2026-11-26')", "2026-11-26 01:00:00"},
        {"DATEADD('month', 1, '2026-01-31 23:59:59')", "2026-02-28 23:59:59"},
    };
    for (const auto& c : expected) {
        INFO(c.expression);
        CHECK(scalar(sqlite, "SELECT " + c.expression).text == c.expected);
    }
    CHECK(scalar(sqlite, "SELECT DATEADD('day', 1, NULL) IS NULL").text == "1");
    CollectingSink sink;
    CHECK_THROWS_AS(sqlite.query("SELECT DATEADD('fortnight', 1, '2026-11-26')", sink, 5s),
                    QueryError);
    CHECK_THROWS_AS(sqlite.query("SELECT DATE_TRUNC('week', 'not a date')", sink, 5s), QueryError);
}

TEST_CASE("SQLite: the as-of date in the runbooks' windows agrees with PostgreSQL",
          "[integration][sqlite][postgres]") {
    // CURRENT_DATE() and CURRENT_TIMESTAMP() become literals; the windows built on them
    // must be the same instants in both dialects, whatever the as-of day.
    const std::vector<std::string> windows = {
        "DATEADD('day', -1, CURRENT_DATE())",        "DATEADD('day', -7, CURRENT_DATE())",
        "DATEADD('week', -1, CURRENT_DATE())",       "DATEADD('week', -4, CURRENT_DATE())",
        "DATEADD('month', -12, CURRENT_DATE())",     "DATE_TRUNC('month', CURRENT_DATE())",
        "DATEADD('hour', -24, CURRENT_TIMESTAMP())", "DATEADD('hour', -4, CURRENT_TIMESTAMP())",
        "DATEADD('hour', -1, CURRENT_TIMESTAMP())",  "DATEADD('day', -1, CURRENT_TIMESTAMP())",
        "DATEADD('week', -1, CURRENT_TIMESTAMP())",  "DATEADD('month', -1, CURRENT_TIMESTAMP())",
        "DATE_TRUNC('week', CURRENT_DATE())",
    };
    TempDir dir;
    SqliteFile lite(dir.file("asof.db"));
    lite.exec("CREATE TABLE one (x INTEGER); INSERT INTO one VALUES (1);");
    SqliteConnector sqlite(lite.path());
    opsctl::PostgresConnector pg(opsctl::test::pg_uri("wh_healthy"));
    for (const std::string day : {"2026-11-26 08:00:00", "2026-03-31 00:05:00",
                                  "2024-02-29 23:59:59", "2026-01-01 00:00:00"}) {
        const auto as_of = opsctl::parse_timestamp(day);
        REQUIRE(as_of);
        for (const auto& window : windows) {
            opsctl::TranslationOptions to_pg;
            to_pg.target_dialect = "postgresql";
            to_pg.as_of = *as_of;
            opsctl::TranslationOptions to_lite = to_pg;
            to_lite.target_dialect = "sqlite";
            const std::string sql = "SELECT " + window;
            const std::string p = scalar(pg, opsctl::translate_sql(sql, to_pg)).text;
            const std::string s = scalar(sqlite, opsctl::translate_sql(sql, to_lite)).text;
            INFO(window << " as of " << day << ": PostgreSQL \"" << p << "\", SQLite \"" << s
                        << "\"");
            CHECK(epoch_of(p) == epoch_of(s));
        }
    }
}

TEST_CASE("SQLite: the server version is the library's", "[integration][sqlite]") {
    TempDir dir;
    const std::string path = make_database(dir, "version.db", "CREATE TABLE t (a INTEGER);");
    opsctl::SqliteConnector connector(path);
    CHECK(connector.server_version() == std::string("SQLite ") + sqlite3_libversion());
}
