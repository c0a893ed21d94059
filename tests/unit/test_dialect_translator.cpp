// translate_sql: runbook SQL (Snowflake style) into the target's SQL, with the
// current date and time as literals when an as-of time is given; nothing inside
// strings, quoted identifiers, comments or dollar quotes ever changes.

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "opsctl/core/timestamp.h"
#include "opsctl/translate/dialect.h"
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
    // Without an as-of time a precision argument is the warehouse's business.
    CHECK(pg("SELECT CURRENT_TIMESTAMP(3)") == "SELECT CURRENT_TIMESTAMP(3)");
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

// ---- dialects as data -------------------------------------------------------------

TEST_CASE("dialect names: postgres is postgresql, bigquery is not offered", "[translate]") {
    CHECK(opsctl::canonical_dialect("postgres") == "postgresql");
    CHECK(opsctl::canonical_dialect("postgresql") == "postgresql");
    CHECK(opsctl::canonical_dialect("trino") == "trino");
    CHECK(opsctl::is_known_dialect("postgres"));
    CHECK_FALSE(opsctl::is_known_dialect("bigquery"));
    CHECK_FALSE(opsctl::is_known_dialect("Postgres"));
    const auto& names = opsctl::known_dialects();
    CHECK(std::find(names.begin(), names.end(), "postgres") == names.end());
    CHECK(names.size() == opsctl::dialect_tables().size());
    CHECK(to("postgres", "SELECT DATE(x)") == "SELECT CAST(x AS DATE)");
    CHECK_THROWS_MATCHES(to("bigquery", "SELECT 1"), TranslationError,
                         Catch::Message("unknown dialect \"bigquery\""));
}

TEST_CASE("every dialect's table has every spelling and every unit", "[translate]") {
    for (const opsctl::Dialect& dialect : opsctl::dialect_tables()) {
        INFO(dialect.name);
        CHECK_FALSE(dialect.current_date.empty());
        CHECK_FALSE(dialect.current_timestamp.empty());
        CHECK_FALSE(dialect.date_literal.empty());
        CHECK_FALSE(dialect.timestamp_literal.empty());
        CHECK_FALSE(dialect.cast_to_date.empty());
        for (size_t i = 0; i < opsctl::kDateParts.size(); ++i) {
            INFO(opsctl::kDateParts[i]);
            CHECK_FALSE(dialect.add_units[i].empty());
            CHECK_FALSE(dialect.trunc_units[i].empty());
        }
        // Every clock it names is replaced under --as-of (or refused), never kept.
        for (const opsctl::Clock& clock : dialect.clocks) {
            INFO(clock.name);
            const std::string arguments = (clock.forms & opsctl::kBare)          ? ""
                                          : (clock.forms & opsctl::kOneArgument) ? "(x)"
                                                                                 : "()";
            const std::string sql = "SELECT " + std::string(clock.name) + arguments;
            if (clock.value == opsctl::ClockValue::Unpinnable) {
                CHECK_THROWS_AS(to(std::string(dialect.name), sql, true), TranslationError);
            } else {
                TranslationOptions options;
                options.source_dialect = std::string(dialect.name);
                options.target_dialect = std::string(dialect.name);
                options.as_of = as_of();
                const std::string out = opsctl::translate_sql(sql, options);
                CHECK(out.find(std::string(clock.name)) == std::string::npos);
            }
        }
    }
}

namespace {

// The runbook vocabulary in one statement: a window start, a cast, the clocks.
const std::string kWindow =
    "SELECT DATEADD(day, -7, CURRENT_DATE()), DATEADD(quarter, 1, d), DATEADD(week, -2, ts), "
    "DATE_TRUNC(week, ts), DATE_TRUNC('quarter', d), DATE(ts), CURRENT_TIMESTAMP()";

}  // namespace

TEST_CASE("Trino: date_add, date_trunc, current_date, CAST, typed literals", "[translate]") {
    CHECK(to("trino", kWindow) ==
          "SELECT date_add('day', -7, current_date), date_add('quarter', 1, d), "
          "date_add('week', -2, ts), date_trunc('week', ts), date_trunc('quarter', d), "
          "CAST(ts AS DATE), current_timestamp");
    CHECK(to("trino", kWindow, true) ==
          "SELECT date_add('day', -7, DATE '2026-11-26'), date_add('quarter', 1, d), "
          "date_add('week', -2, ts), date_trunc('week', ts), date_trunc('quarter', d), "
          "CAST(ts AS DATE), TIMESTAMP '2026-11-26 08:00:00'");
    CHECK(to("trino", "SELECT DATEADD(hour, -1, CURRENT_TIMESTAMP())") ==
          "SELECT date_add('hour', -1, current_timestamp)");
}

TEST_CASE("PostgreSQL: intervals (a quarter is 3 months), DATE_TRUNC, CAST", "[translate]") {
    CHECK(pg(kWindow, true) ==
          "SELECT (DATE '2026-11-26' + (-7) * INTERVAL '1 day'), (d + (1) * INTERVAL '3 month'), "
          "(ts + (-2) * INTERVAL '1 week'), DATE_TRUNC('week', ts), DATE_TRUNC('quarter', d), "
          "CAST(ts AS DATE), TIMESTAMP '2026-11-26 08:00:00'");
}

TEST_CASE("DuckDB: interval arithmetic with parenthesised amounts", "[translate]") {
    CHECK(to("duckdb", kWindow) ==
          "SELECT (current_date + INTERVAL (-7) DAY), (d + INTERVAL (3 * (1)) MONTH), "
          "(ts + INTERVAL (7 * (-2)) DAY), date_trunc('week', ts), date_trunc('quarter', d), "
          "CAST(ts AS DATE), current_timestamp");
    CHECK(to("duckdb", "SELECT CURRENT_DATE()", true) == "SELECT DATE '2026-11-26'");
}

TEST_CASE("Redshift: DATEADD with a bare part, GETDATE(), cast literals", "[translate]") {
    CHECK(to("redshift", kWindow) ==
          "SELECT DATEADD(day, -7, CURRENT_DATE), DATEADD(quarter, 1, d), DATEADD(week, -2, ts), "
          "DATE_TRUNC('week', ts), DATE_TRUNC('quarter', d), CAST(ts AS DATE), GETDATE()");
    CHECK(to("redshift", "SELECT CURRENT_DATE(), CURRENT_TIMESTAMP()", true) ==
          "SELECT CAST('2026-11-26' AS DATE), CAST('2026-11-26 08:00:00' AS TIMESTAMP)");
}

TEST_CASE("Databricks: timestampadd and date_trunc with upper-case units", "[translate]") {
    CHECK(to("databricks", kWindow) ==
          "SELECT timestampadd(DAY, -7, current_date()), timestampadd(QUARTER, 1, d), "
          "timestampadd(WEEK, -2, ts), date_trunc('WEEK', ts), date_trunc('QUARTER', d), "
          "CAST(ts AS DATE), current_timestamp()");
    CHECK(to("databricks", "SELECT CURRENT_DATE(), CURRENT_TIMESTAMP()", true) ==
          "SELECT DATE '2026-11-26', TIMESTAMP '2026-11-26 08:00:00'");
}

TEST_CASE("SQL Server: DATEADD, DATETRUNC with iso_week, GETDATE()", "[translate]") {
    CHECK(to("sqlserver", kWindow) ==
          "SELECT DATEADD(day, -7, CAST(GETDATE() AS DATE)), DATEADD(quarter, 1, d), "
          "DATEADD(week, -2, ts), DATETRUNC(iso_week, ts), DATETRUNC(quarter, d), "
          "CAST(ts AS DATE), GETDATE()");
    CHECK(to("sqlserver", "SELECT CURRENT_DATE(), CURRENT_TIMESTAMP()", true) ==
          "SELECT CAST('2026-11-26' AS DATE), CAST('2026-11-26 08:00:00' AS DATETIME2)");
}

TEST_CASE("MySQL: DATE_ADD with INTERVAL, truncation from the value's fields", "[translate]") {
    CHECK(to("mysql", kWindow) ==
          "SELECT DATE_ADD(CURRENT_DATE, INTERVAL (-7) DAY), DATE_ADD(d, INTERVAL (1) QUARTER), "
          "DATE_ADD(ts, INTERVAL (-2) WEEK), DATE_SUB(CAST(ts AS DATE), INTERVAL WEEKDAY(ts) DAY), "
          "DATE_ADD(MAKEDATE(YEAR(d), 1), INTERVAL (QUARTER(d) - 1) QUARTER), CAST(ts AS DATE), "
          "CURRENT_TIMESTAMP");
    CHECK(to("mysql", "SELECT DATE_TRUNC(month, d), DATE_TRUNC(hour, ts)") ==
          "SELECT DATE_SUB(CAST(d AS DATE), INTERVAL (DAYOFMONTH(d) - 1) DAY), "
          "CAST(DATE_FORMAT(ts, '%Y-%m-%d %H:00:00') AS DATETIME)");
}

TEST_CASE("ClickHouse: add* and toStartOf* functions, a UTC DateTime literal", "[translate]") {
    CHECK(to("clickhouse", kWindow) ==
          "SELECT addDays(today(), -7), addQuarters(d, 1), addWeeks(ts, -2), toMonday(ts), "
          "toStartOfQuarter(d), toDate(ts), now()");
    CHECK(to("clickhouse", "SELECT CURRENT_DATE(), CURRENT_TIMESTAMP()", true) ==
          "SELECT toDate('2026-11-26'), toDateTime('2026-11-26 08:00:00', 'UTC')");
}

// ---- one clock --------------------------------------------------------------------

TEST_CASE("with --as-of every PostgreSQL clock becomes the literal", "[translate][clock]") {
    const std::string stamp = "TIMESTAMP '2026-11-26 08:00:00'";
    for (const char* clock :
         {"now()", "NOW ( )", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP(3)", "current_timestamp (0)",
          "LOCALTIMESTAMP", "LOCALTIMESTAMP(2)", "transaction_timestamp()", "statement_timestamp()",
          "clock_timestamp()"}) {
        INFO(clock);
        CHECK(pg(std::string("SELECT ") + clock + " AS t", true) == "SELECT " + stamp + " AS t");
    }
    CHECK(pg("SELECT CURRENT_TIME, LOCALTIME, localtime(3)", true) ==
          "SELECT TIME '08:00:00', TIME '08:00:00', TIME '08:00:00'");
    // The example: two clocks in one statement become one.
    CHECK(pg("SELECT now() AS t, CURRENT_TIMESTAMP AS u", true) ==
          "SELECT " + stamp + " AS t, " + stamp + " AS u");
}

TEST_CASE("the source dialect's clocks are pinned too", "[translate][clock]") {
    // Snowflake's SYSDATE(), GETDATE(), SYSTIMESTAMP() in a runbook run on PostgreSQL.
    CHECK(pg("SELECT SYSDATE(), GETDATE(), SYSTIMESTAMP(), LOCALTIMESTAMP()", true) ==
          "SELECT TIMESTAMP '2026-11-26 08:00:00', TIMESTAMP '2026-11-26 08:00:00', "
          "TIMESTAMP '2026-11-26 08:00:00', TIMESTAMP '2026-11-26 08:00:00'");
    CHECK(snow("SELECT SYSDATE(), GETDATE(), CURRENT_TIME()", true) ==
          "SELECT TO_TIMESTAMP_NTZ('2026-11-26 08:00:00'), "
          "TO_TIMESTAMP_NTZ('2026-11-26 08:00:00'), TO_TIME('08:00:00')");
}

TEST_CASE("without --as-of clocks are left alone", "[translate][clock]") {
    for (const char* sql : {"SELECT now(), LOCALTIMESTAMP, clock_timestamp(), timeofday()",
                            "SELECT 'now'::timestamp, CURRENT_TIMESTAMP(3)",
                            "SELECT CURRENT_TIMESTAMP AT TIME ZONE 'UTC'"}) {
        INFO(sql);
        CHECK(pg(sql) == sql);
    }
    CHECK(to("mysql", "SELECT NOW(), SYSDATE(), UNIX_TIMESTAMP()") ==
          "SELECT NOW(), SYSDATE(), UNIX_TIMESTAMP()");
    CHECK(lite("SELECT date('now'), strftime('%s', 'now')") ==
          "SELECT date('now'), strftime('%s', 'now')");
}

TEST_CASE("a clock that cannot be pinned is refused, naming it", "[translate][clock]") {
    CHECK_THROWS_MATCHES(pg("SELECT timeofday()", true), TranslationError,
                         Catch::Message("TIMEOFDAY reads the server's clock and cannot be pinned "
                                        "to the as-of time; use CURRENT_TIMESTAMP"));
    CHECK_THROWS_WITH(pg("SELECT CURRENT_TIMESTAMP AT TIME ZONE 'UTC'", true),
                      Catch::Contains("CURRENT_TIMESTAMP AT TIME ZONE"));
    CHECK_THROWS_AS(pg("SELECT now() at time zone 'Europe/Paris'", true), TranslationError);
    for (const char* sql :
         {"SELECT 'now'::timestamp", "SELECT 'NOW' :: timestamptz", "SELECT 'today'::date",
          "SELECT DATE 'today'", "SELECT TIMESTAMP 'tomorrow'", "SELECT CAST('now' AS timestamp)",
          "SELECT timestamp with time zone 'now'", "SELECT ' yesterday '::date"}) {
        INFO(sql);
        CHECK_THROWS_WITH(pg(sql, true), Catch::Contains("reads the server's clock"));
    }
    CHECK_THROWS_AS(to("redshift", "SELECT TIMEOFDAY()", true), TranslationError);
    // age(x) measures from today's midnight; age(today, x) is the pinnable spelling.
    CHECK_THROWS_MATCHES(pg("SELECT age(ts) FROM t", true), TranslationError,
                         Catch::Message("AGE reads the server's clock and cannot be pinned to the "
                                        "as-of time; use AGE(CURRENT_DATE, x)"));
    CHECK(pg("SELECT age(CURRENT_DATE, ts), age FROM t", true) ==
          "SELECT age(DATE '2026-11-26', ts), age FROM t");
    CHECK(pg("SELECT age(ts) FROM t") == "SELECT age(ts) FROM t");
    CHECK_THROWS_WITH(to("sqlserver", "SELECT SYSDATETIMEOFFSET()", true),
                      Catch::Contains("SYSDATETIMEOFFSET"));
    CHECK_THROWS_WITH(to("clickhouse", "SELECT now('UTC')", true),
                      Catch::Contains("NOW(...) reads the clock with arguments"));
}

TEST_CASE("identifiers and strings that merely say now are not clocks", "[translate][clock]") {
    for (const char* sql :
         {"SELECT \"now\", \"CURRENT_DATE\" FROM t", "SELECT now FROM t WHERE now > 1",
          "SELECT s.now() FROM t", "SELECT now.x FROM now", "SELECT * FROM t WHERE status = 'now'",
          "SELECT 'now' AS label, 'now'::text", "SELECT sysdate, getdate FROM t",
          "SELECT CAST('now' AS text)", "SELECT localtimestamp_col FROM t"}) {
        INFO(sql);
        CHECK(pg(sql, true) == sql);
    }
    // SQLite: 'now' outside a date function is a string.
    CHECK(lite("SELECT * FROM t WHERE status = 'now' OR note = upper('now')", true) ==
          "SELECT * FROM t WHERE status = 'now' OR note = upper('now')");
}

TEST_CASE("SQLite: 'now' in the date functions, CURRENT_TIME, date()", "[translate][clock]") {
    const std::string now = "'2026-11-26 08:00:00'";
    CHECK(lite("SELECT date('now'), datetime('now', '-1 day'), julianday('NOW')", true) ==
          "SELECT date(" + now + "), datetime(" + now + ", '-1 day'), julianday(" + now + ")");
    CHECK(lite("SELECT strftime('%s', 'now'), unixepoch('now'), time('now', 'localtime')", true) ==
          "SELECT strftime('%s', " + now + "), unixepoch(" + now + "), time(" + now +
              ", 'localtime')");
    // With no time value these functions read the clock too.
    CHECK(lite("SELECT date(), unixepoch(), strftime('%Y')", true) ==
          "SELECT date(" + now + "), unixepoch(" + now + "), strftime('%Y', " + now + ")");
    CHECK(lite("SELECT CURRENT_TIME, CURRENT_DATE, CURRENT_TIMESTAMP", true) ==
          "SELECT '08:00:00', '2026-11-26', " + now);
    // strftime() without its format is no clock (found by fuzzing: it became a
    // format, and a second translation added a time value).
    CHECK(lite("SELECT strftime()", true) == "SELECT strftime()");
    // A format that happens to be 'now' is not a time value; a column is no clock.
    CHECK(lite("SELECT strftime('now', d), date(d, '+1 day')", true) ==
          "SELECT strftime('now', d), date(d, '+1 day')");
    // The clock inside a DATEADD is pinned as well.
    CHECK(lite("SELECT DATEADD(day, -1, date('now'))", true) ==
          "SELECT DATEADD('day', -1, date(" + now + "))");
}

TEST_CASE("MySQL, SQL Server, ClickHouse, Databricks, Redshift, DuckDB clocks",
          "[translate][clock]") {
    const auto same = [](const std::string& dialect, const std::string& sql) {
        TranslationOptions options;
        options.source_dialect = dialect;
        options.target_dialect = dialect;
        options.as_of = as_of();
        return opsctl::translate_sql(sql, options);
    };
    CHECK(same("mysql",
               "SELECT NOW(), NOW(3), SYSDATE(), UTC_TIMESTAMP(), UTC_TIMESTAMP, "
               "CURDATE(), CURTIME(), UNIX_TIMESTAMP(), UNIX_TIMESTAMP(ts)") ==
          "SELECT TIMESTAMP '2026-11-26 08:00:00', TIMESTAMP '2026-11-26 08:00:00', "
          "TIMESTAMP '2026-11-26 08:00:00', TIMESTAMP '2026-11-26 08:00:00', "
          "TIMESTAMP '2026-11-26 08:00:00', DATE '2026-11-26', TIME '08:00:00', 1795680000, "
          "UNIX_TIMESTAMP(ts)");
    CHECK(same("sqlserver",
               "SELECT GETDATE(), GETUTCDATE(), SYSDATETIME(), SYSUTCDATETIME(), "
               "CURRENT_TIMESTAMP") ==
          "SELECT CAST('2026-11-26 08:00:00' AS DATETIME2), CAST('2026-11-26 08:00:00' AS "
          "DATETIME2), CAST('2026-11-26 08:00:00' AS DATETIME2), CAST('2026-11-26 08:00:00' AS "
          "DATETIME2), CAST('2026-11-26 08:00:00' AS DATETIME2)");
    CHECK(same("clickhouse", "SELECT today(), yesterday(), now(), now64(3), UTCTimestamp()") ==
          "SELECT toDate('2026-11-26'), toDate('2026-11-25'), toDateTime('2026-11-26 08:00:00', "
          "'UTC'), toDateTime('2026-11-26 08:00:00', 'UTC'), toDateTime('2026-11-26 08:00:00', "
          "'UTC')");
    CHECK(same("databricks",
               "SELECT current_date, curdate(), now(), localtimestamp, "
               "unix_timestamp(), unix_timestamp(ts)") ==
          "SELECT DATE '2026-11-26', DATE '2026-11-26', TIMESTAMP '2026-11-26 08:00:00', "
          "TIMESTAMP '2026-11-26 08:00:00', 1795680000, unix_timestamp(ts)");
    CHECK(same("redshift", "SELECT GETDATE(), SYSDATE, CURRENT_DATE") ==
          "SELECT CAST('2026-11-26 08:00:00' AS TIMESTAMP), CAST('2026-11-26 08:00:00' AS "
          "TIMESTAMP), CAST('2026-11-26' AS DATE)");
    CHECK(same("duckdb", "SELECT today(), get_current_timestamp(), transaction_timestamp()") ==
          "SELECT DATE '2026-11-26', TIMESTAMP '2026-11-26 08:00:00', "
          "TIMESTAMP '2026-11-26 08:00:00'");
    CHECK(same("trino", "SELECT now(), localtimestamp(3), current_time") ==
          "SELECT TIMESTAMP '2026-11-26 08:00:00', TIMESTAMP '2026-11-26 08:00:00', "
          "TIME '08:00:00'");
}
