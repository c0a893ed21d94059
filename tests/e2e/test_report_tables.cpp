// Report steps show their rows to people (text and Markdown tables, --rows), and
// colour follows --color, the terminal and NO_COLOR. On the embedded demo, whose
// data the stand-in loader makes deterministic for a fixed --as-of.

#include "e2e/e2e_support.h"

using namespace opsctl::e2e;
using opsctl::test::pg_uri;
using opsctl::test::run_opsctl;
using opsctl::test::TempDir;

namespace {

std::vector<std::string> month_end(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"monthly", "month-end", "--target", "demo", "--as-of", kAsOf};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

}  // namespace

TEST_CASE("report tables: a report step's rows appear in text and Markdown", "[e2e][report]") {
    const Process text = run_opsctl(month_end());
    INFO(text.out << text.err);
    REQUIRE(text.exit_code <= 2);
    CHECK(contains(text.out, "-+-"));  // the rule under a table's header
    const Process markdown = run_opsctl(month_end({"--format", "markdown"}));
    REQUIRE(markdown.exit_code <= 2);
    CHECK(contains(markdown.out, "|---"));
}

TEST_CASE("report tables: --rows cuts the table and says how many rows are left", "[e2e][report]") {
    const Process all = run_opsctl(month_end({"--rows", "all"}));
    const Process two = run_opsctl(month_end({"--rows", "2"}));
    INFO(two.out << two.err);
    REQUIRE(two.exit_code == all.exit_code);
    CHECK(contains(two.out, "\xE2\x80\xA6 and "));
    CHECK(contains(two.out, " more rows"));
    CHECK_FALSE(contains(all.out, " more rows"));
    CHECK(lines_of(two.out).size() < lines_of(all.out).size());
    // JSON keeps as many rows as asked for.
    const Process json_two = run_opsctl(month_end({"--rows", "2", "--format", "json"}));
    const auto report = json::parse(json_two.out);
    for (const auto& checklist :
         report.contains("checklists") ? report["checklists"] : json::array({report})) {
        for (const auto& step : checklist["steps"]) {
            if (step.contains("rows")) CHECK(step["rows"].size() <= 2);
        }
    }
}

TEST_CASE("report tables: a --rows that is no number of rows is refused", "[e2e][report]") {
    for (const char* bad : {"-1", "many", "", "2x"}) {
        INFO(bad);
        const std::string line = require_usage_error(run_opsctl(month_end({"--rows", bad})));
        CHECK(contains(line, "--rows"));
    }
}

TEST_CASE("colour: --color always and never decide, over the terminal and NO_COLOR",
          "[e2e][output]") {
    const auto morning = [](const std::string& when) {
        return std::vector<std::string>{"daily",   "morning", "--target", "demo:faults",
                                        "--as-of", kAsOf,     "--color",  when};
    };
    CHECK(contains(run_opsctl(morning("always")).out, "\x1b[31mFAIL"));  // to a pipe
    CHECK(contains(run_opsctl(morning("always"), {{"NO_COLOR", "1"}}).out, "\x1b[31mFAIL"));
    CHECK_FALSE(contains(run_opsctl_on_terminal(morning("never")).out, "\x1b"));
    CHECK_FALSE(contains(run_opsctl_on_terminal(morning("auto"), {{"TERM", "dumb"}}).out, "\x1b"));
    require_usage_error(run_opsctl(morning("sometimes")));
}

namespace {

// Three tests of a dbt-like run: one failed with an error message that holds an escape
// sequence and a long text, one passed, one with no message at all.
// clang-format off
constexpr const char* kContextRunbook = R"js({"runbook": "ctx", "checklists": [{"name": "run", "steps": [
    {"id": "tests", "key": "test_name", "show": ["Error_Message", "evaluated_at"],
     "sql": {"postgresql": "SELECT * FROM (VALUES ('fk_orders', 'FAIL', E'37 orphans \\x1b[32mPASS ' || repeat('x', 100), TIMESTAMP '2026-09-01 00:00:00'), ('fk_lines', 'PASS', 'ok', TIMESTAMP '2026-11-26 07:10:00'), ('fk_null', 'FAIL', NULL, TIMESTAMP '2026-11-26 07:10:00')) AS t(test_name, test_result, error_message, evaluated_at)"},
     "expect": [{"column": "test_result", "fail_if": "FAIL"}]},
    {"id": "metrics", "report": true,
     "sql": {"postgresql": "SELECT * FROM (VALUES ('2026-10-01'::date, 3.1), ('2026-11-01'::date, 7.2)) AS t(month, unpaid_pct)"},
     "expect": [{"column": "unpaid_pct", "fail_above": 5}]},
    {"id": "missing", "show": ["no_such_column"],
     "sql": {"postgresql": "SELECT 1 AS n"},
     "expect": [{"column": "n", "fail_above": 5}]}]}]})js";
// clang-format on

Process run_context(const TempDir& folder, const std::string& format) {
    return run_opsctl({"--runbooks", folder.path(), "ctx", "run", "--target", pg_uri("wh_healthy"),
                       "--as-of", kAsOf, "--no-lock", "--format", format});
}

}  // namespace

TEST_CASE("show: the chosen columns stand beside each offending row in every format",
          "[e2e][report][show]") {
    const TempDir folder;
    folder.write("ctx.json", kContextRunbook);

    const Process text = run_context(folder, "text");
    INFO(text.out << text.err);
    CHECK(text.exit_code == 2);  // the failures decide; "missing" is an error beside them
    CHECK(contains(text.out, "fail  fk_orders: test_result is FAIL\n"));
    // Escaped for the terminal, cut like a table cell, the time stamp for people.
    CHECK(contains(text.out, "      Error_Message: 37 orphans \\x1b[32mPASS xxxxxxxxx"));
    CHECK(contains(text.out, "\xE2\x80\xA6, evaluated_at: 2026-09-01\n"));
    CHECK(contains(text.out, "Error_Message: (null), evaluated_at: 2026-11-26 07:10 UTC"));
    CHECK_FALSE(contains(text.out, "\x1b"));
    CHECK_FALSE(contains(text.out, "fk_lines"));
    // A column not in the result: the step is an error naming it, not a pass.
    CHECK(text_step(text_steps(text.out), "missing").label == "ERROR");
    CHECK(contains(text.out, "column \"no_such_column\" is not in the result (columns: n)"));

    const json report = run_context(folder, "json").json();
    const json& tests = step_of(report, "tests");
    REQUIRE(tests.at("violations").size() == 2);
    const json& first = tests.at("violations")[0];
    CHECK(first.at("context").at("Error_Message") ==
          "37 orphans \x1b[32mPASS " + std::string(100, 'x'));  // exact, as JSON escapes it
    CHECK(first.at("context").at("evaluated_at") == "2026-09-01 00:00:00");
    CHECK(tests.at("violations")[1].at("context").at("Error_Message").is_null());
    CHECK(step_of(report, "missing").at("status") == "error");

    const Process markdown = run_context(folder, "markdown");
    CHECK(contains(markdown.out,
                   "| severity | key | column | value | threshold | reason | Error_Message | "
                   "evaluated_at |\n|---|---|---|---|---|---|---|---|\n"));
    CHECK(contains(markdown.out, "| 2026-09-01 |\n"));
    CHECK(contains(markdown.out, "| *(null)* | 2026-11-26 07:10 UTC |\n"));
    CHECK_FALSE(contains(markdown.out, "\x1b"));

    const Process junit = run_context(folder, "junit");
    CHECK(contains(junit.out,
                   "fail  fk_orders: test_result is FAIL\n      Error_Message: 37 "
                   "orphans \\x1b[32mPASS "));
}

TEST_CASE("report with expect: the rules decide and the table is shown", "[e2e][report]") {
    const TempDir folder;
    folder.write("ctx.json", kContextRunbook);
    const Process text = run_context(folder, "text");
    INFO(text.out);
    const auto steps = text_steps(text.out);
    CHECK(text_step(steps, "metrics").label == "FAIL");
    CHECK(contains(text.out, "    month    | unpaid_pct\n"));
    CHECK(contains(text.out, " 2026-11-01 |        7.2\n"));
    CHECK(contains(text.out, "fail  row 2: unpaid_pct 7.2 > 5\n"));
    const json report = run_context(folder, "json").json();
    CHECK(step_of(report, "metrics").at("rows").size() == 2);
    CHECK(step_of(report, "metrics").at("violation_count") == 1);
}
