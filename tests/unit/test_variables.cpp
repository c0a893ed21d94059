// Runbook variables: precedence (runbook < checklist < --set), binding thresholds,
// substitution in SQL, and parsing --set arguments.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "opsctl/core/error.h"
#include "opsctl/runbook/loader.h"
#include "opsctl/runbook/variables.h"

using opsctl::bind_checklist;
using opsctl::Checklist;
using opsctl::effective_variables;
using opsctl::parse_overrides;
using opsctl::Rule;
using opsctl::RuleKind;
using opsctl::Runbook;
using opsctl::Step;
using opsctl::substitute_variables;
using opsctl::UsageError;
using opsctl::VariableValues;

namespace {

opsctl::Variable var(const std::string& value) {
    return {value, ""};
}

Rule variable_rule(RuleKind kind, const std::string& name, const std::string& variable) {
    Rule rule;
    rule.kind = kind;
    rule.name = name;
    rule.variable = variable;
    return rule;
}

// A checklist with one step whose thresholds all come from variables.
Checklist checklist_with_variables() {
    Step step;
    step.id = "freshness";
    step.kind = opsctl::StepKind::Sql;
    step.sql[""] = "SELECT minutes FROM t WHERE age > ${max_minutes}";
    opsctl::Expectation minutes;
    minutes.column = "minutes";
    minutes.rules.push_back(variable_rule(RuleKind::Above, "fail_above", "max_minutes"));
    Rule fixed;
    fixed.kind = RuleKind::Above;
    fixed.severity = opsctl::Severity::Warn;
    fixed.name = "warn_above";
    fixed.number = 100;
    minutes.rules.push_back(fixed);
    opsctl::Expectation synced;
    synced.column = "synced_at";
    synced.rules.push_back(variable_rule(RuleKind::OlderThan, "fail_older_than", "max_age"));
    step.expectations = {minutes, synced};
    step.row_count_rules.push_back(variable_rule(RuleKind::Below, "fail_below", "min_rows"));
    Checklist checklist;
    checklist.name = "morning";
    checklist.steps.push_back(step);
    return checklist;
}

}  // namespace

TEST_CASE("variable_reference recognises exactly \"${name}\"", "[variables]") {
    CHECK(opsctl::variable_reference("${x}") == std::optional<std::string>("x"));
    CHECK(opsctl::variable_reference("${freshness_fail_minutes}") ==
          std::optional<std::string>("freshness_fail_minutes"));
    CHECK(opsctl::variable_reference("${v2}") == std::optional<std::string>("v2"));
    CHECK_FALSE(opsctl::variable_reference("x").has_value());
    CHECK_FALSE(opsctl::variable_reference("$x").has_value());
    CHECK_FALSE(opsctl::variable_reference("${x} ").has_value());
    CHECK_FALSE(opsctl::variable_reference(" ${x}").has_value());
    CHECK_FALSE(opsctl::variable_reference("${X}").has_value());
    CHECK_FALSE(opsctl::variable_reference("${}").has_value());
    CHECK_FALSE(opsctl::variable_reference("${a}${b}").has_value());
    CHECK_FALSE(opsctl::variable_reference("360").has_value());
}

TEST_CASE("referenced_variables finds every ${name} in SQL once", "[variables]") {
    CHECK(opsctl::referenced_variables("SELECT ${a}, ${b} FROM t WHERE x > ${a}") ==
          std::set<std::string>{"a", "b"});
    CHECK(opsctl::referenced_variables("SELECT 1").empty());
    CHECK(opsctl::referenced_variables("SELECT $a, ${B}, $${c}").size() == 1);
}

TEST_CASE("effective_variables: runbook < checklist < --set", "[variables]") {
    Runbook runbook;
    runbook.variables = {{"a", var("1")}, {"b", var("2")}, {"c", var("3")}};
    Checklist checklist;
    checklist.variables = {{"b", var("20")}, {"c", var("30")}, {"d", var("40")}};
    const VariableValues values =
        effective_variables(runbook, checklist, {{"c", "300"}, {"d", "400"}});
    CHECK(values == VariableValues{{"a", "1"}, {"b", "20"}, {"c", "300"}, {"d", "400"}});

    // Without overrides: the checklist's defaults win over the runbook's.
    CHECK(effective_variables(runbook, checklist, {}) ==
          VariableValues{{"a", "1"}, {"b", "20"}, {"c", "30"}, {"d", "40"}});
    // A --set overrides a runbook default too.
    CHECK(effective_variables(runbook, Checklist{}, {{"a", "9"}}) ==
          VariableValues{{"a", "9"}, {"b", "2"}, {"c", "3"}});
}

TEST_CASE("effective_variables does not invent a variable nobody declared", "[variables]") {
    Runbook runbook;
    runbook.variables = {{"a", var("1")}};
    const VariableValues values = effective_variables(runbook, Checklist{}, {{"zzz", "5"}});
    CHECK(values.count("zzz") == 0);
    CHECK(values == VariableValues{{"a", "1"}});
}

TEST_CASE("effective_variables on a loaded runbook", "[variables]") {
    const auto loaded = opsctl::load_runbook_text(R"({
  "runbook": "daily",
  "variables": { "limit": { "default": 360 }, "window": { "default": "24h" } },
  "checklists": [
    { "name": "one", "variables": { "limit": { "default": 240 } },
      "steps": [ { "id": "a", "sql": "SELECT 1", "row_count": { "fail_above": "${limit}" } } ] },
    { "name": "two",
      "steps": [ { "id": "a", "sql": "SELECT 1", "row_count": { "fail_above": "${limit}" } } ] }
  ]
})",
                                                  "daily.json");
    REQUIRE(loaded.diagnostics.empty());
    REQUIRE(loaded.runbook.has_value());
    const Runbook& runbook = *loaded.runbook;
    const Checklist& one = runbook.checklists[0];
    const Checklist& two = runbook.checklists[1];
    CHECK(effective_variables(runbook, one, {}).at("limit") == "240");
    CHECK(effective_variables(runbook, two, {}).at("limit") == "360");
    CHECK(effective_variables(runbook, one, {{"limit", "5"}}).at("limit") == "5");
    CHECK(effective_variables(runbook, two, {}).at("window") == "24h");

    const Checklist bound =
        bind_checklist(two, effective_variables(runbook, two, {{"limit", "7"}}));
    CHECK(bound.steps[0].row_count_rules[0].number == 7);
}

TEST_CASE("bind_checklist sets every variable-backed threshold", "[variables]") {
    const Checklist checklist = checklist_with_variables();
    const Checklist bound =
        bind_checklist(checklist, {{"max_minutes", "360"}, {"max_age", "2h"}, {"min_rows", "0.5"}});
    const Step& step = bound.steps[0];
    CHECK(step.expectations[0].rules[0].number == 360);
    CHECK(step.expectations[0].rules[1].number == 100);  // not a variable: unchanged
    CHECK(step.expectations[1].rules[0].age == std::chrono::hours(2));
    CHECK(step.row_count_rules[0].number == 0.5);
    // The original is a template and stays untouched.
    CHECK(checklist.steps[0].expectations[0].rules[0].number == 0);
    CHECK(checklist.steps[0].row_count_rules[0].number == 0);

    const Checklist scientific =
        bind_checklist(checklist, {{"max_minutes", "1e3"}, {"max_age", "90s"}, {"min_rows", "-2"}});
    CHECK(scientific.steps[0].expectations[0].rules[0].number == 1000);
    CHECK(scientific.steps[0].expectations[1].rules[0].age == std::chrono::seconds(90));
    CHECK(scientific.steps[0].row_count_rules[0].number == -2);
}

TEST_CASE("bind_checklist with a bad --set value names the variable", "[variables]") {
    const Checklist checklist = checklist_with_variables();
    const VariableValues good{{"max_minutes", "360"}, {"max_age", "2h"}, {"min_rows", "1"}};

    const auto with = [&](const std::string& name, const std::string& value) {
        VariableValues values = good;
        values[name] = value;
        return values;
    };
    CHECK_THROWS_MATCHES(bind_checklist(checklist, with("max_minutes", "abc")), UsageError,
                         Catch::Message("--set max_minutes: \"abc\" is not a number (used by "
                                        "fail_above in step freshness)"));
    CHECK_THROWS_MATCHES(bind_checklist(checklist, with("max_age", "5 minutes")), UsageError,
                         Catch::Message("--set max_age: \"5 minutes\" is not a duration (examples: "
                                        "\"24h\", \"1d\") (used by fail_older_than in step "
                                        "freshness)"));
    CHECK_THROWS_MATCHES(bind_checklist(checklist, with("min_rows", "")), UsageError,
                         Catch::Message("--set min_rows: \"\" is not a number (used by "
                                        "fail_below in step freshness)"));
    for (const char* bad : {"360 ", " 360", "36O", "inf", "nan", "1,5", "0x10", "${x}"}) {
        INFO("value: \"" << bad << "\"");
        CHECK_THROWS_WITH(
            bind_checklist(checklist, with("max_minutes", bad)),
            Catch::StartsWith("--set max_minutes: ") && Catch::Contains("is not a number"));
    }
}

TEST_CASE("bind_checklist when a variable has no value at all", "[variables]") {
    const Checklist checklist = checklist_with_variables();
    CHECK_THROWS_MATCHES(bind_checklist(checklist, {{"max_minutes", "1"}, {"max_age", "1h"}}),
                         UsageError,
                         Catch::Message("step freshness: variable ${min_rows} has no value"));
}

TEST_CASE("bind_rule reports what is wrong with a value", "[variables]") {
    Rule above = variable_rule(RuleKind::Above, "fail_above", "x");
    CHECK_FALSE(opsctl::bind_rule(above, "12.5").has_value());
    CHECK(above.number == 12.5);
    CHECK(opsctl::bind_rule(above, "twelve") ==
          std::optional<std::string>("\"twelve\" is not a number"));
    CHECK(above.number == 12.5);  // unchanged by a failed bind

    Rule older = variable_rule(RuleKind::OlderThan, "warn_older_than", "x");
    CHECK_FALSE(opsctl::bind_rule(older, "1d").has_value());
    CHECK(older.age == std::chrono::hours(24));
    CHECK(opsctl::bind_rule(older, "24") ==
          std::optional<std::string>("\"24\" is not a duration (examples: \"24h\", \"1d\")"));
}

TEST_CASE("substitute_variables replaces each ${name} verbatim", "[variables]") {
    const VariableValues values{{"days", "7"}, {"table", "sales.orders"}, {"quote", "'a$1\\b'"}};
    CHECK(substitute_variables("SELECT * FROM ${table} WHERE age > ${days}", values) ==
          "SELECT * FROM sales.orders WHERE age > 7");
    CHECK(substitute_variables("${days}${days}", values) == "77");
    CHECK(substitute_variables("x = ${quote}", values) == "x = 'a$1\\b'");
    // Unknown names, and what only looks like a reference, are left alone.
    CHECK(substitute_variables("SELECT ${unknown}, $days, ${DAYS}", values) ==
          "SELECT ${unknown}, $days, ${DAYS}");
    CHECK(substitute_variables("SELECT 1", values) == "SELECT 1");
    CHECK(substitute_variables("", values).empty());
    // Replacement text is not itself expanded again.
    CHECK(substitute_variables("${a}", {{"a", "${b}"}, {"b", "no"}}) == "${b}");
}

TEST_CASE("parse_overrides reads name=value", "[variables]") {
    CHECK(parse_overrides({}).empty());
    CHECK(parse_overrides({"limit=5", "window=24h"}) ==
          VariableValues{{"limit", "5"}, {"window", "24h"}});
    // The value is everything after the first '=', verbatim, and may be empty.
    CHECK(parse_overrides({"expr=a=b", "empty=", "spaced=x y "}) ==
          VariableValues{{"expr", "a=b"}, {"empty", ""}, {"spaced", "x y "}});
    // The last assignment of a name wins.
    CHECK(parse_overrides({"limit=1", "limit=2"}) == VariableValues{{"limit", "2"}});
}

TEST_CASE("parse_overrides rejects a malformed --set", "[variables]") {
    for (const char* bad : {"limit", "=5", "Limit=5", "my-limit=5", " limit=5", "9lives=1", ""}) {
        INFO("--set \"" << bad << "\"");
        CHECK_THROWS_MATCHES(
            parse_overrides({"ok=1", bad}), UsageError,
            Catch::Message("--set \"" + std::string(bad) + "\": expected name=value"));
    }
}

// Regression (issue 14): a --set value was pasted into the SQL as it was, so
// "1) TO STDOUT; COMMIT; DELETE ..." became SQL. Values are literals now.
TEST_CASE("sql_literal makes a value a literal of its variable's type, or refuses it",
          "[variables][red-team]") {
    std::string literal;
    CHECK_FALSE(opsctl::sql_literal("360", true, literal).has_value());
    CHECK(literal == "360");
    CHECK_FALSE(opsctl::sql_literal("0.75", true, literal).has_value());
    CHECK(literal == "0.75");
    CHECK_FALSE(opsctl::sql_literal("-5", true, literal).has_value());
    CHECK(literal == "(-5)");  // "x - ${v}" must not become "x --5", a comment
    CHECK_FALSE(opsctl::sql_literal("1e3", true, literal).has_value());
    for (const std::string bad :
         {"1) TO STDOUT; COMMIT; DELETE FROM t; --", "", "1 ", "inf", "nan", "0x10", "1;", "1--"}) {
        INFO(bad);
        CHECK(opsctl::sql_literal(bad, true, literal).has_value());
    }
    CHECK_FALSE(opsctl::sql_literal("O'Brien; DROP TABLE t; --", false, literal).has_value());
    CHECK(literal == "'O''Brien; DROP TABLE t; --'");
    CHECK_FALSE(opsctl::sql_literal("24h", false, literal).has_value());
    CHECK(literal == "'24h'");
    CHECK(opsctl::sql_literal("a\\'b", false, literal).has_value());  // backslash escapes differ
    CHECK(opsctl::sql_literal("a\nb", false, literal).has_value());
}
