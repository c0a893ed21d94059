// OdbcConnector beyond the conformance suite: dialect detection and override,
// server_version, a data source name from odbc.ini, long values read in pieces, and
// connection errors with the driver's diagnostics, masked.

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <string>

#include "integration_support.h"
#include "opsctl/connect/odbc_connector.h"
#include "support/test_support.h"

using opsctl::ConnectionError;
using opsctl::OdbcConnector;
using opsctl::itest::collect;
using opsctl::itest::scalar;
using opsctl::test::pg_odbc;

TEST_CASE("odbc: the dialect and version come from the driver, --dialect overrides",
          "[integration][odbc]") {
    OdbcConnector postgres(pg_odbc("wh_healthy"));
    CHECK(postgres.dbms_name() == "PostgreSQL");
    CHECK(postgres.dialect() == "postgresql");
    CHECK_THAT(postgres.server_version(), Catch::StartsWith("PostgreSQL 15"));

    opsctl::test::TempDir dir;
    opsctl::itest::SqliteFile(dir.file("x.db")).exec("CREATE TABLE t (x)");
    OdbcConnector sqlite("Driver={SQLite3};Database=" + dir.file("x.db"));
    CHECK(sqlite.dialect() == "sqlite");
    CHECK_THAT(sqlite.server_version(), Catch::StartsWith("SQLite 3"));

    CHECK(OdbcConnector(pg_odbc("wh_healthy"), "snowflake").dialect() == "snowflake");
}

TEST_CASE("odbc: a data source name from odbc.ini connects, with the session in UTC",
          "[integration][odbc]") {
    // Pick the server's keys out of the fixture's connection string.
    const std::string direct = pg_odbc("wh_healthy");
    const auto value_of = [&](const std::string& key) {
        const auto start = direct.find(key + "=") + key.size() + 1;
        return direct.substr(start, direct.find(';', start) - start);
    };
    opsctl::test::TempDir dir;
    const std::string ini = dir.write(
        "odbc.ini",
        "[opsctl_test]\nDriver = PostgreSQL Unicode\nServername = " + value_of("Server") +
            "\nPort = " + value_of("Port") + "\nDatabase = wh_healthy\nUsername = postgres\n");
    const char* saved = std::getenv("ODBCINI");
    const std::string saved_value = saved ? saved : "";
    setenv("ODBCINI", ini.c_str(), 1);
    {
        OdbcConnector connector("DSN=opsctl_test");
        CHECK(connector.dialect() == "postgresql");
        CHECK(scalar(connector, "SELECT current_database()").text == "wh_healthy");
        CHECK(scalar(connector, "SELECT current_setting('TimeZone')").text == "UTC");
        CHECK(scalar(connector, "SELECT TIMESTAMPTZ '2026-11-26 10:00:00+02'").text ==
              "2026-11-26 08:00:00");
    }
    if (saved) {
        setenv("ODBCINI", saved_value.c_str(), 1);
    } else {
        unsetenv("ODBCINI");
    }
}

TEST_CASE("odbc: long text arrives whole", "[integration][odbc]") {
    OdbcConnector connector(pg_odbc("wh_healthy"));
    const std::string text = scalar(connector, "SELECT repeat('ü配', 5000) AS long_text").text;
    CHECK(text.size() == 5000 * std::string("ü配").size());
    CHECK(text.substr(0, 5) == "ü配");
}

TEST_CASE("odbc: connection errors carry the driver's diagnostics, never the password",
          "[integration][odbc][secrets]") {
    try {
        OdbcConnector connector(pg_odbc("no_such_database") + "Pwd=hunter2xyz;");
        FAIL("connected to a database that does not exist");
    } catch (const ConnectionError& e) {
        const std::string message = e.what();
        CHECK_THAT(message, Catch::Contains("08001") && Catch::Contains("no_such_database"));
        CHECK(message.find("hunter2xyz") == std::string::npos);
    }
    try {
        OdbcConnector connector("Driver={No Such Driver};PWD=hunter2xyz");
        FAIL("connected through a driver that does not exist");
    } catch (const ConnectionError& e) {
        // unixODBC's own diagnostic, as "SQLSTATE: message".
        CHECK_THAT(e.what(), Catch::Matches("[0-9A-Z]{5}: Can't open lib 'No Such Driver'.*"));
        CHECK(std::string(e.what()).find("hunter2xyz") == std::string::npos);
    }
    // A missing SQLite file is not created behind the user's back.
    opsctl::test::TempDir dir;
    CHECK_THROWS_AS(OdbcConnector("Driver={SQLite3};Database=" + dir.file("missing.db")),
                    ConnectionError);
}

TEST_CASE("odbc: a refused connection is retried with backoff, then reported",
          "[integration][odbc]") {
    // Nothing listens on port 1: the server refuses at once, every time.
    const auto start = std::chrono::steady_clock::now();
    try {
        OdbcConnector connector(
            "Driver={PostgreSQL Unicode};Server=127.0.0.1;Port=1;Database=x;Uid=u;Pwd=hunter2xyz;");
        FAIL("connected to a port nothing listens on");
    } catch (const ConnectionError& e) {
        CHECK_THAT(e.what(), Catch::Contains("Connection refused"));
        CHECK(std::string(e.what()).find("hunter2xyz") == std::string::npos);
    }
    // Three attempts with 250 ms and 500 ms between them.
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(700));
}
