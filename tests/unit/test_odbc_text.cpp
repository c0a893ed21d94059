// The pure parts of the ODBC connector: UTF-8 <-> UTF-16, date and timestamp text,
// which SQL types are read how, diagnostics text, the connection string opsctl
// adds its settings to, dialect detection, and odbc: targets with their secrets.

#include <catch2/catch.hpp>
#include <string>

#include "opsctl/connect/odbc_connector.h"
#include "opsctl/connect/odbc_diagnostics.h"
#include "opsctl/connect/odbc_types.h"
#include "opsctl/connect/target.h"
#include "opsctl/core/error.h"

using opsctl::OdbcFetch;

TEST_CASE("odbc: UTF-8 and UTF-16 convert both ways, astral planes included", "[odbc]") {
    for (const std::string text : {"", "plain", "ünïcødé", "配送", "Ωmega 🚚", "𝄞 clef"}) {
        INFO(text);
        CHECK(opsctl::utf16_to_utf8(opsctl::utf8_to_utf16(text)) == text);
    }
    CHECK(opsctl::utf8_to_utf16("🚚") == std::u16string{0xD83D, 0xDE9A});
    CHECK(opsctl::utf8_to_utf16("é") == std::u16string{0x00E9});
    // Broken input becomes U+FFFD instead of garbage or a crash.
    CHECK(opsctl::utf8_to_utf16("a\xC3") == std::u16string{u'a', 0xFFFD});
    CHECK(opsctl::utf16_to_utf8(std::u16string{0xD83D}) == "\xEF\xBF\xBD");
}

TEST_CASE("odbc: dates and timestamps become ISO text", "[odbc]") {
    CHECK(opsctl::format_odbc_date({2026, 11, 26}) == "2026-11-26");
    CHECK(opsctl::format_odbc_date({987, 1, 2}) == "0987-01-02");
    CHECK(opsctl::format_odbc_timestamp({2026, 11, 26, 8, 0, 0, 0}) == "2026-11-26 08:00:00");
    CHECK(opsctl::format_odbc_timestamp({2024, 2, 29, 23, 59, 59, 250000000}) ==
          "2024-02-29 23:59:59.25");
    CHECK(opsctl::format_odbc_timestamp({2024, 2, 29, 23, 59, 59, 123456000}) ==
          "2024-02-29 23:59:59.123456");
    // Below a microsecond is below what opsctl compares.
    CHECK(opsctl::format_odbc_timestamp({2024, 2, 29, 23, 59, 59, 999}) == "2024-02-29 23:59:59");
}

TEST_CASE("odbc: each SQL type is read the way that keeps its value exact", "[odbc]") {
    CHECK(opsctl::odbc_fetch_for(SQL_INTEGER) == OdbcFetch::Integer);
    CHECK(opsctl::odbc_fetch_for(SQL_BIGINT) == OdbcFetch::Integer);
    CHECK(opsctl::odbc_fetch_for(SQL_SMALLINT) == OdbcFetch::Integer);
    CHECK(opsctl::odbc_fetch_for(SQL_DOUBLE) == OdbcFetch::Double);
    CHECK(opsctl::odbc_fetch_for(SQL_FLOAT) == OdbcFetch::Double);
    CHECK(opsctl::odbc_fetch_for(SQL_REAL) == OdbcFetch::Real);
    // Decimals as the driver's text: a double would lose digits.
    CHECK(opsctl::odbc_fetch_for(SQL_DECIMAL) == OdbcFetch::Text);
    CHECK(opsctl::odbc_fetch_for(SQL_NUMERIC) == OdbcFetch::Text);
    CHECK(opsctl::odbc_fetch_for(SQL_TYPE_DATE) == OdbcFetch::Date);
    CHECK(opsctl::odbc_fetch_for(SQL_TYPE_TIMESTAMP) == OdbcFetch::Timestamp);
    CHECK(opsctl::odbc_fetch_for(SQL_BIT) == OdbcFetch::Bit);
    CHECK(opsctl::odbc_fetch_for(SQL_WVARCHAR) == OdbcFetch::Text);
    CHECK(opsctl::odbc_fetch_for(SQL_VARBINARY) == OdbcFetch::Binary);
}

TEST_CASE("odbc: diagnostics read as 'SQLSTATE: message', masked", "[odbc]") {
    CHECK(opsctl::clean_odbc_message(
              "[unixODBC][Driver Manager]Data source name not found and no default driver "
              "specified") == "Data source name not found and no default driver specified");
    CHECK(opsctl::clean_odbc_message(
              "ERROR: relation \"x\" does not exist;\nError while executing") ==
          "relation \"x\" does not exist");
    CHECK(opsctl::format_odbc_diagnostics(
              {{"08001", "could not connect to server"}, {"01000", "a warning"}}, "fallback") ==
          "08001: could not connect to server");
    CHECK(opsctl::format_odbc_diagnostics({}, "the driver refused") == "the driver refused");
    CHECK(opsctl::format_odbc_diagnostics({{"28P01", "login failed for Uid=a;Pwd=s3cret;"}}, "") ==
          "28P01: login failed for Uid=a;Pwd=***;");
}

TEST_CASE("odbc: the dialect comes from SQL_DBMS_NAME", "[odbc]") {
    CHECK(opsctl::dialect_for_dbms("PostgreSQL") == "postgresql");
    CHECK(opsctl::dialect_for_dbms("SQLite") == "sqlite");
    CHECK(opsctl::dialect_for_dbms("Snowflake") == "snowflake");
    CHECK(opsctl::dialect_for_dbms("Microsoft SQL Server").empty());
    CHECK(opsctl::dialect_for_dbms("Trino").empty());  // the user says --dialect trino
}

TEST_CASE("odbc: opsctl's settings for known drivers, the user's keys win", "[odbc]") {
    const std::string pg = opsctl::odbc_connection_string("Driver={PostgreSQL Unicode};Server=db");
    CHECK(pg.rfind("Driver={PostgreSQL Unicode};Server=db;", 0) == 0);
    CHECK_THAT(pg, Catch::Contains("UseDeclareFetch=1;") && Catch::Contains("Fetch=10000;") &&
                       Catch::Contains("CommLog=0;"));
    const std::string own =
        opsctl::odbc_connection_string("Driver={PostgreSQL Unicode};usedeclarefetch=0;Fetch=50");
    CHECK_THAT(own, !Catch::Contains("UseDeclareFetch=1") && !Catch::Contains("Fetch=10000"));
    // A DSN: the driver's name, known once connected, decides.
    CHECK(opsctl::odbc_connection_string("DSN=wh") == "DSN=wh");
    CHECK_THAT(opsctl::odbc_connection_string("DSN=wh", "psqlodbcw.so"),
               Catch::Contains("UseDeclareFetch=1;"));
    CHECK(opsctl::odbc_connection_string("Driver={SQLite3};Database=/x.db;") ==
          "Driver={SQLite3};Database=/x.db;StepAPI=1;NoTXN=1;NoCreat=1;");
    // Drivers opsctl knows nothing of get nothing added.
    CHECK(opsctl::odbc_connection_string("Driver={SnowflakeDSIIDriver};Server=a") ==
          "Driver={SnowflakeDSIIDriver};Server=a");
    // A braced value may hold what looks like a key.
    CHECK_THAT(opsctl::odbc_connection_string("Driver={PostgreSQL Unicode};Pwd={a;Fetch=1}"),
               Catch::Contains("Fetch=10000;"));
}

TEST_CASE("odbc: targets parse, and their passwords never show", "[odbc][secrets]") {
    const opsctl::Target target = opsctl::parse_target(
        "odbc:Driver={PostgreSQL Unicode};Server=db;Uid=ops;Pwd=s3cret;Database=wh");
    CHECK(target.kind == opsctl::TargetKind::Odbc);
    CHECK(target.odbc_connection_string() ==
          "Driver={PostgreSQL Unicode};Server=db;Uid=ops;Pwd=s3cret;Database=wh");
    CHECK(target.describe() ==
          "odbc:Driver={PostgreSQL Unicode};Server=db;Uid=ops;Pwd=***;Database=wh");
    CHECK(target.dialect().empty());  // known once connected
    opsctl::Target overridden = target;
    overridden.dialect_override = "snowflake";
    CHECK(overridden.dialect() == "snowflake");

    CHECK(opsctl::parse_target("odbc:DSN=warehouse").kind == opsctl::TargetKind::Odbc);
    CHECK_THROWS_AS(opsctl::parse_target("odbc:"), opsctl::UsageError);
    CHECK_THROWS_AS(opsctl::parse_target("odbc:warehouse"), opsctl::UsageError);

    const struct {
        const char* text;
        const char* masked;
    } cases[] = {
        {"odbc:PWD=s3cret;Server=x", "odbc:PWD=***;Server=x"},
        {"odbc:DSN=wh;Password=s3cret", "odbc:DSN=wh;Password=***"},
        {"odbc:Driver={x};Pwd={se;cr}}et};Server=db", "odbc:Driver={x};Pwd=***;Server=db"},
        {"odbc:Driver={Snowflake};PRIV_KEY_FILE_PWD=s3cret;UID=a",
         "odbc:Driver={Snowflake};PRIV_KEY_FILE_PWD=***;UID=a"},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        CHECK(opsctl::mask_secrets(c.text) == c.masked);
        CHECK(opsctl::mask_secrets(c.text).find("s3cret") == std::string::npos);
        CHECK(opsctl::mask_secrets(c.text).find("cr}}et") == std::string::npos);
    }
}
