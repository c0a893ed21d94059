// evaluate/pushdown_plan: which steps are evaluated inside the warehouse, and why the
// others stay on the client. Default deny: every doubt names its rule or column.
#include <catch2/catch.hpp>

#include "opsctl/evaluate/pushdown_plan.h"
#include "step_builders.h"

using namespace opsctl;
using namespace opsctl::test;

namespace {

const Dialect& dialect(const char* name) {
    return *find_dialect(name);
}

std::vector<ResultColumn> pg_columns(std::vector<ResultColumn> columns) {
    return columns;
}

}  // namespace

TEST_CASE("pushdown plan: a keyed numeric step on PostgreSQL goes to the warehouse", "[pushdown]") {
    const Step step =
        sql_step({expect("lag", {fail_above("360"), warn_above("60")})}, {"table_name"});
    const auto plan = plan_pushdown(step, dialect("postgresql"),
                                    pg_columns({{"table_name", "text"}, {"lag", "numeric"}}));
    CHECK(plan.in_warehouse);
    CHECK(plan.reason.empty());
    CHECK(plan.types_checked);
    REQUIRE(plan.expectations.size() == 1);
    CHECK(plan.expectations[0].value.sql == "lag");
    CHECK(plan.expectations[0].value.value_class == ValueClass::Decimal);
    REQUIRE(plan.key.size() == 1);
    CHECK(plan.key[0].sql == "table_name");
    REQUIRE(plan.measure);
    CHECK(plan.measure->sql == "lag");
}

TEST_CASE("pushdown plan: each doubt keeps the step on the client and names why", "[pushdown]") {
    const Step numeric = sql_step({expect("lag", {fail_above("360")})}, {"k"});
    const auto with_type = [&](const char* type) {
        return plan_pushdown(numeric, dialect("postgresql"),
                             pg_columns({{"k", "text"}, {"lag", type}}));
    };
    CHECK(with_type("double precision").reason ==
          "fail_above: column \"lag\" is floating point, compared with a decimal on the client");
    CHECK(with_type("text").reason ==
          "fail_above: column \"lag\" is text; a text that holds a number is read on the client");
    CHECK(with_type("boolean").reason == "fail_above: column \"lag\" is a boolean, not a number");
    CHECK_FALSE(with_type("interval").in_warehouse);
    CHECK(with_type("bigint").in_warehouse);

    SECTION("no key") {
        const auto plan = plan_pushdown(sql_step({expect("lag", {fail_above("360")})}),
                                        dialect("postgresql"), pg_columns({{"lag", "integer"}}));
        CHECK_FALSE(plan.in_warehouse);
        CHECK(plan.reason == "no key: an offending row is named by its position in the stream");
    }
    SECTION("a report step") {
        Step report = numeric;
        report.report = true;
        CHECK(plan_pushdown(report, dialect("postgresql"), std::nullopt).reason ==
              "a report step: people read its rows, so all of them come");
    }
    SECTION("a dialect without spellings") {
        CHECK(plan_pushdown(numeric, dialect("mysql"), std::nullopt).reason ==
              "dialect mysql has no pushdown spellings");
    }
    SECTION("a column missing or ambiguous is left for the client to report") {
        CHECK(plan_pushdown(numeric, dialect("postgresql"), pg_columns({{"k", "text"}})).reason ==
              "column \"lag\" is not in the result: the client reports it");
        CHECK(plan_pushdown(numeric, dialect("postgresql"),
                            pg_columns({{"k", "text"}, {"lag", "integer"}, {"LAG", "integer"}}))
                  .reason == "column \"lag\" is ambiguous in the result: the client reports it");
    }
    SECTION("a threshold with more digits than a double keeps") {
        const Step fine = sql_step({expect("lag", {fail_above("0.1000000000000000001")})}, {"k"});
        CHECK(plan_pushdown(fine, dialect("postgresql"), std::nullopt).reason ==
              "fail_above 0.1000000000000000001: the threshold has more digits than every engine "
              "compares exactly");
    }
    SECTION("a rule against the run history") {
        for (const RuleKind kind : {RuleKind::DropPct, RuleKind::RisePct}) {
            Step drift = numeric;
            drift.expectations[0].rules[0].kind = kind;
            drift.expectations[0].rules[0].name = "fail_drop_pct";
            CHECK(plan_pushdown(drift, dialect("postgresql"), std::nullopt).reason ==
                  "fail_drop_pct compares every key with the run history: evaluated on the "
                  "client");
        }
    }
    SECTION("a rule kind the plan does not know") {
        Step unknown = numeric;
        unknown.expectations[0].rules[0].kind = static_cast<RuleKind>(99);
        unknown.expectations[0].rules[0].name = "fail_drop";
        CHECK(plan_pushdown(unknown, dialect("postgresql"), std::nullopt).reason ==
              "fail_drop is evaluated on the client only");
    }
}

TEST_CASE("pushdown plan: words on text only, ages on dates and timestamps only", "[pushdown]") {
    const Step words = sql_step({expect("status", {strings_rule(RuleKind::EqualsAny, Severity::Fail,
                                                                "fail_if", {"error"})})},
                                {"k"});
    CHECK(plan_pushdown(words, dialect("postgresql"),
                        pg_columns({{"k", "int"}, {"status", "character"}}))
              .in_warehouse);
    CHECK(plan_pushdown(words, dialect("postgresql"),
                        pg_columns({{"k", "int"}, {"status", "boolean"}}))
              .reason ==
          "fail_if: column \"status\" is a boolean; its words are matched on the client");
    CHECK(plan_pushdown(words, dialect("sqlite"), pg_columns({{"k", ""}, {"status", ""}}))
              .in_warehouse);

    const Step ages = sql_step({expect("loaded_at", {older_than(Severity::Fail, "2h")})}, {"k"});
    CHECK(plan_pushdown(ages, dialect("postgresql"),
                        pg_columns({{"k", "int"}, {"loaded_at", "timestamp with time zone"}}))
              .in_warehouse);
    CHECK(
        plan_pushdown(ages, dialect("trino"),
                      pg_columns({{"k", "integer"}, {"loaded_at", "timestamp(3) with time zone"}}))
            .reason ==
        "fail_older_than: column \"loaded_at\" is of another type, not a date or "
        "timestamp");
    CHECK(plan_pushdown(ages, dialect("sqlite"), std::nullopt).reason ==
          "fail_older_than: sqlite keeps times as text, parsed on the client");
}

TEST_CASE("pushdown plan: the types of each engine as their type_of names them", "[pushdown]") {
    CHECK(value_class("snowflake", "NUMBER(38,0)[SB16]") == ValueClass::Integer);
    CHECK(value_class("snowflake", "NUMBER(10,2)[SB8]") == ValueClass::Decimal);
    CHECK(value_class("snowflake", "FLOAT[DOUBLE]") == ValueClass::Float);
    CHECK(value_class("snowflake", "VARCHAR(16777216)[LOB]") == ValueClass::Text);
    CHECK(value_class("snowflake", "TIMESTAMP_NTZ(9)[SB8]") == ValueClass::Timestamp);
    CHECK(value_class("snowflake", "TIMESTAMP_LTZ(9)[SB8]") == ValueClass::Other);
    CHECK(value_class("trino", "decimal(10,0)") == ValueClass::Integer);
    CHECK(value_class("trino", "decimal(10,3)") == ValueClass::Decimal);
    CHECK(value_class("trino", "varchar(20)") == ValueClass::Text);
    CHECK(value_class("trino", "timestamp(3)") == ValueClass::Timestamp);
    CHECK(value_class("postgresql", "numeric") == ValueClass::Decimal);
    CHECK(value_class("postgresql", "character varying") == ValueClass::Text);
    CHECK(value_class("postgresql", "timestamp without time zone") == ValueClass::Timestamp);
    CHECK(value_class("postgresql", "timestamp with time zone") == ValueClass::TimestampTz);
    CHECK(value_class("sqlite", "integer") == ValueClass::Unknown);
}

TEST_CASE("pushdown plan: thresholds as exact plain literals", "[pushdown]") {
    CHECK(exact_number_literal("360") == "360");
    CHECK(exact_number_literal("0.7") == "0.7");
    CHECK(exact_number_literal("-12.50") == "-12.5");
    CHECK(exact_number_literal("1.5e3") == "1500");
    CHECK(exact_number_literal("4.2E-7") == "0.00000042");
    CHECK(exact_number_literal("0") == "0");
    CHECK_FALSE(exact_number_literal("1e400"));
    CHECK_FALSE(exact_number_literal("1234567890123456"));
    CHECK_FALSE(exact_number_literal("NaN"));
}

TEST_CASE("pushdown plan: names the engine folds are written as the runbook does", "[pushdown]") {
    const Step step = sql_step({expect("lag", {fail_above("1")})}, {"Table_Name"});
    const auto snowflake =
        plan_pushdown(step, dialect("snowflake"),
                      pg_columns({{"TABLE_NAME", "VARCHAR(10)"}, {"LAG", "NUMBER(38,0)"}}));
    REQUIRE(snowflake.in_warehouse);
    CHECK(snowflake.key[0].sql == "Table_Name");
    CHECK(snowflake.expectations[0].value.sql == "lag");
    const auto postgres = plan_pushdown(step, dialect("postgresql"),
                                        pg_columns({{"Table_Name", "text"}, {"lag", "integer"}}));
    CHECK(postgres.key[0].sql == "\"Table_Name\"");
}
