// load_runbook_text: a full runbook into the model, and every validation error with
// its exact file:line:column and JSON path. The positions are part of the interface
// (`opsctl validate`), so every one below is counted by hand in the inline JSON.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "opsctl/runbook/loader.h"

using opsctl::Diagnostic;
using opsctl::load_runbook_text;
using opsctl::LoadResult;
using opsctl::NullPolicy;
using opsctl::RuleKind;
using opsctl::Severity;
using opsctl::StepKind;

namespace {

const std::string kFile = "runbooks/daily.json";

LoadResult load(const std::string& text) {
    return load_runbook_text(text, kFile);
}

std::vector<std::string> rendered(const LoadResult& result) {
    std::vector<std::string> lines;
    for (const auto& diagnostic : result.diagnostics) lines.push_back(diagnostic.to_string());
    return lines;
}

// Loads `text` and requires exactly the diagnostics `expected` (rendered as
// file:line:column: path: message), in order, and no runbook.
void require_diagnostics(const std::string& text, const std::vector<std::string>& expected) {
    const LoadResult result = load(text);
    INFO("JSON:\n" << text);
    CHECK(rendered(result) == expected);
    CHECK_FALSE(result.runbook.has_value());
}

// A checklist whose steps array is closed around one or more step lines: the first
// step line is line 7 of the document, and its steps are indented by 8 spaces, so
// that a step's "{" is in column 9.
std::string with_steps(const std::string& step_lines) {
    return "{\n"                             // 1
           "  \"runbook\": \"daily\",\n"     // 2
           "  \"checklists\": [\n"           // 3
           "    {\n"                         // 4
           "      \"name\": \"morning\",\n"  // 5
           "      \"steps\": [\n"            // 6
           + step_lines +                    // 7...
           "\n      ]\n"
           "    }\n"
           "  ]\n"
           "}\n";
}

}  // namespace

TEST_CASE("with_steps puts the first step on line 7, column 9", "[loader]") {
    const LoadResult result = load(with_steps(R"(        { "id": 7, "manual": true })"));
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].location.line == 7);
    CHECK(result.diagnostics[0].location.column == 17);
    CHECK(result.diagnostics[0].path == "checklists[0].steps[0].id");
    CHECK(result.diagnostics[0].message == "\"id\" must be a string, found a number");
}

TEST_CASE("a full valid runbook loads into the model", "[loader]") {
    const std::string text = R"json({
  "runbook": "daily",
  "title": "Daily Operations",
  "description": "Every morning.",
  "dialect": "snowflake",
  "variables": {
    "freshness_fail_minutes": { "default": 360, "description": "Freshness above this fails." },
    "max_age": { "default": "24h" },
    "min_rows": { "default": 0.5 }
  },
  "checklists": [
    {
      "name": "morning",
      "title": "Morning Checklist",
      "description": "Start of day.",
      "schedule": "0 8 * * *",
      "schedule_text": "Daily at 08:00",
      "duration_minutes": 30,
      "owner": "Data Engineering Team",
      "response_time": "15m",
      "resolution_time": "4h",
      "variables": { "freshness_fail_minutes": { "default": 240 } },
      "steps": [
        {
          "id": "data-freshness",
          "title": "Verify data freshness",
          "description": "Every row.",
          "sql": "SELECT table_name, minutes_since_sync FROM vw_data_freshness_monitoring",
          "key": "table_name",
          "timeout": "90s",
          "expect": [
            { "column": "minutes_since_sync", "warn_above": 120, "fail_above": "${freshness_fail_minutes}", "on_null": "warn" }
          ]
        },
        {
          "id": "warehouse-status",
          "title": "Check warehouse status",
          "sql": { "snowflake": "SHOW WAREHOUSES", "postgresql": "SELECT 1 AS up" },
          "report": true
        },
        {
          "id": "model-drift",
          "sql": "SELECT model, feature, drift_score, threshold, status, last_run FROM drift",
          "key": ["model", "feature"],
          "expect": [
            { "column": "drift_score", "fail_above_column": "threshold", "warn_below_column": "floor" },
            { "column": "status", "fail_if": ["FAIL", "ERROR"], "warn_if": "DEGRADED", "fail_unless": ["OK", "DEGRADED", "FAIL", "ERROR"] },
            { "column": "last_run", "fail_older_than": "${max_age}", "warn_older_than": "12h", "on_null": "pass" }
          ]
        },
        {
          "id": "shipments-today",
          "sql": "SELECT * FROM tbl_fact_shipments WHERE DATE(pickup_date) = CURRENT_DATE()",
          "row_count": { "fail_below": "${min_rows}", "warn_above": 1000 }
        },
        {
          "id": "dbt-incremental-run",
          "shell": ["dbt", "run", "--select", "tag:incremental"],
          "timeout": "30m"
        },
        { "id": "review-overnight-alerts", "title": "Review overnight alerts", "manual": true }
      ]
    },
    {
      "name": "month-end",
      "schedule": "0 18 * * 5L",
      "steps": [ { "id": "close-books", "manual": true } ]
    }
  ]
})json";
    const LoadResult result = load(text);
    CHECK(rendered(result).empty());
    REQUIRE(result.runbook.has_value());
    const opsctl::Runbook& runbook = *result.runbook;
    CHECK(runbook.name == "daily");
    CHECK(runbook.title == "Daily Operations");
    CHECK(runbook.description == "Every morning.");
    CHECK(runbook.dialect == "snowflake");
    CHECK(runbook.source_path == kFile);
    REQUIRE(runbook.variables.size() == 3);
    CHECK(runbook.variables.at("freshness_fail_minutes").default_value == "360");
    CHECK(runbook.variables.at("freshness_fail_minutes").description ==
          "Freshness above this fails.");
    CHECK(runbook.variables.at("max_age").default_value == "24h");
    CHECK(runbook.variables.at("min_rows").default_value == "0.5");

    REQUIRE(runbook.checklists.size() == 2);
    CHECK(runbook.find_checklist("month-end") == &runbook.checklists[1]);
    CHECK(runbook.find_checklist("evening") == nullptr);
    const opsctl::Checklist& morning = runbook.checklists[0];
    CHECK(morning.name == "morning");
    CHECK(morning.title == "Morning Checklist");
    CHECK(morning.description == "Start of day.");
    CHECK(morning.schedule == "0 8 * * *");
    CHECK(morning.schedule_text == "Daily at 08:00");
    CHECK(morning.duration_minutes == 30);
    CHECK(morning.owner == "Data Engineering Team");
    CHECK(morning.response_time == std::chrono::minutes(15));
    CHECK(morning.resolution_time == std::chrono::hours(4));
    REQUIRE(morning.variables.size() == 1);
    CHECK(morning.variables.at("freshness_fail_minutes").default_value == "240");
    REQUIRE(morning.steps.size() == 6);

    const opsctl::Step& freshness = morning.steps[0];
    CHECK(morning.find_step("data-freshness") == &freshness);
    CHECK(freshness.id == "data-freshness");
    CHECK(freshness.title == "Verify data freshness");
    CHECK(freshness.description == "Every row.");
    CHECK(freshness.kind == StepKind::Sql);
    CHECK_FALSE(freshness.sql_is_variants);
    REQUIRE(freshness.sql.count("") == 1);
    CHECK(freshness.sql.at("") ==
          "SELECT table_name, minutes_since_sync FROM vw_data_freshness_monitoring");
    CHECK(freshness.key == std::vector<std::string>{"table_name"});
    CHECK(freshness.timeout == std::chrono::seconds(90));
    CHECK_FALSE(freshness.report);
    REQUIRE(freshness.expectations.size() == 1);
    const opsctl::Expectation& minutes = freshness.expectations[0];
    CHECK(minutes.column == "minutes_since_sync");
    CHECK(minutes.on_null == NullPolicy::Warn);
    REQUIRE(minutes.rules.size() == 2);
    // Rules come in the order of the rule table (fail_above before warn_above).
    CHECK(minutes.rules[0].name == "fail_above");
    CHECK(minutes.rules[0].kind == RuleKind::Above);
    CHECK(minutes.rules[0].severity == Severity::Fail);
    CHECK(minutes.rules[0].variable == "freshness_fail_minutes");
    // The loader checks the default that applies to this checklist: its own 240.
    CHECK(minutes.rules[0].number == 240);
    CHECK(minutes.rules[1].name == "warn_above");
    CHECK(minutes.rules[1].severity == Severity::Warn);
    CHECK(minutes.rules[1].variable.empty());
    CHECK(minutes.rules[1].number == 120);

    const opsctl::Step& warehouse = morning.steps[1];
    CHECK(warehouse.kind == StepKind::Sql);
    CHECK(warehouse.sql_is_variants);
    CHECK(warehouse.sql == std::map<std::string, std::string>{{"snowflake", "SHOW WAREHOUSES"},
                                                              {"postgresql", "SELECT 1 AS up"}});
    CHECK(warehouse.report);
    CHECK(warehouse.expectations.empty());
    CHECK_FALSE(warehouse.timeout.has_value());

    const opsctl::Step& drift = morning.steps[2];
    CHECK(drift.key == std::vector<std::string>{"model", "feature"});
    REQUIRE(drift.expectations.size() == 3);
    CHECK(drift.expectations[0].on_null == NullPolicy::Fail);  // the default
    REQUIRE(drift.expectations[0].rules.size() == 2);
    CHECK(drift.expectations[0].rules[0].kind == RuleKind::AboveColumn);
    CHECK(drift.expectations[0].rules[0].column == "threshold");
    CHECK(drift.expectations[0].rules[1].kind == RuleKind::BelowColumn);
    CHECK(drift.expectations[0].rules[1].severity == Severity::Warn);
    CHECK(drift.expectations[0].rules[1].column == "floor");
    const auto& status_rules = drift.expectations[1].rules;
    REQUIRE(status_rules.size() == 3);
    CHECK(status_rules[0].name == "fail_if");
    CHECK(status_rules[0].kind == RuleKind::EqualsAny);
    CHECK(status_rules[0].strings == std::vector<std::string>{"FAIL", "ERROR"});
    CHECK(status_rules[1].name == "warn_if");
    CHECK(status_rules[1].strings == std::vector<std::string>{"DEGRADED"});
    CHECK(status_rules[2].name == "fail_unless");
    CHECK(status_rules[2].kind == RuleKind::EqualsNone);
    CHECK(status_rules[2].strings.size() == 4);
    const auto& age = drift.expectations[2];
    CHECK(age.on_null == NullPolicy::Pass);
    REQUIRE(age.rules.size() == 2);
    CHECK(age.rules[0].kind == RuleKind::OlderThan);
    CHECK(age.rules[0].variable == "max_age");
    CHECK(age.rules[0].age == std::chrono::hours(24));
    CHECK(age.rules[1].name == "warn_older_than");
    CHECK(age.rules[1].age == std::chrono::hours(12));

    const opsctl::Step& shipments = morning.steps[3];
    CHECK(shipments.expectations.empty());
    REQUIRE(shipments.row_count_rules.size() == 2);
    CHECK(shipments.row_count_rules[0].name == "warn_above");
    CHECK(shipments.row_count_rules[0].number == 1000);
    CHECK(shipments.row_count_rules[1].name == "fail_below");
    CHECK(shipments.row_count_rules[1].kind == RuleKind::Below);
    CHECK(shipments.row_count_rules[1].variable == "min_rows");
    CHECK(shipments.row_count_rules[1].number == 0.5);

    const opsctl::Step& dbt = morning.steps[4];
    CHECK(dbt.kind == StepKind::Shell);
    CHECK(dbt.shell == std::vector<std::string>{"dbt", "run", "--select", "tag:incremental"});
    CHECK(dbt.timeout == std::chrono::minutes(30));
    CHECK(dbt.sql.empty());

    const opsctl::Step& review = morning.steps[5];
    CHECK(review.kind == StepKind::Manual);
    CHECK(review.title == "Review overnight alerts");

    const opsctl::Checklist& month_end = runbook.checklists[1];
    CHECK(month_end.schedule == "0 18 * * 5L");
    CHECK(month_end.variables.empty());
    CHECK_FALSE(month_end.duration_minutes.has_value());
    REQUIRE(month_end.steps.size() == 1);
    CHECK(month_end.steps[0].kind == StepKind::Manual);
}

TEST_CASE("the dialect defaults to snowflake", "[loader]") {
    const LoadResult result = load(with_steps(R"(        { "id": "a", "manual": true })"));
    CHECK(result.diagnostics.empty());
    REQUIRE(result.runbook.has_value());
    CHECK(result.runbook->dialect == "snowflake");
    CHECK(result.runbook->title.empty());
}

TEST_CASE("rules keep one order whatever the order of their members", "[loader]") {
    // Evaluation and reports list a step's rules in the same order for every file:
    // fail before warn, above before below, whatever order the JSON has them in.
    const LoadResult result = load(with_steps(
        R"(        { "id": "a", "sql": "SELECT 1 AS x",
          "expect": [{ "warn_below": 1, "warn_above": 5, "column": "x", "fail_above": 9 }],
          "row_count": { "warn_above": 3, "fail_above": 4 } })"));
    REQUIRE(result.diagnostics.empty());
    const auto& step = result.runbook->checklists.at(0).steps.at(0);
    std::vector<std::string> names;
    for (const auto& rule : step.expectations.at(0).rules) names.push_back(rule.name);
    CHECK(names == std::vector<std::string>{"fail_above", "warn_above", "warn_below"});
    names.clear();
    for (const auto& rule : step.row_count_rules) names.push_back(rule.name);
    CHECK(names == std::vector<std::string>{"fail_above", "warn_above"});
}

TEST_CASE("Diagnostic::to_string is file:line:column: path: message", "[loader]") {
    const Diagnostic with_path{"runbooks/daily.json", {12, 9}, "checklists[0].steps[1]", "oops"};
    CHECK(with_path.to_string() == "runbooks/daily.json:12:9: checklists[0].steps[1]: oops");
    const Diagnostic whole_file{"runbooks/daily.json", {1, 1}, "", "cannot read the file"};
    CHECK(whole_file.to_string() == "runbooks/daily.json:1:1: cannot read the file");
}

// ---- invalid JSON ----------------------------------------------------------------

TEST_CASE("invalid JSON: a missing comma points at the token after it", "[loader][syntax]") {
    // Line 4: the "steps" key starts in column 25.
    require_diagnostics(R"({
  "runbook": "daily",
  "checklists": [
    { "name": "morning" "steps": [] }
  ]
})",
                        {"runbooks/daily.json:4:25: invalid JSON: syntax error while parsing "
                         "object - unexpected string literal; expected '}'"});
    // Across lines: the comma after "daily" is missing; "checklists" starts line 3, column 3.
    require_diagnostics(R"({
  "runbook": "daily"
  "checklists": []
})",
                        {"runbooks/daily.json:3:3: invalid JSON: syntax error while parsing "
                         "object - unexpected string literal; expected '}'"});
    // In an array: "34" starts in column 22.
    require_diagnostics(R"({
  "runbook": "daily",
  "checklists": [ 12 34 ]
})",
                        {"runbooks/daily.json:3:22: invalid JSON: syntax error while parsing "
                         "array - unexpected number literal; expected ']'"});
}

TEST_CASE("invalid JSON: a trailing comma points at the closing brace", "[loader][syntax]") {
    require_diagnostics(R"({
  "runbook": "daily",
  "checklists": [],
})",
                        {"runbooks/daily.json:4:1: invalid JSON: syntax error while parsing "
                         "object key - unexpected '}'; expected string literal"});
}

TEST_CASE("invalid JSON: a raw newline in a string points at the newline", "[loader][syntax]") {
    const LoadResult result = load("{\n  \"runbook\": \"dai\n  ly\"\n}");
    REQUIRE(result.diagnostics.size() == 1);
    const Diagnostic& d = result.diagnostics[0];
    CHECK(d.file == kFile);
    CHECK(d.location.line == 2);
    CHECK(d.location.column == 18);
    CHECK(d.path.empty());
    CHECK_THAT(d.message, Catch::StartsWith("invalid JSON: syntax error while parsing value - "
                                            "invalid string: control character U+000A (LF)"));
    CHECK_FALSE(result.runbook.has_value());
}

TEST_CASE("invalid JSON: a bad literal points where reading it failed", "[loader][syntax]") {
    // "tru," fails on the comma in column 17; "12x" on the x in column 16.
    const LoadResult literal = load("{\n  \"runbook\": tru,\n  \"checklists\": []\n}");
    REQUIRE(literal.diagnostics.size() == 1);
    CHECK(literal.diagnostics[0].location.line == 2);
    CHECK(literal.diagnostics[0].location.column == 17);
    CHECK_THAT(literal.diagnostics[0].message, Catch::Contains("invalid literal"));

    const LoadResult number = load("{\n  \"runbook\": 12x,\n  \"checklists\": []\n}");
    REQUIRE(number.diagnostics.size() == 1);
    CHECK(number.diagnostics[0].location.line == 2);
    CHECK(number.diagnostics[0].location.column == 16);
    CHECK_THAT(number.diagnostics[0].message, Catch::Contains("invalid literal"));
}

TEST_CASE("invalid JSON: text after the document, an empty file, a truncated file",
          "[loader][syntax]") {
    require_diagnostics("{\n  \"runbook\": \"daily\",\n  \"checklists\": []\n}\n}\n",
                        {"runbooks/daily.json:5:1: invalid JSON: syntax error while parsing "
                         "value - unexpected '}'; expected end of input"});
    require_diagnostics("", {"runbooks/daily.json:1:1: invalid JSON: syntax error while parsing "
                             "value - unexpected end of input; expected '[', '{', or a literal"});
    require_diagnostics("{\n  \"runbook\": \"daily\",\n",
                        {"runbooks/daily.json:3:1: invalid JSON: syntax error while parsing "
                         "object key - unexpected end of input; expected string literal"});
}

TEST_CASE("a runbook that is not an object", "[loader]") {
    require_diagnostics("[]",
                        {"runbooks/daily.json:1:1: a runbook is a JSON object, found an array"});
    require_diagnostics("\n  \"daily\"",
                        {"runbooks/daily.json:2:3: a runbook is a JSON object, found a string"});
}

// ---- unknown keys ----------------------------------------------------------------

TEST_CASE("an unknown key in an expectation suggests the right one", "[loader][keys]") {
    // Line 7: "expect" is in columns 46-53, its "[" in 56, the expectation's "{" in 58
    // and the misspelt key in 60.
    require_diagnostics(
        with_steps(
            R"(        { "id": "a", "sql": "SELECT 1 AS n", "expect": [ { "colum": "n", "fail_above": 1 } ] })"),
        {"runbooks/daily.json:7:60: checklists[0].steps[0].expect[0].colum: unknown key "
         "\"colum\" (did you mean \"column\"?)",
         "runbooks/daily.json:7:58: checklists[0].steps[0].expect[0]: the expectation names no "
         "column (add \"column\": ...)"});
}

TEST_CASE("unknown keys at the runbook, checklist and step level", "[loader][keys]") {
    require_diagnostics(R"({
  "runbook": "daily",
  "checklist": []
})",
                        {"runbooks/daily.json:3:3: checklist: unknown key \"checklist\" (did you "
                         "mean \"checklists\"?)",
                         "runbooks/daily.json:1:1: missing required key \"checklists\""});
    require_diagnostics(R"({
  "runbook": "daily",
  "checklists": [
    {
      "name": "morning",
      "scedule": "0 8 * * *",
      "steps": [ { "id": "a", "manual": true } ]
    }
  ]
})",
                        {"runbooks/daily.json:6:7: checklists[0].scedule: unknown key "
                         "\"scedule\" (did you mean \"schedule\"?)"});
    // A key too far from every allowed one gets no suggestion.
    require_diagnostics(with_steps(R"(        { "id": "a", "manual": true, "frobnicate": 1 })"),
                        {"runbooks/daily.json:7:38: checklists[0].steps[0].frobnicate: unknown "
                         "key \"frobnicate\""});
    // row_count has its own keys.
    require_diagnostics(
        with_steps(R"(        { "id": "a", "sql": "SELECT 1", "row_count": { "fail_belo": 1 } })"),
        {"runbooks/daily.json:7:56: checklists[0].steps[0].row_count.fail_belo: unknown key "
         "\"fail_belo\" (did you mean \"fail_below\"?)",
         "runbooks/daily.json:7:9: checklists[0].steps[0]: an sql step needs \"expect\", "
         "\"row_count\" or \"report\": true, so that it can fail"});
}

// ---- wrong types -----------------------------------------------------------------

TEST_CASE("wrong types at the runbook and checklist level", "[loader][types]") {
    require_diagnostics(R"({
  "runbook": "daily",
  "title": 5,
  "checklists": [
    {
      "name": "morning",
      "duration_minutes": 1.5,
      "steps": {}
    }
  ]
})",
                        {"runbooks/daily.json:3:12: title: \"title\" must be a string, found a "
                         "number",
                         "runbooks/daily.json:7:27: checklists[0].duration_minutes: "
                         "\"duration_minutes\" must be an integer, found a number",
                         "runbooks/daily.json:8:16: checklists[0].steps: \"steps\" must be an "
                         "array, found an object"});
    require_diagnostics(R"({
  "runbook": true,
  "checklists": "morning"
})",
                        {"runbooks/daily.json:2:14: runbook: \"runbook\" must be a string, found "
                         "a boolean",
                         "runbooks/daily.json:3:17: checklists: \"checklists\" must be an array, "
                         "found a string"});
}

TEST_CASE("wrong types in a step", "[loader][types]") {
    // One problem, not also "needs one of sql, shell or manual": the key is there.
    require_diagnostics(with_steps(R"(        { "id": "a", "manual": "yes" })"),
                        {"runbooks/daily.json:7:32: checklists[0].steps[0].manual: \"manual\" "
                         "must be a boolean, found a string"});
    require_diagnostics(
        with_steps(R"(        { "id": "a", "sql": "SELECT 1 AS n", "key": 5, "report": true })"),
        {"runbooks/daily.json:7:53: checklists[0].steps[0].key: \"key\" must be a column name or "
         "an array of column names"});
    require_diagnostics(with_steps(R"(        { "id": "a", "shell": "dbt run" })"),
                        {"runbooks/daily.json:7:31: checklists[0].steps[0].shell: \"shell\" must "
                         "be a non-empty array of strings: the program and its arguments"});
    require_diagnostics(with_steps(R"(        { "id": "a", "sql": 42, "report": true })"),
                        {"runbooks/daily.json:7:29: checklists[0].steps[0].sql: \"sql\" must be "
                         "a string, or an object of dialect -> string, found a number"});
    require_diagnostics(with_steps(R"(        { "id": "Bad_Id", "manual": true })"),
                        {"runbooks/daily.json:7:17: checklists[0].steps[0].id: \"Bad_Id\" is not "
                         "a valid id: use lower-case letters, digits and '-'"});
}

TEST_CASE("\"optional\" is a boolean of shell steps only", "[loader][types]") {
    const LoadResult optional =
        load(with_steps(R"(        { "id": "a", "shell": ["dbt", "run"], "optional": true },
        { "id": "b", "shell": ["dbt", "test"] })"));
    REQUIRE(optional.runbook.has_value());
    CHECK(optional.runbook->checklists[0].steps[0].optional);
    CHECK_FALSE(optional.runbook->checklists[0].steps[1].optional);

    require_diagnostics(
        with_steps(R"(        { "id": "a", "shell": ["dbt"], "optional": "yes" })"),
        {"runbooks/daily.json:7:52: checklists[0].steps[0].optional: step \"a\": \"optional\" "
         "must be true or false, found a string"});
    require_diagnostics(
        with_steps(
            R"(        { "id": "b", "sql": "SELECT 1 AS n", "report": true, "optional": true })"),
        {"runbooks/daily.json:7:74: checklists[0].steps[0].optional: step \"b\": \"optional\" "
         "applies to shell steps only (a program that may be missing)"});
    require_diagnostics(
        with_steps(R"(        { "id": "c", "manual": true, "optional": false })"),
        {"runbooks/daily.json:7:50: checklists[0].steps[0].optional: step \"c\": \"optional\" "
         "applies to shell steps only (a program that may be missing)"});
}

TEST_CASE("wrong types in expectations", "[loader][types]") {
    // Line 7: the expectation's "{" is in column 58, "column" in 60, its value in 70, the
    // rule key in 75 and the rule's value in 89.
    require_diagnostics(
        with_steps(
            R"(        { "id": "a", "sql": "SELECT 1 AS n", "expect": [ { "column": "n", "fail_above": "360" } ] })"),
        {"runbooks/daily.json:7:89: checklists[0].steps[0].expect[0].fail_above: \"fail_above\" "
         "must be a number or a \"${variable}\", found a string"});
    require_diagnostics(
        with_steps(
            R"(        { "id": "a", "sql": "SELECT 1 AS n", "expect": [ { "column": "n", "fail_if_x": 3 } ] })"),
        {"runbooks/daily.json:7:75: checklists[0].steps[0].expect[0].fail_if_x: unknown key "
         "\"fail_if_x\" (did you mean \"fail_if\"?)",
         "runbooks/daily.json:7:58: checklists[0].steps[0].expect[0]: the expectation has no rule "
         "(fail_above, warn_below, fail_if, ...)"});
    require_diagnostics(
        with_steps(
            R"(        { "id": "a", "sql": "SELECT 1 AS n", "expect": [ { "column": "n", "fail_if": 3 } ] })"),
        {"runbooks/daily.json:7:86: checklists[0].steps[0].expect[0].fail_if: \"fail_if\" must be "
         "a string or an array of strings"});
    require_diagnostics(
        with_steps(
            R"(        { "id": "a", "sql": "SELECT 1 AS n", "expect": [ { "column": 7, "fail_above": 1 } ] })"),
        {"runbooks/daily.json:7:70: checklists[0].steps[0].expect[0].column: \"column\" must be a "
         "string, found a number"});
    require_diagnostics(
        with_steps(
            R"(        { "id": "a", "sql": "SELECT 1 AS n", "expect": [ { "column": "n", "fail_above": 1, "on_null": "ignore" } ] })"),
        {"runbooks/daily.json:7:103: checklists[0].steps[0].expect[0].on_null: \"on_null\" is one "
         "of \"fail\", \"warn\", \"pass\""});
    require_diagnostics(
        with_steps(R"(        { "id": "a", "sql": "SELECT 1 AS n", "expect": [ "n > 1" ] })"),
        {"runbooks/daily.json:7:58: checklists[0].steps[0].expect[0]: an expectation is an "
         "object, found a string"});
}

// ---- duplicates ------------------------------------------------------------------

TEST_CASE("duplicate step ids point at the second id", "[loader][duplicates]") {
    require_diagnostics(with_steps("        { \"id\": \"check\", \"manual\": true },\n"
                                   "        { \"id\": \"check\", \"manual\": true }"),
                        {"runbooks/daily.json:8:17: checklists[0].steps[1].id: duplicate step id "
                         "\"check\" in checklist \"morning\""});
}

TEST_CASE("duplicate checklist names point at the second name", "[loader][duplicates]") {
    require_diagnostics(R"({
  "runbook": "daily",
  "checklists": [
    { "name": "morning", "steps": [ { "id": "a", "manual": true } ] },
    { "name": "morning", "steps": [ { "id": "a", "manual": true } ] }
  ]
})",
                        {"runbooks/daily.json:5:15: checklists[1].name: duplicate checklist name "
                         "\"morning\""});
}

TEST_CASE("duplicate JSON keys point at the second key", "[loader][duplicates]") {
    require_diagnostics(R"({
  "runbook": "daily",
  "runbook": "weekly",
  "checklists": [ { "name": "morning", "steps": [ { "id": "a", "manual": true } ] } ]
})",
                        {"runbooks/daily.json:3:3: runbook: duplicate key"});
    // Line 7: the second "title" key starts in column 38.
    require_diagnostics(
        with_steps(R"(        { "id": "a", "title": "One", "title": "Two", "manual": true })"),
        {"runbooks/daily.json:7:38: checklists[0].steps[0].title: duplicate key"});
}

TEST_CASE("a duplicate key's value is ignored, and does not move other positions",
          "[loader][duplicates]") {
    // The first "checklists" holds an error on line 3 (the step's "{" in column 51); the
    // duplicate on line 4 must neither take its place nor add its own checklist.
    require_diagnostics(R"({
  "runbook": "daily",
  "checklists": [ { "name": "morning", "steps": [ { "id": "a", "sql": "SELECT 1" } ] } ],
  "checklists": [ { "name": "morning", "steps": [ { "id": "a", "sql": "SELECT 1", "report": true } ] } ]
})",
                        {"runbooks/daily.json:4:3: checklists: duplicate key",
                         "runbooks/daily.json:3:51: checklists[0].steps[0]: an sql step needs "
                         "\"expect\", \"row_count\" or \"report\": true, so that it can fail"});
}

TEST_CASE("columns count bytes: a multi-byte character before a problem", "[loader][keys]") {
    // "Café – Ops" holds 2 two-byte and 3-byte characters: "tite" starts at byte 29.
    require_diagnostics(R"({
  "title": "Café – Ops", "tite": "x",
  "runbook": "daily",
  "checklists": [ { "name": "morning", "steps": [ { "id": "a", "manual": true } ] } ]
})",
                        {"runbooks/daily.json:2:29: tite: unknown key \"tite\" (did you mean "
                         "\"title\"?)"});
}

// ---- step kinds and checks -------------------------------------------------------

TEST_CASE("a step with both sql and shell (or manual)", "[loader][steps]") {
    require_diagnostics(
        with_steps(
            R"(        { "id": "a", "sql": "SELECT 1 AS n", "shell": ["true"], "report": true })"),
        {"runbooks/daily.json:7:9: checklists[0].steps[0]: a step has exactly one of \"sql\", "
         "\"shell\" and \"manual\": true"});
    require_diagnostics(
        with_steps(
            R"(        { "id": "a", "sql": "SELECT 1 AS n", "manual": true, "report": true })"),
        {"runbooks/daily.json:7:9: checklists[0].steps[0]: a step has exactly one of \"sql\", "
         "\"shell\" and \"manual\": true"});
    require_diagnostics(with_steps(R"(        { "id": "a", "title": "Nothing to do" })"),
                        {"runbooks/daily.json:7:9: checklists[0].steps[0]: a step needs one of "
                         "\"sql\", \"shell\" or \"manual\": true"});
    // The step on line 8 is the second one.
    require_diagnostics(
        with_steps("        { \"id\": \"a\", \"manual\": true },\n"
                   "        { \"id\": \"b\", \"shell\": [\"x\"], \"manual\": true }"),
        {"runbooks/daily.json:8:9: checklists[0].steps[1]: a step has exactly one "
         "of \"sql\", \"shell\" and \"manual\": true"});
}

TEST_CASE("an sql step without expect, row_count or report", "[loader][steps]") {
    const std::string message =
        "runbooks/daily.json:7:9: checklists[0].steps[0]: an sql step needs \"expect\", "
        "\"row_count\" or \"report\": true, so that it can fail";
    require_diagnostics(with_steps(R"(        { "id": "a", "sql": "SELECT 1 AS n" })"), {message});
    require_diagnostics(
        with_steps(R"(        { "id": "a", "sql": "SELECT 1 AS n", "report": false })"), {message});
    require_diagnostics(
        with_steps(R"(        { "id": "a", "sql": "SELECT 1 AS n", "expect": [] })"), {message});
}

TEST_CASE("checks on a step that is not sql", "[loader][steps]") {
    require_diagnostics(with_steps(R"(        { "id": "a", "manual": true, "report": true })"),
                        {"runbooks/daily.json:7:9: checklists[0].steps[0]: \"expect\", "
                         "\"row_count\", \"report\", \"key\", \"show\" and \"on_empty\" "
                         "apply to sql steps only"});
}

TEST_CASE("a report step may have thresholds: they are evaluated and its table shown",
          "[loader][steps]") {
    const LoadResult result = load(with_steps(
        R"(        { "id": "a", "sql": "SELECT 1 AS n", "row_count": { "fail_below": 1 }, "report": true })"));
    CHECK(rendered(result).empty());
    REQUIRE(result.runbook.has_value());
    const auto& step = result.runbook->checklists[0].steps[0];
    CHECK(step.report);
    CHECK(step.row_count_rules.size() == 1);
}

TEST_CASE("postgres is read as postgresql in the runbook and its sql objects", "[loader][sql]") {
    const LoadResult result = load(R"({
  "runbook": "daily",
  "dialect": "postgres",
  "checklists": [{"name": "morning", "steps": [
    {"id": "a", "sql": {"postgres": "SELECT 1 AS n"}, "expect": [{"column": "n", "fail_below": 1}]}
  ]}]
})");
    INFO(rendered(result).size());
    REQUIRE(result.runbook.has_value());
    CHECK(result.runbook->dialect == "postgresql");
    const auto& sql = result.runbook->checklists.at(0).steps.at(0).sql;
    CHECK(sql.count("postgresql") == 1);
    CHECK(sql.count("postgres") == 0);
}

TEST_CASE("an unknown dialect in an sql object points at the dialect key", "[loader][sql]") {
    // Line 7: the sql object's "{" is in column 29 and the "snowflak" key in 31.
    require_diagnostics(
        with_steps(
            R"(        { "id": "a", "sql": { "snowflak": "SHOW WAREHOUSES" }, "report": true })"),
        {"runbooks/daily.json:7:31: checklists[0].steps[0].sql.snowflak: unknown dialect "
         "\"snowflak\" (did you mean \"snowflake\"?)"});
    // The second variant, "postgesql" (column 63), is the unknown one.
    require_diagnostics(
        with_steps(
            R"(        { "id": "a", "sql": { "snowflake": "SHOW WAREHOUSES", "postgesql": "SELECT 1" }, "report": true })"),
        {"runbooks/daily.json:7:63: checklists[0].steps[0].sql.postgesql: unknown dialect "
         "\"postgesql\" (did you mean \"postgresql\"?)"});
    // "postgres" names PostgreSQL, once: a second SQL for it would be lost (keys are
    // read in sorted order, so the second is "postgresql").
    require_diagnostics(
        with_steps(
            R"(        { "id": "a", "sql": { "postgresql": "SELECT 1", "postgres": "SELECT 2" }, "report": true })"),
        {"runbooks/daily.json:7:31: checklists[0].steps[0].sql.postgresql: a second SQL for "
         "dialect postgresql"});
    require_diagnostics(
        with_steps(R"(        { "id": "a", "sql": { "sqlite": 1 }, "report": true })"),
        {"runbooks/daily.json:7:41: checklists[0].steps[0].sql.sqlite: the SQL of a dialect must "
         "be a string, found a number"});
    require_diagnostics(R"({
  "runbook": "daily",
  "dialect": "snowflak",
  "checklists": [ { "name": "morning", "steps": [ { "id": "a", "manual": true } ] } ]
})",
                        {"runbooks/daily.json:3:14: dialect: unknown dialect \"snowflak\" (did "
                         "you mean \"snowflake\"?)"});
}

// ---- variables -------------------------------------------------------------------

TEST_CASE("an unknown variable in a threshold", "[loader][variables]") {
    require_diagnostics(
        with_steps(
            R"(        { "id": "a", "sql": "SELECT 1 AS n", "expect": [ { "column": "n", "fail_above": "${x}" } ] })"),
        {"runbooks/daily.json:7:89: checklists[0].steps[0].expect[0].fail_above: unknown variable "
         "${x}"});
    // With a close declared name, a suggestion; the row_count value is in column 70.
    require_diagnostics(R"({
  "runbook": "daily",
  "variables": { "freshness_fail_minutes": { "default": 360 } },
  "checklists": [
    {
      "name": "morning",
      "steps": [
        { "id": "a", "sql": "SELECT 1", "row_count": { "fail_above": "${freshnes_fail_minutes}" } }
      ]
    }
  ]
})",
                        {"runbooks/daily.json:8:70: checklists[0].steps[0].row_count.fail_above: "
                         "unknown variable ${freshnes_fail_minutes} (did you mean "
                         "\"freshness_fail_minutes\"?)"});
}

TEST_CASE("a variable declared in another checklist is not in scope", "[loader][variables]") {
    require_diagnostics(R"({
  "runbook": "daily",
  "checklists": [
    { "name": "one", "variables": { "limit": { "default": 5 } }, "steps": [ { "id": "a", "manual": true } ] },
    { "name": "two", "steps": [ { "id": "a", "sql": "SELECT 1", "row_count": { "fail_above": "${limit}" } } ] }
  ]
})",
                        {"runbooks/daily.json:5:94: checklists[1].steps[0].row_count.fail_above: "
                         "unknown variable ${limit}"});
}

TEST_CASE("an unknown variable in SQL", "[loader][variables]") {
    // Line 7: the SQL string starts in column 29.
    require_diagnostics(
        with_steps(R"(        { "id": "a", "sql": "SELECT ${x} AS n", "report": true })"),
        {"runbooks/daily.json:7:29: checklists[0].steps[0].sql: the SQL uses ${x}, which is not "
         "declared in \"variables\""});
    // In a dialect variant: the postgresql text starts in column 45.
    require_diagnostics(
        with_steps(
            R"(        { "id": "a", "sql": { "postgresql": "SELECT ${days_back}" }, "report": true })"),
        {"runbooks/daily.json:7:45: checklists[0].steps[0].sql.postgresql: the SQL uses "
         "${days_back}, which is not declared in \"variables\""});
}

TEST_CASE("a variable default that does not fit its use", "[loader][variables]") {
    require_diagnostics(R"({
  "runbook": "daily",
  "variables": { "limit": { "default": "lots" }, "Bad": { "default": 1 } },
  "checklists": [
    {
      "name": "morning",
      "steps": [
        { "id": "a", "sql": "SELECT 1", "row_count": { "fail_above": "${limit}" } }
      ]
    }
  ]
})",
                        {"runbooks/daily.json:3:50: variables.Bad: \"Bad\" is not a valid variable "
                         "name: use lower-case letters, digits and '_'",
                         "runbooks/daily.json:8:70: checklists[0].steps[0].row_count.fail_above: "
                         "the default of ${limit}: \"lots\" is not a number"});
}

// ---- durations and schedules -----------------------------------------------------

TEST_CASE("a bad duration", "[loader][durations]") {
    // Line 7: the timeout value starts in column 52.
    require_diagnostics(
        with_steps(R"(        { "id": "a", "shell": ["true"], "timeout": "5 minutes" })"),
        {"runbooks/daily.json:7:52: checklists[0].steps[0].timeout: \"5 minutes\" is not a "
         "duration (examples: \"90s\", \"5m\", \"24h\", \"1d\")"});
    require_diagnostics(
        with_steps(R"(        { "id": "a", "shell": ["true"], "timeout": "1.5h" })"),
        {"runbooks/daily.json:7:52: checklists[0].steps[0].timeout: \"1.5h\" is not a duration "
         "(examples: \"90s\", \"5m\", \"24h\", \"1d\")"});
    require_diagnostics(
        with_steps(
            R"(        { "id": "a", "sql": "SELECT 1 AS t", "expect": [ { "column": "t", "fail_older_than": "1 day" } ] })"),
        {"runbooks/daily.json:7:94: checklists[0].steps[0].expect[0].fail_older_than: "
         "\"fail_older_than\" must be a duration such as \"24h\" or a \"${variable}\", found "
         "\"1 day\""});
    require_diagnostics(R"({
  "runbook": "incident",
  "checklists": [
    { "name": "sev1", "response_time": 15, "steps": [ { "id": "a", "manual": true } ] }
  ]
})",
                        {"runbooks/daily.json:4:40: checklists[0].response_time: "
                         "\"response_time\" must be a string, found a number"});
}

TEST_CASE("a bad schedule", "[loader][schedules]") {
    require_diagnostics(R"({
  "runbook": "daily",
  "checklists": [
    {
      "name": "morning",
      "schedule": "0 25 * * *",
      "steps": [ { "id": "a", "manual": true } ]
    }
  ]
})",
                        {"runbooks/daily.json:6:19: checklists[0].schedule: invalid schedule "
                         "\"0 25 * * *\": hour field \"25\": out of range 0-23"});
    require_diagnostics(R"({
  "runbook": "daily",
  "checklists": [
    { "name": "morning", "schedule": "0 8 * *", "steps": [ { "id": "a", "manual": true } ] }
  ]
})",
                        {"runbooks/daily.json:4:38: checklists[0].schedule: invalid schedule "
                         "\"0 8 * *\": expected five fields (minute hour day-of-month month "
                         "day-of-week), found 4"});
}

// ---- warning thresholds beyond failure thresholds --------------------------------

TEST_CASE("warn_above above fail_above can never fire", "[loader][thresholds]") {
    // Line 7: "warn_above" starts in column 93, its value in 107.
    require_diagnostics(
        with_steps(
            R"(        { "id": "a", "sql": "SELECT 1 AS n", "expect": [ { "column": "n", "fail_above": 10, "warn_above": 20 } ] })"),
        {"runbooks/daily.json:7:107: checklists[0].steps[0].expect[0].warn_above: \"warn_above\" "
         "lies beyond \"fail_above\": the warning could never fire"});
    require_diagnostics(
        with_steps(
            R"(        { "id": "a", "sql": "SELECT 1 AS n", "expect": [ { "column": "n", "warn_below": 1, "fail_below": 5 } ] })"),
        {"runbooks/daily.json:7:89: checklists[0].steps[0].expect[0].warn_below: \"warn_below\" "
         "lies beyond \"fail_below\": the warning could never fire"});
    require_diagnostics(
        with_steps(
            R"(        { "id": "a", "sql": "SELECT 1 AS n", "expect": [ { "column": "n", "fail_older_than": "1d", "warn_older_than": "2d" } ] })"),
        {"runbooks/daily.json:7:119: checklists[0].steps[0].expect[0].warn_older_than: "
         "\"warn_older_than\" lies beyond \"fail_older_than\": the warning could never fire"});
}

TEST_CASE("a warning band before the failure threshold is accepted", "[loader][thresholds]") {
    const LoadResult result = load(with_steps(
        R"(        { "id": "a", "sql": "SELECT 1 AS n", "expect": [ { "column": "n", "fail_above": 360, "warn_above": 300, "fail_below": 0, "warn_below": 10 } ] })"));
    CHECK(rendered(result).empty());
    REQUIRE(result.runbook.has_value());
    const auto& rules = result.runbook->checklists[0].steps[0].expectations[0].rules;
    REQUIRE(rules.size() == 4);
    CHECK(rules[0].number == 360);
    CHECK(rules[1].number == 300);
    CHECK(rules[2].number == 0);
    CHECK(rules[3].number == 10);
}

TEST_CASE("every problem of a file is reported, not just the first", "[loader]") {
    const LoadResult result = load(R"({
  "runbook": "Daily",
  "checklists": [
    {
      "name": "morning",
      "schedule": "61 * * * *",
      "steps": [
        { "id": "a", "sql": "SELECT 1" },
        { "id": "a", "shell": [] }
      ]
    }
  ]
})");
    CHECK(rendered(result) ==
          std::vector<std::string>{
              "runbooks/daily.json:2:14: runbook: \"Daily\" is not a valid runbook: use "
              "lower-case letters, digits and '-'",
              "runbooks/daily.json:6:19: checklists[0].schedule: invalid schedule \"61 * * * *\": "
              "minute field \"61\": out of range 0-59",
              "runbooks/daily.json:8:9: checklists[0].steps[0]: an sql step needs \"expect\", "
              "\"row_count\" or \"report\": true, so that it can fail",
              "runbooks/daily.json:9:31: checklists[0].steps[1].shell: \"shell\" must be a "
              "non-empty array of strings: the program and its arguments",
              "runbooks/daily.json:9:17: checklists[0].steps[1].id: duplicate step id \"a\" in "
              "checklist \"morning\""});
    CHECK_FALSE(result.runbook.has_value());
}

TEST_CASE("load_runbook_file names a file it cannot read", "[loader]") {
    const LoadResult result = opsctl::load_runbook_file("/nonexistent/opsctl/runbook.json");
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].to_string() ==
          "/nonexistent/opsctl/runbook.json:1:1: cannot read the file");
    CHECK_FALSE(result.runbook.has_value());
}

TEST_CASE("on_empty and case_sensitive load, and are checked", "[loader][on_empty]") {
    const LoadResult good = load(with_steps(
        R"(        {"id": "a", "sql": "SELECT 1", "on_empty": "fail", "expect": [{"column": "n", "fail_if": "X", "case_sensitive": true}]},
        {"id": "b", "sql": "SELECT 1", "expect": [{"column": "n", "fail_above": 1}]},
        {"id": "c", "sql": "SELECT 1", "on_empty": "pass", "row_count": {"fail_above": 0}})"));
    INFO(rendered(good).size());
    REQUIRE(good.runbook.has_value());
    const auto& steps = good.runbook->checklists[0].steps;
    CHECK(steps[0].on_empty == opsctl::EmptyPolicy::Fail);
    CHECK(steps[0].expectations[0].case_sensitive);
    CHECK_FALSE(steps[1].on_empty.has_value());
    CHECK_FALSE(steps[1].expectations[0].case_sensitive);
    CHECK(opsctl::effective_empty_policy(steps[1]) == opsctl::EmptyPolicy::Warn);
    CHECK(opsctl::effective_empty_policy(steps[2]) == opsctl::EmptyPolicy::Pass);

    require_diagnostics(
        with_steps(
            R"(        {"id": "a", "sql": "SELECT 1", "on_empty": "fial", "expect": [{"column": "n", "fail_above": 1}]})"),
        {"runbooks/daily.json:7:52: checklists[0].steps[0].on_empty: \"on_empty\" is one of "
         "\"warn\", \"fail\", \"pass\" (did you mean \"fail\"?)"});
    require_diagnostics(
        with_steps(R"(        {"id": "a", "manual": true, "on_empty": "warn"})"),
        {"runbooks/daily.json:7:9: checklists[0].steps[0]: \"expect\", \"row_count\", "
         "\"report\", \"key\", \"show\" and \"on_empty\" apply to sql steps only"});
}

TEST_CASE("show names the columns beside each offending row, and is checked", "[loader][show]") {
    const LoadResult good = load(with_steps(
        R"(        {"id": "a", "sql": "SELECT 1", "show": ["test_name", "Evaluated_At"], "expect": [{"column": "n", "fail_above": 1}]})"));
    REQUIRE(good.runbook.has_value());
    CHECK(good.runbook->checklists[0].steps[0].show ==
          std::vector<std::string>{"test_name", "Evaluated_At"});

    const std::string wanted = "\"show\" must be a non-empty array of column names";
    for (const std::string show : {R"("test_name")", "[]", R"([""])", R"(["a", 5])", "null"}) {
        INFO(show);
        require_diagnostics(with_steps(R"(        {"id": "a", "sql": "SELECT 1", "show": )" + show +
                                       R"(, "report": true})"),
                            {"runbooks/daily.json:7:48: checklists[0].steps[0].show: " + wanted});
    }
    require_diagnostics(
        with_steps(
            R"(        {"id": "a", "sql": "SELECT 1", "show": ["Name", "name"], "report": true})"),
        {"runbooks/daily.json:7:48: checklists[0].steps[0].show: \"show\" names \"name\" "
         "twice"});
    require_diagnostics(
        with_steps(R"(        {"id": "a", "shell": ["true"], "show": ["n"]})"),
        {"runbooks/daily.json:7:9: checklists[0].steps[0]: \"expect\", \"row_count\", "
         "\"report\", \"key\", \"show\" and \"on_empty\" apply to sql steps only"});
}

TEST_CASE("a threshold keeps the exact decimal the file writes", "[loader][numbers]") {
    const LoadResult result = load(with_steps(
        R"(        {"id": "a", "sql": "SELECT 1", "expect": [{"column": "n", "fail_above": 18446744073709551616, "warn_above": 0.30000000000000000001}]},
        {"id": "b", "sql": "SELECT 1", "row_count": {"fail_above": 1E3}, "expect": [{"column": "n", "fail_below": 360}]})"));
    REQUIRE(result.runbook.has_value());
    const auto& steps = result.runbook->checklists[0].steps;
    CHECK(steps[0].expectations[0].rules[0].number_text == "18446744073709551616");
    CHECK(steps[0].expectations[0].rules[1].number_text == "0.30000000000000000001");
    CHECK(steps[1].row_count_rules[0].number_text == "1E3");
    CHECK(steps[1].expectations[0].rules[0].number_text == "360");
}
