// translate_sql: runbook SQL (Snowflake style) into the target's SQL, with the
// current date and time as literals when an as-of time is given; nothing inside
// strings, quoted identifiers, comments or dollar quotes ever changes.

#include <catch2/catch.hpp>
#include <string>

#include "opsctl/core/timestamp.h"
#include "opsctl/translate/dialect_translator.h"

using opsctl::canonical_date_part;
using opsctl::TranslationError;
using opsctl::TranslationOptions;

namespace {

opsctl::Timestamp as_of() {
    return *opsctl::parse_timestamp("2026-11-26 08:00:00");
}

std::string to(const std::string& target, const std::string& sql, bool with_as_of = false) {
    TranslationOptions options;
    options.target_dialect = target;
    if (with_as_of) options.as_of = as_of();
    return opsctl::translate_sql(sql, options);
}

std::string pg(const std::string& sql, bool with_as_of = false) {
    return to("postgresql", sql, with_as_of);
}
std::string lite(const std::string& sql, bool with_as_of = false) {
    return to("sqlite", sql, with_as_of);
}
std::string snow(const std::string& sql, bool with_as_of = false) {
    return to("snowflake", sql, with_as_of);
}

}  // namespace

TEST_CASE("canonical_date_part maps units and their aliases", "[translate]") {
    CHECK(canonical_date_part("day") == "day");
    CHECK(canonical_date_part("days") == "day");
    CHECK(canonical_date_part("dd") == "day");
    CHECK(canonical_date_part("d") == "day");
    CHECK(canonical_date_part("DAY") == "day");
    CHECK(canonical_date_part("'day'") == "day");
    CHECK(canonical_date_part("'DAYS'") == "day");
    CHECK(canonical_date_part("quarter") == "quarter");
    CHECK(canonical_date_part("q") == "quarter");
    CHECK(canonical_date_part("mm") == "month");
    CHECK(canonical_date_part("mon") == "month");
    CHECK(canonical_date_part("mi") == "minute");
    CHECK(canonical_date_part("wk") == "week");
    CHECK(canonical_date_part("yyyy") == "year");
    CHECK(canonical_date_part("hh") == "hour");
    CHECK(canonical_date_part("sec") == "second");
    CHECK(canonical_date_part("fortnight").empty());
    CHECK(canonical_date_part("").empty());
    CHECK(canonical_date_part("'day").empty());
}

TEST_CASE("CURRENT_DATE() without an as-of time", "[translate]") {
    const std::string sql = "SELECT * FROM t WHERE d = CURRENT_DATE()";
    CHECK(snow(sql) == "SELECT * FROM t WHERE d = CURRENT_DATE()");
    CHECK(pg(sql) == "SELECT * FROM t WHERE d = CURRENT_DATE");
    CHECK(lite(sql) == "SELECT * FROM t WHERE d = CURRENT_DATE");
    // Bare, lower-case, and with space before the parentheses.
    CHECK(pg("SELECT CURRENT_DATE") == "SELECT CURRENT_DATE");
    CHECK(snow("SELECT CURRENT_DATE") == "SELECT CURRENT_DATE()");
    CHECK(pg("SELECT current_date()") == "SELECT CURRENT_DATE");
    CHECK(pg("SELECT CURRENT_DATE ( ) AS d") == "SELECT CURRENT_DATE AS d");
}

TEST_CASE("CURRENT_DATE() with an as-of time becomes a literal", "[translate]") {
    const std::string sql = "SELECT * FROM t WHERE d = CURRENT_DATE()";
    CHECK(snow(sql, true) == "SELECT * FROM t WHERE d = TO_DATE('2026-11-26')");
    CHECK(pg(sql, true) == "SELECT * FROM t WHERE d = DATE '2026-11-26'");
    CHECK(lite(sql, true) == "SELECT * FROM t WHERE d = '2026-11-26'");
    // Bare CURRENT_DATE too.
    CHECK(pg("SELECT CURRENT_DATE AS today", true) == "SELECT DATE '2026-11-26' AS today");
    CHECK(lite("SELECT CURRENT_DATE AS today", true) == "SELECT '2026-11-26' AS today");
    CHECK(snow("SELECT CURRENT_DATE AS today", true) == "SELECT TO_DATE('2026-11-26') AS today");
    CHECK(pg("SELECT current_date, CURRENT_DATE()", true) ==
          "SELECT DATE '2026-11-26', DATE '2026-11-26'");
}

TEST_CASE("CURRENT_TIMESTAMP() with and without an as-of time", "[translate]") {
    const std::string sql = "SELECT CURRENT_TIMESTAMP() AS now";
    CHECK(snow(sql) == "SELECT CURRENT_TIMESTAMP() AS now");
    CHECK(pg(sql) == "SELECT CURRENT_TIMESTAMP AS now");
    CHECK(lite(sql) == "SELECT CURRENT_TIMESTAMP AS now");
    CHECK(snow(sql, true) == "SELECT TO_TIMESTAMP_NTZ('2026-11-26 08:00:00') AS now");
    CHECK(pg(sql, true) == "SELECT TIMESTAMP '2026-11-26 08:00:00' AS now");
    CHECK(lite(sql, true) == "SELECT '2026-11-26 08:00:00' AS now");
    CHECK(pg("SELECT CURRENT_TIMESTAMP", true) == "SELECT TIMESTAMP '2026-11-26 08:00:00'");
    // A precision argument is the warehouse's business: left as written.
    CHECK(pg("SELECT CURRENT_TIMESTAMP(3)", true) == "SELECT CURRENT_TIMESTAMP(3)");
}

TEST_CASE("DATEADD with bare and quoted units", "[translate]") {
    const std::string bare = "SELECT DATEADD(day, -1, CURRENT_DATE())";
    const std::string quoted = "SELECT DATEADD('day', -1, CURRENT_DATE())";
    for (const auto& sql : {bare, quoted}) {
        INFO(sql);
        CHECK(pg(sql) == "SELECT (CURRENT_DATE + (-1) * INTERVAL '1 day')");
        CHECK(pg(sql, true) == "SELECT (DATE '2026-11-26' + (-1) * INTERVAL '1 day')");
        CHECK(lite(sql) == "SELECT DATEADD('day', -1, CURRENT_DATE)");
        CHECK(lite(sql, true) == "SELECT DATEADD('day', -1, '2026-11-26')");
        CHECK(snow(sql) == "SELECT DATEADD('day', -1, CURRENT_DATE())");
        CHECK(snow(sql, true) == "SELECT DATEADD('day', -1, TO_DATE('2026-11-26'))");
    }
    CHECK(pg("SELECT DATEADD(hour, 2, ts) FROM t") ==
          "SELECT (ts + (2) * INTERVAL '1 hour') FROM t");
    CHECK(pg("SELECT DATEADD(minute, -30, CURRENT_TIMESTAMP())", true) ==
          "SELECT (TIMESTAMP '2026-11-26 08:00:00' + (-30) * INTERVAL '1 minute')");
}

TEST_CASE("DATEADD unit aliases: days, dd, quarter", "[translate]") {
    for (const char* unit : {"days", "dd", "DAYS", "'dd'", "Day", "d"}) {
        INFO("unit " << unit);
        const std::string sql = std::string("SELECT DATEADD(") + unit + ", 7, created_at) FROM t";
        CHECK(pg(sql) == "SELECT (created_at + (7) * INTERVAL '1 day') FROM t");
        CHECK(lite(sql) == "SELECT DATEADD('day', 7, created_at) FROM t");
        CHECK(snow(sql) == "SELECT DATEADD('day', 7, created_at) FROM t");
    }
    // PostgreSQL has no quarter interval: three months.
    CHECK(pg("SELECT DATEADD(quarter, -1, d)") == "SELECT (d + (-1) * INTERVAL '3 month')");
    CHECK(pg("SELECT DATEADD(q, 1, d)") == "SELECT (d + (1) * INTERVAL '3 month')");
    CHECK(lite("SELECT DATEADD(quarter, -1, d)") == "SELECT DATEADD('quarter', -1, d)");
    CHECK(pg("SELECT DATEADD(mm, 1, d)") == "SELECT (d + (1) * INTERVAL '1 month')");
    CHECK(pg("SELECT DATEADD(week, 1, d)") == "SELECT (d + (1) * INTERVAL '1 week')");
    CHECK(pg("SELECT dateadd(yy, 1, d)") == "SELECT (d + (1) * INTERVAL '1 year')");
}

TEST_CASE("DATEADD's amount is parenthesised and may hold calls and commas", "[translate]") {
    CHECK(pg("SELECT DATEADD(day, COALESCE(n, 1) + 1, d)") ==
          "SELECT (d + (COALESCE(n, 1) + 1) * INTERVAL '1 day')");
    CHECK(pg("SELECT DATEADD(day, -${days}, d)") == "SELECT (d + (-${days}) * INTERVAL '1 day')");
    CHECK(lite("SELECT DATEADD( day ,  -1 ,  d )") == "SELECT DATEADD('day', -1, d)");
}

TEST_CASE("nested DATEADD(..., DATE_TRUNC(...))", "[translate]") {
    const std::string sql =
        "SELECT * FROM t WHERE d >= DATEADD(month, -1, DATE_TRUNC(month, CURRENT_DATE())) "
        "AND d < DATE_TRUNC('month', CURRENT_DATE())";
    CHECK(pg(sql) ==
          "SELECT * FROM t WHERE d >= (DATE_TRUNC('month', CURRENT_DATE) + (-1) * INTERVAL '1 "
          "month') AND d < DATE_TRUNC('month', CURRENT_DATE)");
    CHECK(pg(sql, true) ==
          "SELECT * FROM t WHERE d >= (DATE_TRUNC('month', DATE '2026-11-26') + (-1) * INTERVAL "
          "'1 month') AND d < DATE_TRUNC('month', DATE '2026-11-26')");
    CHECK(lite(sql, true) ==
          "SELECT * FROM t WHERE d >= DATEADD('month', -1, DATE_TRUNC('month', '2026-11-26')) "
          "AND d < DATE_TRUNC('month', '2026-11-26')");
    CHECK(snow(sql, true) ==
          "SELECT * FROM t WHERE d >= DATEADD('month', -1, DATE_TRUNC('month', "
          "TO_DATE('2026-11-26'))) AND d < DATE_TRUNC('month', TO_DATE('2026-11-26'))");
    // DATEADD inside DATEADD.
    CHECK(pg("SELECT DATEADD(day, 1, DATEADD(week, -2, d))") ==
          "SELECT ((d + (-2) * INTERVAL '1 week') + (1) * INTERVAL '1 day')");
    CHECK(pg("SELECT DATE_TRUNC(quarters, d)") == "SELECT DATE_TRUNC('quarter', d)");
}

TEST_CASE("DATE(x)", "[translate]") {
    const std::string sql = "SELECT COUNT(*) FROM s WHERE DATE(pickup_date) = CURRENT_DATE()";
    CHECK(pg(sql) == "SELECT COUNT(*) FROM s WHERE CAST(pickup_date AS DATE) = CURRENT_DATE");
    CHECK(pg(sql, true) ==
          "SELECT COUNT(*) FROM s WHERE CAST(pickup_date AS DATE) = DATE '2026-11-26'");
    CHECK(lite(sql, true) == "SELECT COUNT(*) FROM s WHERE DATE(pickup_date) = '2026-11-26'");
    CHECK(snow(sql, true) ==
          "SELECT COUNT(*) FROM s WHERE DATE(pickup_date) = TO_DATE('2026-11-26')");
    // The spelling of the name is kept where DATE() stays.
    CHECK(lite("SELECT date(x)") == "SELECT date(x)");
    CHECK(pg("SELECT date(x)") == "SELECT CAST(x AS DATE)");
    CHECK(pg("SELECT DATE(CURRENT_TIMESTAMP())", true) ==
          "SELECT CAST(TIMESTAMP '2026-11-26 08:00:00' AS DATE)");
    CHECK(pg("SELECT DATE(DATEADD(day, -1, ts))") ==
          "SELECT CAST((ts + (-1) * INTERVAL '1 day') AS DATE)");
    // A typed literal is not a call.
    CHECK(pg("SELECT DATE '2026-01-01'") == "SELECT DATE '2026-01-01'");
    // A parenthesis inside a string argument does not end the call.
    CHECK(pg("SELECT DATE(')')") == "SELECT CAST(')' AS DATE)");
}

TEST_CASE("schema.date(x) and other qualified names are untouched", "[translate]") {
    CHECK(pg("SELECT myschema.date(x) FROM t") == "SELECT myschema.date(x) FROM t");
    CHECK(pg("SELECT util.DATEADD(day, 1, x)") == "SELECT util.DATEADD(day, 1, x)");
    CHECK(pg("SELECT t.current_date FROM t", true) == "SELECT t.current_date FROM t");
    CHECK(pg("SELECT myschema . date(x)") == "SELECT myschema . date(x)");
    // An unqualified call next to a qualified one is still rewritten.
    CHECK(pg("SELECT s.date(x), date(y)") == "SELECT s.date(x), CAST(y AS DATE)");
}

TEST_CASE("nothing changes inside string literals", "[translate]") {
    CHECK(pg("SELECT 'CURRENT_DATE()' AS s, CURRENT_DATE()", true) ==
          "SELECT 'CURRENT_DATE()' AS s, DATE '2026-11-26'");
    CHECK(pg("SELECT 'DATEADD(day, 1, x)', 'it''s DATE(x)'") ==
          "SELECT 'DATEADD(day, 1, x)', 'it''s DATE(x)'");
    // Snowflake strings escape quotes with a backslash: the whole text is one string.
    const std::string escaped = "SELECT 'a\\' CURRENT_DATE() b' AS s, CURRENT_DATE()";
    CHECK(pg(escaped, true) == "SELECT 'a\\' CURRENT_DATE() b' AS s, DATE '2026-11-26'");
    // A PostgreSQL variant has no backslash escapes: 'C:\' ends at the second quote.
    TranslationOptions options;
    options.source_dialect = "postgresql";
    options.target_dialect = "postgresql";
    options.as_of = as_of();
    CHECK(opsctl::translate_sql("SELECT 'C:\\' AS p, CURRENT_DATE()", options) ==
          "SELECT 'C:\\' AS p, DATE '2026-11-26'");
}

TEST_CASE("nothing changes inside quoted identifiers", "[translate]") {
    CHECK(pg("SELECT \"CURRENT_DATE\", \"DATE(x)\" FROM t", true) ==
          "SELECT \"CURRENT_DATE\", \"DATE(x)\" FROM t");
    CHECK(lite("SELECT `CURRENT_TIMESTAMP()` FROM t", true) ==
          "SELECT `CURRENT_TIMESTAMP()` FROM t");
    CHECK(pg("SELECT \"a\"\"CURRENT_DATE\" FROM t", true) == "SELECT \"a\"\"CURRENT_DATE\" FROM t");
}

TEST_CASE("nothing changes inside comments", "[translate]") {
    CHECK(pg("SELECT 1 -- as of CURRENT_DATE()\n, CURRENT_DATE()", true) ==
          "SELECT 1 -- as of CURRENT_DATE()\n, DATE '2026-11-26'");
    CHECK(pg("SELECT /* DATEADD(day, 1, x) and DATE(y) */ DATE(z)") ==
          "SELECT /* DATEADD(day, 1, x) and DATE(y) */ CAST(z AS DATE)");
    // A parenthesis in a comment inside a call does not end the call.
    CHECK(pg("SELECT DATE(x -- closing ) here\n)") == "SELECT CAST(x -- closing ) here AS DATE)");
    CHECK(pg("SELECT 1 -- CURRENT_DATE() to the end", true) ==
          "SELECT 1 -- CURRENT_DATE() to the end");
    // A comment where the unit is written does not hide the unit.
    CHECK(pg("SELECT DATEADD(/* unit */ day, 1, d)") == "SELECT (d + (1) * INTERVAL '1 day')");
}

TEST_CASE("nothing changes inside dollar quotes", "[translate]") {
    CHECK(pg("SELECT $$CURRENT_DATE() and DATE(x)$$, CURRENT_DATE()", true) ==
          "SELECT $$CURRENT_DATE() and DATE(x)$$, DATE '2026-11-26'");
    CHECK(pg("SELECT $fn$ DATEADD(fortnight, 1, x $fn$ AS body") ==
          "SELECT $fn$ DATEADD(fortnight, 1, x $fn$ AS body");
}

TEST_CASE("text without dates passes through unchanged", "[translate]") {
    for (const char* sql :
         {"SELECT table_name, minutes_since_sync FROM vw_data_freshness_monitoring",
          "SHOW WAREHOUSES", "", "SELECT a.b, \"c\" FROM d WHERE e IN ('f', 'g') -- h\n",
          "SELECT dates, date_col, updated FROM t", "SELECT 1.5e3, x::date FROM t"}) {
        INFO(sql);
        CHECK(pg(sql, true) == sql);
        CHECK(lite(sql, true) == sql);
        CHECK(snow(sql, true) == sql);
    }
}

TEST_CASE("an unknown date part throws TranslationError", "[translate]") {
    CHECK_THROWS_MATCHES(pg("SELECT DATEADD(fortnight, 1, d)"), TranslationError,
                         Catch::Message("DATEADD: unknown date part fortnight (year, quarter, "
                                        "month, week, day, hour, minute, second)"));
    CHECK_THROWS_MATCHES(lite("SELECT DATE_TRUNC('decade', d)"), TranslationError,
                         Catch::Message("DATE_TRUNC: unknown date part 'decade' (year, quarter, "
                                        "month, week, day, hour, minute, second)"));
    // Nested calls are checked too.
    CHECK_THROWS_AS(snow("SELECT DATEADD(day, 1, DATE_TRUNC(eon, d))"), TranslationError);
}

TEST_CASE("an unclosed call throws TranslationError", "[translate]") {
    CHECK_THROWS_MATCHES(pg("SELECT DATEADD(day, 1, d"), TranslationError,
                         Catch::Message("DATEADD( is never closed"));
    CHECK_THROWS_MATCHES(pg("SELECT DATE(d"), TranslationError,
                         Catch::Message("DATE( is never closed"));
    CHECK_THROWS_MATCHES(pg("SELECT CURRENT_DATE("), TranslationError,
                         Catch::Message("CURRENT_DATE( is never closed"));
    // The closing parenthesis inside a string or comment does not count.
    CHECK_THROWS_AS(pg("SELECT DATE_TRUNC(month, ')'"), TranslationError);
    CHECK_THROWS_AS(pg("SELECT DATE(x /* ) */"), TranslationError);
}

TEST_CASE("a call with the wrong number of arguments throws TranslationError", "[translate]") {
    CHECK_THROWS_MATCHES(pg("SELECT DATEADD(day, 1)"), TranslationError,
                         Catch::Message("DATEADD takes 3 arguments, found 2"));
    CHECK_THROWS_MATCHES(pg("SELECT DATE_TRUNC(month)"), TranslationError,
                         Catch::Message("DATE_TRUNC takes 2 arguments, found 1"));
    CHECK_THROWS_MATCHES(pg("SELECT DATE()"), TranslationError,
                         Catch::Message("DATE takes 1 arguments, found 0"));
}
