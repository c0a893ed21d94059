// PostgresConnector against the tests' real PostgreSQL server (tests/support/
// postgres_fixture.sh). Every test that needs tables makes its own database with
// fresh_pg_database, so the stand-in databases stay untouched.

#include <libpq-fe.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <pqxx/pqxx>
#include <string>

#include "integration_support.h"
#include "opsctl/connect/postgres_connector.h"
#include "opsctl/core/error.h"
#include "opsctl/core/timestamp.h"
#include "support/test_support.h"

using namespace std::chrono_literals;
using opsctl::Cell;
using opsctl::ConnectionError;
using opsctl::PostgresConnector;
using opsctl::QueryError;
using opsctl::itest::collect;
using opsctl::itest::CollectingSink;
using opsctl::itest::scalar;
using opsctl::test::fresh_pg_database;
using opsctl::test::pg_admin;
using opsctl::test::pg_uri;

namespace {

std::string admin_value(const std::string& database, const std::string& sql) {
    return opsctl::itest::pg_value(database, sql);
}

long long admin_count(const std::string& database, const std::string& table) {
    return std::stoll(admin_value(database, "SELECT count(*) FROM " + table));
}

std::map<std::string, std::string> parse_conninfo(const std::string& conninfo) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
    if (!options) {
        const std::string message = error ? error : "?";
        if (error) PQfreemem(error);
        FAIL("postgres_conninfo produced an unparsable conninfo: " << conninfo << ": " << message);
    }
    std::map<std::string, std::string> values;
    for (const PQconninfoOption* option = options; option->keyword; ++option) {
        if (option->val) values[option->keyword] = option->val;
    }
    PQconninfoFree(options);
    return values;
}

template <typename Function>
std::chrono::milliseconds time_of(Function&& function) {
    const auto start = std::chrono::steady_clock::now();
    function();
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start);
}

}  // namespace

// What the conformance suite checks of every connector (text, booleans, dates, NULLs)
// is not repeated here: only PostgreSQL's own types and spellings.
TEST_CASE("PostgreSQL: numeric keeps its scale, integers their extremes, timestamptz its UTC",
          "[integration][postgres]") {
    const std::string db = fresh_pg_database("itest_pg_types");
    pg_admin(db,
             "CREATE TABLE types (id int, i2 smallint, i8 bigint, num numeric(12,2), big numeric, "
             "tsz timestamptz, nothing integer);"
             "INSERT INTO types VALUES "
             "(1, -32768, -9223372036854775808, 1500.00, 12345678901234567890.123456789, "
             " TIMESTAMPTZ '2026-11-26 08:00:00+00', NULL),"
             "(2, 0, 0, 0.95, 0.95000000000000000000, TIMESTAMPTZ '2026-11-26 10:00:00+02', NULL)");
    PostgresConnector connector(pg_uri(db));
    REQUIRE(connector.dialect() == "postgresql");

    const CollectingSink sink = collect(connector, "SELECT * FROM types ORDER BY id");
    REQUIRE(sink.rows.size() == 2);
    CHECK(sink.text(0, "i2") == "-32768");
    CHECK(sink.text(0, "i8") == "-9223372036854775808");
    CHECK(sink.text(1, "i8") == "0");
    // numeric keeps its scale and every digit, as the server prints it.
    CHECK(sink.text(0, "num") == "1500.00");
    CHECK(sink.text(0, "big") == "12345678901234567890.123456789");
    CHECK(sink.text(1, "big") == "0.95000000000000000000");
    // timestamptz is shown in the session's UTC, with its offset.
    CHECK(sink.text(0, "tsz") == "2026-11-26 08:00:00+00");
    CHECK(sink.text(1, "tsz") == "2026-11-26 08:00:00+00");
    const auto parsed = opsctl::parse_timestamp(sink.text(0, "tsz"));
    REQUIRE(parsed);
    CHECK(parsed->epoch_seconds == opsctl::itest::as_of().epoch_seconds);
    CHECK(sink.cell(0, "nothing").is_null);
}

TEST_CASE("PostgreSQL: a large result arrives whole, in order, with the columns once",
          "[integration][postgres]") {
    PostgresConnector connector(pg_uri("wh_healthy"));
    // Sizes around the round numbers a block-wise reader would trip on.
    const long block = 10000;
    for (const long rows : {0L, 1L, block - 1, block, 2 * block, 2 * block + 5001}) {
        INFO(rows << " rows");
        const CollectingSink sink =
            collect(connector, "SELECT g AS n, 'row ' || g AS label FROM generate_series(1, " +
                                   std::to_string(rows) + ") AS g ORDER BY g");
        CHECK(sink.column_calls == 1);
        REQUIRE(sink.rows.size() == static_cast<size_t>(rows));
        if (rows == 0) continue;
        CHECK(sink.rows.front()[0].text == "1");
        CHECK(sink.rows.back()[0].text == std::to_string(rows));
        CHECK(sink.rows.back()[1].text == "row " + std::to_string(rows));
        bool ordered = true;
        for (size_t i = 0; i < sink.rows.size(); ++i) {
            ordered = ordered && sink.rows[i][0].text == std::to_string(i + 1);
        }
        CHECK(ordered);
    }
}

TEST_CASE("PostgreSQL: every kind of read statement runs", "[integration][postgres]") {
    PostgresConnector connector(pg_uri("wh_healthy"));
    CHECK(scalar(connector, "SHOW TimeZone").text == "UTC");
    CHECK(scalar(connector, "(SELECT 7) UNION ALL (SELECT 8) ORDER BY 1 DESC LIMIT 1").text == "8");
    CHECK(collect(connector, "VALUES (1), (2), (3)").rows.size() == 3);
    CHECK(scalar(connector, "WITH x AS (SELECT 5 AS v) SELECT v * 2 FROM x").text == "10");
    CHECK(scalar(connector, "  -- leading comment\n  select 'lower case'  ;  ").text ==
          "lower case");
    CHECK(collect(connector, "TABLE standin_meta").rows.size() == 1);
    CHECK_FALSE(collect(connector, "EXPLAIN SELECT 1").rows.empty());
}

TEST_CASE("PostgreSQL: an SQL error is one line without libpq's prefix, with its SQLSTATE",
          "[integration][postgres]") {
    PostgresConnector connector(pg_uri("wh_healthy"));
    CollectingSink sink;
    try {
        connector.query("SELECT * FROM no_such_relation_xyz", sink, 5s);
        FAIL("no QueryError");
    } catch (const QueryError& e) {
        // One readable line, without libpq's "ERROR:" prefix or the LINE/caret details.
        CHECK(std::string(e.what()).find('\n') == std::string::npos);
        CHECK_THAT(e.what(), !Catch::StartsWith("ERROR"));
    }
    try {
        connector.query("SELEC 1", sink, 5s);
        FAIL("no QueryError");
    } catch (const QueryError& e) {
        CHECK(e.sqlstate() == "42601");
    }
}

TEST_CASE("PostgreSQL: writes are refused and change nothing", "[integration][postgres]") {
    const std::string db = fresh_pg_database("itest_pg_readonly");
    pg_admin(db, "CREATE TABLE t (x int); INSERT INTO t VALUES (1), (2), (3)");
    PostgresConnector connector(pg_uri(db));

    // INSERT, DELETE, UPDATE and DROP: the conformance suite; here the rest.
    const std::vector<std::string> writes = {"TRUNCATE t", "CREATE TABLE t2 (y int)"};
    for (const auto& sql : writes) {
        INFO(sql);
        CollectingSink sink;
        try {
            connector.query(sql, sink, 5s);
            FAIL("the write was not refused");
        } catch (const QueryError& e) {
            CHECK(e.sqlstate() == "25006");  // read_only_sql_transaction
        }
    }
    // A write hidden in a WITH: refused as a read-only transaction (25006) or, when
    // the connector reads the SELECT through a cursor, as a cursor that would modify
    // data (0A000).
    {
        CollectingSink sink;
        try {
            connector.query("WITH gone AS (DELETE FROM t RETURNING x) SELECT count(*) FROM gone",
                            sink, 5s);
            FAIL("the write was not refused");
        } catch (const QueryError& e) {
            CHECK((e.sqlstate() == "25006" || e.sqlstate() == "0A000"));
        }
    }
    // Also without a timeout (no SET LOCAL before the statement).
    CollectingSink sink;
    CHECK_THROWS_AS(connector.query("INSERT INTO t VALUES (5)", sink, std::nullopt), QueryError);

    CHECK(admin_count(db, "t") == 3);
    CHECK(admin_value(db, "SELECT string_agg(x::text, ',' ORDER BY x) FROM t") == "1,2,3");
    CHECK(admin_value(db, "SELECT to_regclass('t2') IS NULL") == "t");
    CHECK(scalar(connector, "SELECT count(*) FROM t").text == "3");
}

// Regression: up to ad7ef16 the SQL went to the server as one simple-protocol query,
// so a second statement could leave the read-only transaction ("SET TRANSACTION READ
// WRITE; INSERT ..." or "COMMIT; DELETE ...") and write. Refused since 4a3b54f.
TEST_CASE("PostgreSQL: several statements in one query cannot escape the read-only transaction",
          "[integration][postgres]") {
    const std::string db = fresh_pg_database("itest_pg_multistatement");
    pg_admin(db, "CREATE TABLE t (x int); INSERT INTO t VALUES (1), (2), (3)");
    PostgresConnector connector(pg_uri(db));

    const std::vector<std::string> escapes = {
        "SET TRANSACTION READ WRITE; INSERT INTO t VALUES (99)",
        "COMMIT; DELETE FROM t",
        "SELECT 1; COMMIT; DELETE FROM t",
        "SELECT 1; SELECT 2",
    };
    for (const auto& sql : escapes) {
        INFO(sql);
        pg_admin(db, "TRUNCATE t; INSERT INTO t VALUES (1), (2), (3)");
        CollectingSink sink;
        CHECK_THROWS_AS(connector.query(sql, sink, 5s), QueryError);
        CHECK(admin_value(db, "SELECT string_agg(x::text, ',' ORDER BY x) FROM t") == "1,2,3");
    }
    // A ';' inside a string, a quoted name, a dollar quote or a comment is no second
    // statement, and neither is a trailing ';'.
    const CollectingSink one =
        collect(connector,
                "SELECT 'a;b' AS \"x;y\", $$c;d$$ AS z /* ; */ FROM t WHERE x = 1 -- ; COMMIT\n;");
    REQUIRE(one.rows.size() == 1);
    CHECK(one.columns == std::vector<std::string>{"x;y", "z"});
    CHECK(one.rows[0][0].text == "a;b");
    CHECK(one.rows[0][1].text == "c;d");
}

// Regression (issue 14): up to 072f82d wrapper and user SQL shared one simple-query
// string, and the hand-written splitter read SQL differently from the server (E''
// escapes, nested comments, dollar tags of non-ASCII letters, a server's own string
// settings), so these ended the
// read-only transaction and wrote. Now the user's SQL goes through the extended
// protocol, which refuses a second statement whatever opsctl's own lexer thinks.
TEST_CASE("PostgreSQL: SQL the splitter misreads cannot leave the read-only transaction",
          "[integration][postgres][red-team]") {
    const std::string db = fresh_pg_database("itest_pg_lexer_escapes");
    const std::string fill =
        "TRUNCATE t; INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 10) g";
    pg_admin(db, "CREATE TABLE t (id int, v text); " + fill);
    pg_admin(db, "ALTER DATABASE " + db + " SET standard_conforming_strings = off");
    const std::string checksum =
        "SELECT count(*) || ':' || md5(string_agg(id || '=' || v, ',' ORDER BY id)) FROM t";
    const std::string before = admin_value(db, checksum);
    PostgresConnector connector(pg_uri(db));

    const std::vector<std::string> escapes = {
        "SELECT E'\\'') TO STDOUT; COMMIT; DELETE FROM t WHERE id=7; COPY (SELECT 'x'",
        "SELECT 1 /* /* */ ' */ ) TO STDOUT; COMMIT; UPDATE t SET v='pwned' WHERE id=8; "
        "COPY (SELECT 'x'",
        "SELECT $\xC3\xA9$'$\xC3\xA9$ AS a) TO STDOUT; COMMIT; DELETE FROM t WHERE id=7; "
        "COPY (SELECT 'x'",
        // With standard_conforming_strings off (a database setting opsctl's lexer
        // cannot see), '\'' holds a quote: only the server can tell.
        "SELECT '\\'') TO STDOUT; COMMIT; DELETE FROM t WHERE id=7; COPY (SELECT 'x'",
        "SELECT '\\''; COMMIT; DELETE FROM t WHERE id=7; SELECT 'x'",
    };
    for (const auto& sql : escapes) {
        INFO(sql);
        pg_admin(db, fill);
        CollectingSink sink;
        CHECK_THROWS_AS(connector.query(sql, sink, 5s), QueryError);
        CHECK(admin_value(db, checksum) == before);
    }
    CHECK(scalar(connector, "SELECT count(*) FROM t").text == "10");  // the session survives
}

// Regression (issue 14): the transaction was committed, so what a read-only
// transaction allows (a large object, an advisory lock's side effects) outlived the step.
TEST_CASE("PostgreSQL: every step's transaction is rolled back",
          "[integration][postgres][red-team]") {
    const std::string db = fresh_pg_database("itest_pg_rollback");
    PostgresConnector connector(pg_uri(db));
    const std::string objects = "SELECT count(*) FROM pg_largeobject_metadata";
    const std::string before = admin_value(db, objects);
    try {
        collect(connector, "SELECT lo_from_bytea(0, 'planted') AS oid");
    } catch (const QueryError&) {
        // refused outright is as good as rolled back
    }
    CHECK(admin_value(db, objects) == before);
}

TEST_CASE("PostgreSQL: a timeout is SQLSTATE 57014 and local to its query",
          "[integration][postgres]") {
    const std::string db = fresh_pg_database("itest_pg_timeout");
    PostgresConnector connector(pg_uri(db));
    const std::string pid = scalar(connector, "SELECT pg_backend_pid()").text;

    CollectingSink sink;
    std::string message;
    std::string sqlstate;
    const auto elapsed = time_of([&] {
        try {
            connector.query("SELECT pg_sleep(5)", sink, 300ms);
        } catch (const QueryError& e) {
            message = e.what();
            sqlstate = e.sqlstate();
        }
    });
    // The message, the bounds and the server left idle: the conformance suite; here
    // what PostgreSQL adds.
    REQUIRE_FALSE(message.empty());
    CHECK(sqlstate == "57014");
    CHECK(elapsed < 2000ms);
    CHECK(admin_value("postgres",
                      "SELECT coalesce(max(state), 'gone') FROM pg_stat_activity "
                      "WHERE pid = " +
                          pid) != "active");

    // The timeout was local to that query.
    CollectingSink slow;
    const auto no_timeout = time_of(
        [&] { connector.query("SELECT pg_sleep(0.5) IS NULL AS slept", slow, std::nullopt); });
    REQUIRE(slow.rows.size() == 1);
    CHECK(no_timeout >= 450ms);
    const CollectingSink setting =
        collect(connector, "SELECT current_setting('statement_timeout')", std::nullopt);
    REQUIRE(setting.rows.size() == 1);
    CHECK(setting.rows[0][0].text == "0");
}

TEST_CASE("PostgreSQL: the session runs in UTC as application opsctl", "[integration][postgres]") {
    // A database whose default time zone is not UTC: the connector must still use UTC.
    const std::string db = fresh_pg_database("itest_pg_session");
    pg_admin("postgres", "ALTER DATABASE " + db + " SET TimeZone = 'Pacific/Auckland'");
    PostgresConnector connector(pg_uri(db));

    const CollectingSink settings = collect(
        connector,
        "SELECT current_setting('TimeZone') AS tz, current_setting('application_name') AS app, "
        "current_setting('transaction_read_only') AS ro, pg_backend_pid() AS pid");
    REQUIRE(settings.rows.size() == 1);
    CHECK(settings.cell(0, "tz").text == "UTC");
    CHECK(settings.cell(0, "app").text == "opsctl");
    CHECK(settings.cell(0, "ro").text == "on");
    CHECK(admin_value("postgres", "SELECT application_name FROM pg_stat_activity WHERE pid = " +
                                      settings.cell(0, "pid").text) == "opsctl");

    CHECK(scalar(connector, "SELECT TIMESTAMPTZ '2026-11-26 21:00:00+13'").text ==
          "2026-11-26 08:00:00+00");
    CHECK(scalar(connector, "SELECT CAST(TIMESTAMPTZ '2026-11-26 23:30:00+00' AS date)").text ==
          "2026-11-26");
}

// BUG (src/connect/postgres_connector.cpp, PostgresConnector::PostgresConnector): the
// session's TimeZone is forced to UTC, but DateStyle is left to the server. With a
// non-ISO DateStyle (a database or role setting such as 'SQL, DMY' or 'German'),
// dates come back as "26/11/2026" and timestamps as "26/11/2026 08:00:00", which
// parse_timestamp cannot read, so every fail_older_than step ends as error.
TEST_CASE("PostgreSQL: dates are ISO even when the database's DateStyle is not",
          "[integration][postgres][bug]") {
    const std::string db = fresh_pg_database("itest_pg_datestyle");
    pg_admin("postgres", "ALTER DATABASE " + db + " SET DateStyle = 'SQL, DMY'");
    PostgresConnector connector(pg_uri(db));
    const CollectingSink sink =
        collect(connector, "SELECT DATE '2026-11-26' AS d, TIMESTAMP '2026-11-26 08:00:00' AS ts");
    REQUIRE(sink.rows.size() == 1);
    CHECK(sink.cell(0, "d").text == "2026-11-26");
    CHECK(sink.cell(0, "ts").text == "2026-11-26 08:00:00");
    CHECK(opsctl::parse_timestamp(sink.cell(0, "ts").text).has_value());
}

// BUG (src/connect/postgres_connector.cpp, PostgresConnector::PostgresConnector and
// query()): libpqxx 6 silently reopens a broken connection on the next transaction,
// but "SET TIME ZONE 'UTC'" was sent once on the first session only, so after a lost
// connection the connector runs queries in the server's default time zone. Set the
// time zone in the conninfo (options=-c TimeZone=UTC) or via connection::set_variable,
// which libpqxx replays on reconnect, or inhibit reactivation.
TEST_CASE("PostgreSQL: a lost connection is a QueryError, never a session out of UTC",
          "[integration][postgres][bug]") {
    const std::string db = fresh_pg_database("itest_pg_lost");
    pg_admin("postgres", "ALTER DATABASE " + db + " SET TimeZone = 'Pacific/Auckland'");
    PostgresConnector connector(pg_uri(db));
    const std::string pid = scalar(connector, "SELECT pg_backend_pid()").text;
    CHECK(admin_value("postgres", "SELECT pg_terminate_backend(" + pid + ")") == "t");

    // The next queries either fail as QueryError (the session is gone) or, should the
    // connector reconnect, run in a session that is again UTC and read-only.
    int lost = 0;
    std::string errors;
    for (int attempt = 0; attempt < 3; ++attempt) {
        CollectingSink sink;
        try {
            connector.query(
                "SELECT current_setting('TimeZone'), current_setting('transaction_read_only')",
                sink, 5s);
        } catch (const QueryError& e) {
            ++lost;
            errors += "attempt " + std::to_string(attempt) + ": " + e.what() + "\n";
            CHECK(std::string(e.what()).find('\n') == std::string::npos);
            continue;
        }
        INFO("attempt " << attempt << " ran; before it:\n" << errors);
        REQUIRE(sink.rows.size() == 1);
        CHECK(sink.rows[0][0].text == "UTC");
        CHECK(sink.rows[0][1].text == "on");
    }
    CHECK(lost >= 1);  // the query that met the dead session reports it
}

TEST_CASE("PostgreSQL: an unreachable server throws ConnectionError quickly, without secrets",
          "[integration][postgres]") {
    SECTION("nothing listens on the port") {
        std::string message;
        const auto elapsed = time_of([&] {
            try {
                PostgresConnector connector("postgresql://u:s3cret@127.0.0.1:1/x");
            } catch (const ConnectionError& e) {
                message = e.what();
            }
        });
        REQUIRE_FALSE(message.empty());
        CHECK(elapsed < 3000ms);
        CHECK_THAT(message, Catch::Contains("127.0.0.1"));
        CHECK_THAT(message, !Catch::Contains("s3cret"));
    }
    SECTION("key=value conninfo with a password") {
        std::string message;
        try {
            PostgresConnector connector(
                "host=127.0.0.1 port=1 user=u password=s3cret dbname=x connect_timeout=2");
        } catch (const ConnectionError& e) {
            message = e.what();
        }
        REQUIRE_FALSE(message.empty());
        CHECK_THAT(message, !Catch::Contains("s3cret"));
    }
    SECTION("a socket folder with no server") {
        opsctl::test::TempDir empty;
        CHECK_THROWS_AS(
            PostgresConnector("postgresql://postgres@/x?host=" + empty.path() + "&port=5"),
            ConnectionError);
    }
    SECTION("the server is up but the database does not exist") {
        std::string uri = pg_uri("itest_no_such_database");
        try {
            PostgresConnector connector(uri);
            FAIL("connected to a database that does not exist");
        } catch (const ConnectionError& e) {
            CHECK_THAT(e.what(), Catch::Contains("itest_no_such_database"));
        }
    }
}

TEST_CASE("postgres_conninfo keeps the user's settings and adds opsctl's",
          "[integration][postgres]") {
    SECTION("a URI") {
        const auto values = parse_conninfo(opsctl::postgres_conninfo(
            "postgresql://ops:s3cret@db.example.com:6543/warehouse?sslmode=require"));
        CHECK(values.at("host") == "db.example.com");
        CHECK(values.at("port") == "6543");
        CHECK(values.at("dbname") == "warehouse");
        CHECK(values.at("user") == "ops");
        CHECK(values.at("password") == "s3cret");
        CHECK(values.at("sslmode") == "require");
        CHECK(values.at("application_name") == "opsctl");
        REQUIRE(values.count("connect_timeout") == 1);
        CHECK(std::stoi(values.at("connect_timeout")) > 0);
        // A dead network ends a read too.
        CHECK(values.at("keepalives") == "1");
        CHECK(std::stoi(values.at("tcp_user_timeout")) > 0);
    }
    SECTION("the user's own application_name and connect_timeout win") {
        const auto values = parse_conninfo(opsctl::postgres_conninfo(
            "host=db dbname=wh application_name=nightly connect_timeout=3"));
        CHECK(values.at("application_name") == "nightly");
        CHECK(values.at("connect_timeout") == "3");
        CHECK(values.at("host") == "db");
        CHECK(values.at("dbname") == "wh");
    }
    SECTION("values with spaces, quotes and backslashes survive quoting") {
        const auto values = parse_conninfo(opsctl::postgres_conninfo(
            R"(host=db password='a b\'c\\d' options='-c search_path=x')"));
        CHECK(values.at("password") == R"(a b'c\d)");
        // The user's options come first; opsctl's session settings are added after.
        CHECK(values.at("options") == "-c search_path=x -c TimeZone=UTC -c DateStyle=ISO,MDY");
        CHECK(values.at("application_name") == "opsctl");
    }
    SECTION("a named target's password is added as libpq's password, quoted") {
        const auto values =
            parse_conninfo(opsctl::postgres_conninfo("host=db user=ops", R"(p w'\x)"));
        CHECK(values.at("password") == R"(p w'\x)");
        CHECK(values.at("user") == "ops");
        CHECK(parse_conninfo(opsctl::postgres_conninfo("host=db")).count("password") == 0);
    }
    SECTION("UTC and ISO dates are asked for in the startup options") {
        const auto values = parse_conninfo(opsctl::postgres_conninfo("host=db"));
        CHECK(values.at("options") == "-c TimeZone=UTC -c DateStyle=ISO,MDY");
    }
    SECTION("the tests' own URI still connects") {
        PostgresConnector connector(opsctl::postgres_conninfo(pg_uri("wh_healthy")));
        CHECK(scalar(connector, "SELECT current_database()").text == "wh_healthy");
    }
    SECTION("a malformed target is a UsageError without the secret") {
        for (const std::string spec :
             {"postgresql://u:s3cret@[::1/db", "host=db password=s3cret bogus"}) {
            INFO(spec);
            try {
                opsctl::postgres_conninfo(spec);
                FAIL("accepted a malformed conninfo");
            } catch (const opsctl::UsageError& e) {
                CHECK_THAT(e.what(), !Catch::Contains("s3cret"));
            }
        }
    }
}

TEST_CASE("PostgreSQL: the server version is the one the server reports",
          "[integration][postgres]") {
    PostgresConnector connector(pg_uri("postgres"));
    const std::string expected = "PostgreSQL " + admin_value("postgres", "SHOW server_version");
    // SHOW may append a distribution suffix ("15.18 (Debian 15.18-0+deb12u1)").
    CHECK(expected.rfind(connector.server_version(), 0) == 0);
    CHECK(connector.server_version().rfind("PostgreSQL 1", 0) == 0);
}
