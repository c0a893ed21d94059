// evaluate/pushdown_query: the codes a pushdown query gives each expectation follow the
// client's choice of breach (NULL first; the first failing rule, else the first warning
// one), and its literals are the exact spellings of the thresholds and the as-of time.
#include <catch2/catch.hpp>

#include "opsctl/evaluate/pushdown_query.h"
#include "step_builders.h"

using namespace opsctl;
using namespace opsctl::test;

namespace {

PushdownQuery query_of(const Step& step, const char* dialect) {
    const Dialect& engine = *find_dialect(dialect);
    const PushdownPlan plan = plan_pushdown(step, engine, std::nullopt);
    REQUIRE(plan.in_warehouse);
    return build_pushdown_query(step, plan, engine, "SELECT * FROM t; ", as_of(), 50);
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("pushdown query: failing branches before warning ones, NULL first", "[pushdown]") {
    const Step step = sql_step({expect("lag", {warn_above("60"), fail_above("360")})}, {"k"});
    const PushdownQuery query = query_of(step, "postgresql");
    REQUIRE(query.branches.size() == 1);
    REQUIRE(query.branches[0].size() == 3);
    CHECK(query.branches[0][0].kind == BranchKind::Null);
    CHECK(query.branches[0][1].rule == 1);
    CHECK(query.branches[0][1].severity == Severity::Fail);
    CHECK(query.branches[0][2].rule == 0);
    CHECK(query.branches[0][2].severity == Severity::Warn);
    CHECK(contains(query.sql,
                   "WHEN q.lag IS NULL THEN 1\n             WHEN q.lag > 360 THEN 2\n"
                   "             WHEN q.lag > 60 THEN 3"));
    CHECK(query.groups_kept == 51);
    CHECK(contains(query.sql, "LIMIT 51"));
    // The step's SQL alone in its parentheses, its ';' dropped.
    CHECK(contains(query.sql, "FROM (\nSELECT * FROM t\n) q"));
}

TEST_CASE("pushdown query: on_null pass makes NULL healthy", "[pushdown]") {
    const Step step = sql_step({expect("lag", {fail_below("-1.5e1")}, NullPolicy::Pass)}, {"k"});
    const PushdownQuery query = query_of(step, "sqlite");
    REQUIRE(query.branches[0].size() == 1);
    CHECK(query.branches[0][0].kind == BranchKind::Breach);
    CHECK(contains(query.sql, "WHEN q.lag IS NULL THEN 0\n             WHEN q.lag < -15 THEN 1"));
    // SQLite: a value stored as text is no number the engine compares as the client does.
    CHECK(contains(query.sql, "(TYPEOF(q.lag) NOT IN ('integer', 'real', 'null'))"));
}

TEST_CASE("pushdown query: words folded and trimmed as the client matches them", "[pushdown]") {
    Step step = sql_step({expect("status", {strings_rule(RuleKind::EqualsAny, Severity::Fail,
                                                         "fail_if", {"Error  ", "true", "it's"})})},
                         {"k"});
    CHECK(contains(query_of(step, "trino").sql,
                   "(TRANSLATE(RTRIM(CAST(q.status AS VARCHAR), ' '), "
                   "'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') IN ('error', "
                   "'true', 'it''s') OR TRANSLATE(RTRIM(CAST(q.status AS VARCHAR), ' '), "
                   "'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') IN ('true', 't', "
                   "'1'))"));
    step.expectations[0].case_sensitive = true;
    CHECK(contains(query_of(step, "trino").sql,
                   "(RTRIM(CAST(q.status AS VARCHAR), ' ') IN ('Error', 'true', 'it''s') OR"));
}

TEST_CASE("pushdown query: ages against the as-of time, a time ahead counted as unknown",
          "[pushdown]") {
    const Step step = sql_step(
        {expect("loaded_at", {older_than(Severity::Warn, "2h")}, NullPolicy::Warn)}, {"k"});
    const PushdownQuery query = query_of(step, "postgresql");
    REQUIRE(query.branches[0].size() == 3);
    CHECK(query.branches[0][1].kind == BranchKind::Future);
    CHECK(query.branches[0][1].severity == Severity::Warn);
    CHECK(contains(query.sql,
                   "WHEN q.loaded_at >= TIMESTAMP '2026-11-26 08:05:01' THEN 2\n"
                   "             WHEN q.loaded_at < TIMESTAMP '2026-11-26 06:00:00' "
                   "THEN 3"));
}

TEST_CASE("pushdown query: a step without expectations only counts", "[pushdown]") {
    Step step = sql_step({});
    step.row_count_rules.push_back(fail_below("1"));
    CHECK(query_of(step, "snowflake").sql ==
          "SELECT COUNT(*) AS opsctl_total\nFROM (\nSELECT * FROM t\n) q");
}

TEST_CASE("pushdown query: the type probe reads no row", "[pushdown]") {
    CHECK(type_probe_query(*find_dialect("postgresql"), "SELECT 1 AS a", {"a", "B\"c"}) ==
          "SELECT CAST(pg_typeof(q.\"a\") AS TEXT),\n       CAST(pg_typeof(q.\"B\"\"c\") AS TEXT)\n"
          "FROM (SELECT 1 AS opsctl_one) d\nLEFT JOIN (SELECT *\nFROM (\nSELECT 1 AS a\n) s\n"
          "LIMIT 0) q ON 1 = 1");
    CHECK(type_probe_query(*find_dialect("sqlite"), "SELECT 1 AS a", {"a"}).empty());
}

TEST_CASE("pushdown query: an integer measure needs no range test", "[pushdown]") {
    const Step step = sql_step({expect("lag", {fail_above("360")})}, {"k"});
    const Dialect& engine = *find_dialect("postgresql");
    const auto build = [&](const char* type) {
        const PushdownPlan plan = plan_pushdown(step, engine, {{{"k", "text"}, {"lag", type}}});
        REQUIRE(plan.in_warehouse);
        return build_pushdown_query(step, plan, engine, "SELECT 1", as_of(), 50).sql;
    };
    CHECK(contains(build("integer"), "q.lag AS opsctl_m"));
    CHECK(contains(build("numeric"),
                   "CASE WHEN q.lag BETWEEN -1.7976931348623157E308 AND 1.7976931348623157E308 "
                   "THEN q.lag END AS opsctl_m"));
}
