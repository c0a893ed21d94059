// Verdicts end to end, on real warehouses (an SQLite file and the tests'
// PostgreSQL): no rows is not health, a failure outranks an error in the exit code
// and in every format, column names match whatever case the engine returns, and a
// threshold given by --set is compared and printed exactly as written.

#include <catch2/catch.hpp>
#include <string>

#include "e2e/e2e_support.h"
#include "integration/integration_support.h"

using opsctl::e2e::contains;
using opsctl::e2e::step_of;
using opsctl::test::run_opsctl;
using opsctl::test::TempDir;

namespace {

// One checklist "c" of runbook "v", with `steps` (JSON), in the sqlite dialect.
std::string runbook(const std::string& steps) {
    return R"({"runbook": "v", "title": "Verdicts", "dialect": "sqlite",
  "variables": {"limit": {"default": 5, "description": "a threshold"}},
  "checklists": [{"name": "c", "title": "C", "steps": [)" +
           steps + "]}]}";
}

struct Warehouse {
    TempDir dir;
    std::string target;
    explicit Warehouse(const std::string& setup_sql) {
        const std::string path = dir.file("wh.db");
        opsctl::itest::SqliteFile(path).exec(setup_sql);
        target = "sqlite:" + path;
    }
    opsctl::test::Process run(const std::string& steps, std::vector<std::string> extra = {}) {
        dir.write("v.json", runbook(steps));
        std::vector<std::string> args{"v", "c", "--runbooks", dir.path(), "--target", target};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_opsctl(args);
    }
};

const char* kThreeFailuresAndAnError = R"(
  {"id": "a", "sql": "SELECT 9 AS n", "expect": [{"column": "n", "fail_above": 1}]},
  {"id": "b", "sql": "SELECT 9 AS n", "expect": [{"column": "n", "fail_above": 1}]},
  {"id": "c", "sql": "SELECT 9 AS n", "expect": [{"column": "n", "fail_above": 1}]},
  {"id": "broken", "sql": "SELECT n FROM no_such_table", "expect": [{"column": "n", "fail_above": 1}]})";

}  // namespace

TEST_CASE("verdicts: three failures and an error exit 2, and every format says fail",
          "[e2e][verdicts][exit]") {
    Warehouse warehouse("CREATE TABLE t (x)");
    const auto text = warehouse.run(kThreeFailuresAndAnError);
    INFO(text.out << text.err);
    CHECK(text.exit_code == 2);
    CHECK(contains(text.out, "3 fail, 1 error"));

    const auto json = warehouse.run(kThreeFailuresAndAnError, {"--format", "json"});
    CHECK(json.exit_code == 2);
    CHECK(json.json().at("status") == "fail");
    const auto report = json.json();
    CHECK(step_of(report, "broken").at("status") == "error");
    // A query that failed returned no rows, but that is not an empty window.
    CHECK(step_of(report, "broken").at("violations").empty());

    const auto nagios = warehouse.run(kThreeFailuresAndAnError, {"--format", "nagios"});
    CHECK(nagios.exit_code == 2);
    CHECK(opsctl::e2e::starts_with(nagios.out, "OPSCTL CRITICAL - "));
    CHECK(contains(nagios.out, "3 fail (a, b, c); 1 error (broken)"));
}

TEST_CASE("verdicts: an error alone still exits 3", "[e2e][verdicts][exit]") {
    Warehouse warehouse("CREATE TABLE t (x)");
    const auto run = warehouse.run(
        R"({"id": "broken", "sql": "SELECT n FROM no_such_table", "expect": [{"column": "n", "fail_above": 1}]},
           {"id": "w", "sql": "SELECT 9 AS n", "expect": [{"column": "n", "warn_above": 1}]})");
    CHECK(run.exit_code == 3);
}

TEST_CASE("verdicts: an empty window warns, on_empty fail fails, pass passes",
          "[e2e][verdicts][on_empty]") {
    Warehouse warehouse("CREATE TABLE runs (finished_at TEXT, status TEXT)");
    const auto warned = warehouse.run(
        R"({"id": "runs", "sql": "SELECT status FROM runs", "expect": [{"column": "status", "fail_if": "error"}]})");
    INFO(warned.out << warned.err);
    CHECK(warned.exit_code == 1);
    CHECK(contains(warned.out, "no rows in the window: nothing confirms health"));
    CHECK_FALSE(contains(warned.out, "PASS"));

    const auto failed = warehouse.run(
        R"({"id": "runs", "on_empty": "fail", "sql": "SELECT status FROM runs", "expect": [{"column": "status", "fail_if": "error"}]})",
        {"--format", "json"});
    CHECK(failed.exit_code == 2);
    const auto report = failed.json();
    const auto& step = step_of(report, "runs");
    CHECK(step.at("status") == "fail");
    CHECK(step.at("violations")[0].at("rule") == "on_empty");

    const auto passed = warehouse.run(
        R"({"id": "runs", "on_empty": "pass", "description": "rows are the problems", "sql": "SELECT status FROM runs", "expect": [{"column": "status", "fail_if": "error"}]})");
    CHECK(passed.exit_code == 0);
}

TEST_CASE("verdicts: producers' spellings and upper-case columns", "[e2e][verdicts][strings]") {
    Warehouse warehouse(
        "CREATE TABLE dbt_runs (MODEL TEXT, STATUS CHAR(8));"
        "INSERT INTO dbt_runs VALUES ('orders', 'success'), ('shipments', 'error   ');");
    const auto run = warehouse.run(
        R"({"id": "dbt", "key": "model", "sql": "SELECT MODEL, STATUS FROM dbt_runs", "expect": [{"column": "status", "fail_if": "ERROR"}]})",
        {"--format", "json"});
    INFO(run.out << run.err);
    CHECK(run.exit_code == 2);
    const auto report = run.json();
    const auto& step = step_of(report, "dbt");
    REQUIRE(step.at("violations").size() == 1);
    CHECK(step.at("violations")[0].at("key") == "shipments");
    CHECK(step.at("violations")[0].at("column") == "status");  // the runbook's spelling
}

TEST_CASE("verdicts: --set keeps a threshold exactly as written", "[e2e][verdicts][numbers]") {
    Warehouse warehouse("CREATE TABLE t (x)");
    const std::string step =
        R"({"id": "big", "sql": "SELECT '18446744073709551617' AS n", "expect": [{"column": "n", "fail_above": "${limit}"}]})";
    const auto over =
        warehouse.run(step, {"--set", "limit=18446744073709551616", "--format", "json"});
    INFO(over.out << over.err);
    CHECK(over.exit_code == 2);
    // The threshold in the report is the number as given, not 1.8446744073709552e+19.
    CHECK(contains(over.out, "\"threshold\": 18446744073709551616"));
    const auto on = warehouse.run(step, {"--set", "limit=18446744073709551617"});
    CHECK(on.exit_code == 0);
}

TEST_CASE("verdicts: PostgreSQL booleans, time stamps ahead and upper-case identifiers",
          "[e2e][verdicts][postgres]") {
    const std::string database = opsctl::test::fresh_pg_database("verdicts");
    TempDir dir;
    dir.write("v.json", R"({"runbook": "v", "title": "V", "dialect": "postgresql",
  "checklists": [{"name": "c", "title": "C", "steps": [
    {"id": "paid", "sql": "SELECT (1 = 0) AS is_paid", "expect": [{"column": "is_paid", "fail_if": "false"}]},
    {"id": "ok", "sql": "SELECT (1 = 1) AS ok", "expect": [{"column": "ok", "fail_unless": "true"}]},
    {"id": "future", "sql": "SELECT now() + interval '2 days' AS synced_at", "expect": [{"column": "synced_at", "fail_older_than": "24h"}]},
    {"id": "upper", "sql": "SELECT 7 AS \"MINUTES_SINCE_SYNC\"", "expect": [{"column": "minutes_since_sync", "fail_above": 360}]}
  ]}]})");
    const auto run = run_opsctl({"v", "c", "--runbooks", dir.path(), "--target",
                                 opsctl::test::pg_uri(database), "--format", "json"});
    INFO(run.out << run.err);
    const auto report = run.json();
    const auto& checklist = report;
    CHECK(step_of(checklist, "paid").at("status") == "fail");
    CHECK(step_of(checklist, "ok").at("status") == "pass");
    CHECK(step_of(checklist, "future").at("status") == "fail");
    CHECK(step_of(checklist, "upper").at("status") == "pass");
    CHECK(run.exit_code == 2);
}
