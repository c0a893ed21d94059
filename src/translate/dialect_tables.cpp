// The dialects opsctl translates runbook SQL into: one table each, checked against
// the engine's own function reference (see the commit that added each). A week is
// the ISO week (Monday) everywhere, as DATE_TRUNC('week', x) means in Snowflake,
// PostgreSQL and Trino. BigQuery is not here: its date functions depend on the
// type of their argument (DATE_ADD only takes a DATE, TIMESTAMP_ADD no months), so
// DATEADD(unit, n, x) has no spelling there without knowing what x is.
#include "opsctl/translate/dialect.h"

namespace opsctl {

namespace {

// The date parts spelled as runbooks spell them.
constexpr Units kLowerUnits{"year", "quarter", "month", "week", "day", "hour", "minute", "second"};
constexpr Units kUpperUnits{"YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND"};

constexpr unsigned kEither = kBare | kCall;

Dialect snowflake() {
    return {
        "snowflake",
        {},
        true,
        "CURRENT_DATE()",
        "CURRENT_TIMESTAMP()",
        "TO_DATE('{value}')",
        "TO_TIMESTAMP_NTZ('{value}')",
        "TO_TIME('{value}')",
        "{name}({x})",
        "DATEADD('{unit}', {n}, {x})",
        kLowerUnits,
        "DATE_TRUNC('{unit}', {x})",
        kLowerUnits,
        {
            {"CURRENT_DATE", ClockValue::Date, kEither},
            {"CURRENT_TIMESTAMP", ClockValue::Timestamp, kEither | kPrecision},
            {"CURRENT_TIME", ClockValue::Time, kEither | kPrecision},
            {"LOCALTIMESTAMP", ClockValue::Timestamp, kEither | kPrecision},
            {"LOCALTIME", ClockValue::Time, kEither},
            {"GETDATE", ClockValue::Timestamp, kCall},
            {"SYSDATE", ClockValue::Timestamp, kCall},
            {"SYSTIMESTAMP", ClockValue::Timestamp, kCall},
        },
        {},
        false,
    };
}

Dialect postgresql() {
    return {
        "postgresql",
        {"postgres"},
        false,
        "CURRENT_DATE",
        "CURRENT_TIMESTAMP",
        "DATE '{value}'",
        "TIMESTAMP '{value}'",
        "TIME '{value}'",
        "CAST({x} AS DATE)",
        // No quarter interval: three months.
        "({x} + ({n}) * INTERVAL '{unit}')",
        {"1 year", "3 month", "1 month", "1 week", "1 day", "1 hour", "1 minute", "1 second"},
        "DATE_TRUNC('{unit}', {x})",
        kLowerUnits,
        {
            {"CURRENT_DATE", ClockValue::Date, kBare},
            {"CURRENT_TIMESTAMP", ClockValue::Timestamp, kBare | kPrecision},
            {"CURRENT_TIME", ClockValue::Time, kBare | kPrecision},
            {"LOCALTIMESTAMP", ClockValue::Timestamp, kBare | kPrecision},
            {"LOCALTIME", ClockValue::Time, kBare | kPrecision},
            {"NOW", ClockValue::Timestamp, kCall},
            {"TRANSACTION_TIMESTAMP", ClockValue::Timestamp, kCall},
            {"STATEMENT_TIMESTAMP", ClockValue::Timestamp, kCall},
            {"CLOCK_TIMESTAMP", ClockValue::Timestamp, kCall},
            {"TIMEOFDAY", ClockValue::Unpinnable, kCall},
            {"AGE", ClockValue::Unpinnable, kOneArgument, "AGE(CURRENT_DATE, x)"},
        },
        {},
        true,
    };
}

// opsctl registers DATEADD and DATE_TRUNC in every SQLite connection it opens
// (connect/sqlite_functions); dates are ISO-8601 text.
Dialect sqlite() {
    return {
        "sqlite",
        {},
        false,
        "CURRENT_DATE",
        "CURRENT_TIMESTAMP",
        "'{value}'",
        "'{value}'",
        "'{value}'",
        "{name}({x})",
        "DATEADD('{unit}', {n}, {x})",
        kLowerUnits,
        "DATE_TRUNC('{unit}', {x})",
        kLowerUnits,
        {
            {"CURRENT_DATE", ClockValue::Date, kBare},
            {"CURRENT_TIMESTAMP", ClockValue::Timestamp, kBare},
            {"CURRENT_TIME", ClockValue::Time, kBare},
        },
        {
            {"DATE", 0, true},
            {"TIME", 0, true},
            {"DATETIME", 0, true},
            {"JULIANDAY", 0, true},
            {"UNIXEPOCH", 0, true},
            {"STRFTIME", 1, true},
            {"TIMEDIFF", 0, false},
        },
        false,
    };
}

Dialect trino() {
    return {
        "trino",
        {},
        false,
        "current_date",
        "current_timestamp",
        "DATE '{value}'",
        "TIMESTAMP '{value}'",
        "TIME '{value}'",
        "CAST({x} AS DATE)",
        "date_add('{unit}', {n}, {x})",
        kLowerUnits,
        "date_trunc('{unit}', {x})",
        kLowerUnits,
        {
            {"CURRENT_DATE", ClockValue::Date, kBare},
            {"CURRENT_TIMESTAMP", ClockValue::Timestamp, kBare | kPrecision},
            {"CURRENT_TIME", ClockValue::Time, kBare | kPrecision},
            {"LOCALTIMESTAMP", ClockValue::Timestamp, kBare | kPrecision},
            {"LOCALTIME", ClockValue::Time, kBare | kPrecision},
            {"NOW", ClockValue::Timestamp, kCall},
        },
        {},
        false,
    };
}

Dialect databricks() {
    return {
        "databricks",
        {},
        true,
        "current_date()",
        "current_timestamp()",
        "DATE '{value}'",
        "TIMESTAMP '{value}'",
        "",
        "CAST({x} AS DATE)",
        "timestampadd({unit}, {n}, {x})",
        kUpperUnits,
        "date_trunc('{unit}', {x})",
        kUpperUnits,
        {
            {"CURRENT_DATE", ClockValue::Date, kEither},
            {"CURDATE", ClockValue::Date, kCall},
            {"CURRENT_TIMESTAMP", ClockValue::Timestamp, kEither},
            {"NOW", ClockValue::Timestamp, kCall},
            {"LOCALTIMESTAMP", ClockValue::Timestamp, kEither},
            {"UNIX_TIMESTAMP", ClockValue::UnixSeconds, kCall | kArgsNotAClock},
        },
        {},
        false,
    };
}

// DATETRUNC needs SQL Server 2022 or Azure SQL; a week is iso_week (Monday), not
// week, which follows @@DATEFIRST (Sunday in us_english).
Dialect sqlserver() {
    return {
        "sqlserver",
        {},
        false,
        "CAST(GETDATE() AS DATE)",
        "GETDATE()",
        "CAST('{value}' AS DATE)",
        "CAST('{value}' AS DATETIME2)",
        "CAST('{value}' AS TIME)",
        "CAST({x} AS DATE)",
        "DATEADD({unit}, {n}, {x})",
        kLowerUnits,
        "DATETRUNC({unit}, {x})",
        {"year", "quarter", "month", "iso_week", "day", "hour", "minute", "second"},
        {
            {"CURRENT_DATE", ClockValue::Date, kBare},
            {"CURRENT_TIMESTAMP", ClockValue::Timestamp, kBare},
            {"GETDATE", ClockValue::Timestamp, kCall},
            {"GETUTCDATE", ClockValue::Timestamp, kCall},
            {"SYSDATETIME", ClockValue::Timestamp, kCall},
            {"SYSUTCDATETIME", ClockValue::Timestamp, kCall},
            {"SYSDATETIMEOFFSET", ClockValue::Unpinnable, kCall},
        },
        {},
        false,
    };
}

// ClickHouse: functions by name (case-sensitive); a DateTime literal is an instant,
// so the as-of time is given in UTC.
Dialect clickhouse() {
    return {
        "clickhouse",
        {},
        true,
        "today()",
        "now()",
        "toDate('{value}')",
        "toDateTime('{value}', 'UTC')",
        "",
        "toDate({x})",
        "{unit}",
        {"addYears({x}, {n})", "addQuarters({x}, {n})", "addMonths({x}, {n})", "addWeeks({x}, {n})",
         "addDays({x}, {n})", "addHours({x}, {n})", "addMinutes({x}, {n})", "addSeconds({x}, {n})"},
        "{unit}",
        {"toStartOfYear({x})", "toStartOfQuarter({x})", "toStartOfMonth({x})", "toMonday({x})",
         "toStartOfDay({x})", "toStartOfHour({x})", "toStartOfMinute({x})",
         "toStartOfInterval({x}, INTERVAL 1 SECOND)"},
        {
            {"TODAY", ClockValue::Date, kCall},
            {"CURDATE", ClockValue::Date, kCall},
            {"CURRENT_DATE", ClockValue::Date, kCall},
            {"YESTERDAY", ClockValue::Yesterday, kCall},
            {"NOW", ClockValue::Timestamp, kCall},
            {"CURRENT_TIMESTAMP", ClockValue::Timestamp, kCall},
            {"NOW64", ClockValue::Timestamp, kCall | kPrecision},
            {"NOWINBLOCK", ClockValue::Timestamp, kCall},
            {"UTCTIMESTAMP", ClockValue::Timestamp, kCall},
            {"UTC_TIMESTAMP", ClockValue::Timestamp, kCall},
        },
        {},
        false,
    };
}

Dialect duckdb() {
    return {
        "duckdb",
        {},
        false,
        "current_date",
        "current_timestamp",
        "DATE '{value}'",
        "TIMESTAMP '{value}'",
        "TIME '{value}'",
        "CAST({x} AS DATE)",
        // A variable amount needs its parentheses: INTERVAL (n) DAY.
        "({x} + {unit})",
        {"INTERVAL ({n}) YEAR", "INTERVAL (3 * ({n})) MONTH", "INTERVAL ({n}) MONTH",
         "INTERVAL (7 * ({n})) DAY", "INTERVAL ({n}) DAY", "INTERVAL ({n}) HOUR",
         "INTERVAL ({n}) MINUTE", "INTERVAL ({n}) SECOND"},
        "date_trunc('{unit}', {x})",
        kLowerUnits,
        {
            {"CURRENT_DATE", ClockValue::Date, kBare},
            {"CURRENT_TIMESTAMP", ClockValue::Timestamp, kBare},
            {"CURRENT_TIME", ClockValue::Time, kBare},
            {"LOCALTIMESTAMP", ClockValue::Timestamp, kBare},
            {"LOCALTIME", ClockValue::Time, kBare},
            {"NOW", ClockValue::Timestamp, kCall},
            {"TODAY", ClockValue::Date, kCall},
            {"GET_CURRENT_DATE", ClockValue::Date, kCall},
            {"GET_CURRENT_TIMESTAMP", ClockValue::Timestamp, kCall},
            {"GET_CURRENT_TIME", ClockValue::Time, kCall},
            {"TRANSACTION_TIMESTAMP", ClockValue::Timestamp, kCall},
            {"CURRENT_LOCALTIMESTAMP", ClockValue::Timestamp, kCall},
            {"CURRENT_LOCALTIME", ClockValue::Time, kCall},
            {"AGE", ClockValue::Unpinnable, kOneArgument, "AGE(CURRENT_DATE, x)"},
        },
        {},
        true,
    };
}

// Redshift: GETDATE() and SYSDATE run on the compute nodes; CURRENT_TIMESTAMP and
// NOW() are leader-node functions, so the current time is spelled GETDATE().
Dialect redshift() {
    return {
        "redshift",
        {},
        false,
        "CURRENT_DATE",
        "GETDATE()",
        "CAST('{value}' AS DATE)",
        "CAST('{value}' AS TIMESTAMP)",
        "CAST('{value}' AS TIME)",
        "CAST({x} AS DATE)",
        "DATEADD({unit}, {n}, {x})",
        kLowerUnits,
        "DATE_TRUNC('{unit}', {x})",
        kLowerUnits,
        {
            {"CURRENT_DATE", ClockValue::Date, kBare},
            {"GETDATE", ClockValue::Timestamp, kCall},
            {"SYSDATE", ClockValue::Timestamp, kBare},
            {"CURRENT_TIMESTAMP", ClockValue::Timestamp, kBare | kPrecision},
            {"CURRENT_TIME", ClockValue::Time, kBare | kPrecision},
            {"LOCALTIMESTAMP", ClockValue::Timestamp, kBare | kPrecision},
            {"LOCALTIME", ClockValue::Time, kBare | kPrecision},
            {"NOW", ClockValue::Timestamp, kCall},
            {"TIMEOFDAY", ClockValue::Unpinnable, kCall},
        },
        {},
        true,
    };
}

// MySQL has no DATE_TRUNC: each part is built from the value's fields.
Dialect mysql() {
    return {
        "mysql",
        {},
        true,
        "CURRENT_DATE",
        "CURRENT_TIMESTAMP",
        "DATE '{value}'",
        "TIMESTAMP '{value}'",
        "TIME '{value}'",
        "CAST({x} AS DATE)",
        "DATE_ADD({x}, INTERVAL ({n}) {unit})",
        kUpperUnits,
        "{unit}",
        {"MAKEDATE(YEAR({x}), 1)",
         "DATE_ADD(MAKEDATE(YEAR({x}), 1), INTERVAL (QUARTER({x}) - 1) QUARTER)",
         "DATE_SUB(CAST({x} AS DATE), INTERVAL (DAYOFMONTH({x}) - 1) DAY)",
         "DATE_SUB(CAST({x} AS DATE), INTERVAL WEEKDAY({x}) DAY)", "CAST({x} AS DATE)",
         "CAST(DATE_FORMAT({x}, '%Y-%m-%d %H:00:00') AS DATETIME)",
         "CAST(DATE_FORMAT({x}, '%Y-%m-%d %H:%i:00') AS DATETIME)",
         "CAST(DATE_FORMAT({x}, '%Y-%m-%d %H:%i:%s') AS DATETIME)"},
        {
            {"CURRENT_DATE", ClockValue::Date, kEither},
            {"CURDATE", ClockValue::Date, kCall},
            {"UTC_DATE", ClockValue::Date, kEither},
            {"CURRENT_TIMESTAMP", ClockValue::Timestamp, kEither | kPrecision},
            {"NOW", ClockValue::Timestamp, kCall | kPrecision},
            {"LOCALTIMESTAMP", ClockValue::Timestamp, kEither | kPrecision},
            {"LOCALTIME", ClockValue::Timestamp, kEither | kPrecision},
            {"SYSDATE", ClockValue::Timestamp, kCall | kPrecision},
            {"UTC_TIMESTAMP", ClockValue::Timestamp, kEither | kPrecision},
            {"CURRENT_TIME", ClockValue::Time, kEither | kPrecision},
            {"CURTIME", ClockValue::Time, kCall | kPrecision},
            {"UTC_TIME", ClockValue::Time, kEither | kPrecision},
            {"UNIX_TIMESTAMP", ClockValue::UnixSeconds, kCall | kArgsNotAClock},
        },
        {},
        false,
    };
}

// TRANSLATE folds exactly A-Z; LOWER follows the collation, which may fold more.
constexpr PushdownSpellings kPostgresqlPushdown{
    "CAST({x} AS TEXT)",
    "CAST({x} AS TEXT) COLLATE \"C\"",
    "TRANSLATE({x}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')",
    "RTRIM({x}, ' ')",
    "CAST(pg_typeof({x}) AS TEXT)",
    "",
    "",
    // NaN sorts above every number in PostgreSQL; the client refuses it as no number.
    "({x} = CAST('NaN' AS NUMERIC))",
    // 'infinity' and years the client's parser does not take (BC, beyond 9999).
    "(NOT ISFINITE({x}) OR {x} < DATE '0001-01-01' OR {x} >= DATE '10000-01-01')",
    "lower",
};

// Without the ICU extension, SQLite's LOWER folds only A-Z. Values have storage
// classes, not column types: a text that holds a number is left to the client.
constexpr PushdownSpellings kSqlitePushdown{
    "CAST({x} AS TEXT)",
    "CAST({x} AS TEXT)",
    "LOWER({x})",
    "RTRIM({x}, ' ')",
    "",
    "(TYPEOF({x}) NOT IN ('integer', 'real', 'null'))",
    "(TYPEOF({x}) NOT IN ('text', 'null'))",
    "",
    "",
    "any",
};

// A string without a collation compares and sorts by its UTF-8 bytes.
constexpr PushdownSpellings kSnowflakePushdown{
    "TO_VARCHAR({x})",
    "TO_VARCHAR({x})",
    "TRANSLATE({x}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')",
    "RTRIM({x}, ' ')",
    "SYSTEM$TYPEOF({x})",
    "",
    "",
    "",
    "",
    "upper",
};

// VARCHAR compares and sorts by code point, which is the order of its UTF-8 bytes.
constexpr PushdownSpellings kTrinoPushdown{
    "CAST({x} AS VARCHAR)",
    "CAST({x} AS VARCHAR)",
    "TRANSLATE({x}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')",
    "RTRIM({x}, ' ')",
    "TYPEOF({x})",
    "",
    "",
    "",
    "",
    "lower",
};

Dialect with_pushdown(Dialect dialect, const PushdownSpellings& spellings) {
    dialect.pushdown = spellings;
    return dialect;
}

}  // namespace

const std::vector<Dialect>& dialect_tables() {
    static const std::vector<Dialect> tables{with_pushdown(snowflake(), kSnowflakePushdown),
                                             with_pushdown(postgresql(), kPostgresqlPushdown),
                                             with_pushdown(sqlite(), kSqlitePushdown),
                                             with_pushdown(trino(), kTrinoPushdown),
                                             databricks(),
                                             sqlserver(),
                                             clickhouse(),
                                             duckdb(),
                                             redshift(),
                                             mysql()};
    return tables;
}

}  // namespace opsctl
