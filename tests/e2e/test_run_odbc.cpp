// opsctl against the tests' PostgreSQL through ODBC (psqlODBC): the same checklist
// must report exactly what the postgresql:// target reports, step by step.

#include <signal.h>

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "e2e/e2e_support.h"

using namespace opsctl::e2e;
using opsctl::test::BackgroundOpsctl;
using opsctl::test::eventually;
using opsctl::test::pg_odbc;
using opsctl::test::pg_scalar;
using opsctl::test::pg_uri;
using opsctl::test::Process;
using opsctl::test::run_opsctl;

namespace {

const std::map<std::string, std::string> kStubDbt{{"PATH", stub_dbt_path()}};

Process run_json(const std::string& runbook, const std::string& checklist,
                 const std::string& target, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{runbook,   checklist, "--target", target,
                                  "--as-of", kAsOf,     "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_opsctl(args, kStubDbt);
}

// Everything a report concludes about its steps, without timings and the target.
json verdicts_of(const json& report) {
    json steps = json::array();
    for (const auto& step : report.at("steps")) {
        json verdict = {{"id", step.at("id")}, {"status", step.at("status")}};
        for (const char* key : {"row_count", "violation_count", "violations", "columns", "rows"}) {
            if (step.contains(key)) verdict[key] = step.at(key);
        }
        steps.push_back(verdict);
    }
    return {{"status", report.at("status")},
            {"exit_code", report.at("exit_code")},
            {"counts", report.at("counts")},
            {"dialect", report.at("dialect")},
            {"steps", steps}};
}

// A runbook folder with one checklist "control/run" of the given SQL steps.
std::string control_runbook(const opsctl::test::TempDir& dir, const std::string& steps_json) {
    dir.write("control.json",
              R"({"runbook": "control", "checklists": [{"name": "run", "steps": [)" + steps_json +
                  "]}]}");
    return dir.path();
}

std::string pg_step(const std::string& id, const std::string& sql, const std::string& extra) {
    return R"({"id": ")" + id + R"(", "sql": {"postgresql": ")" + sql + R"("}, )" + extra + "}";
}

// Statements of the tests' server still running `marker` (a comment in their SQL).
int running(const std::string& marker) {
    return std::stoi(pg_scalar("postgres",
                               "SELECT count(*) FROM pg_stat_activity WHERE pid <> "
                               "pg_backend_pid() AND query LIKE '%" +
                                   marker + "%' AND query NOT LIKE '%pg_stat_activity%'"));
}

void check_same_report(const std::string& runbook, const std::string& checklist,
                       const std::string& database, int expected_exit) {
    INFO(runbook << " " << checklist << " on " << database);
    const Process native = run_json(runbook, checklist, pg_uri(database));
    const Process odbc = run_json(runbook, checklist, "odbc:" + pg_odbc(database));
    INFO("native stderr:\n" << native.err << "\nODBC stderr:\n" << odbc.err);
    REQUIRE(native.exit_code == expected_exit);
    REQUIRE(odbc.exit_code == native.exit_code);
    const json native_verdicts = verdicts_of(native.json());
    const json odbc_verdicts = verdicts_of(odbc.json());
    CHECK(odbc_verdicts.at("dialect") == "postgresql");
    REQUIRE(odbc_verdicts.at("steps").size() == native_verdicts.at("steps").size());
    for (size_t i = 0; i < native_verdicts.at("steps").size(); ++i) {
        INFO("step " << native_verdicts.at("steps")[i].at("id"));
        CHECK(odbc_verdicts.at("steps")[i].dump(1) == native_verdicts.at("steps")[i].dump(1));
    }
    CHECK(odbc_verdicts == native_verdicts);
}

}  // namespace

TEST_CASE(
    "run odbc: daily morning through psqlODBC reports exactly what the native connector reports",
    "[e2e][odbc][run]") {
    check_same_report("daily", "morning", "wh_healthy", 0);
    check_same_report("daily", "morning", "wh_faults", 2);
}

TEST_CASE("run odbc: more checklists with faults agree with the native connector",
          "[e2e][odbc][run]") {
    check_same_report("backup", "daily", "wh_faults", 2);
    check_same_report("ml", "daily", "wh_faults", 2);
    check_same_report("security", "daily", "wh_faults", 1);
}

TEST_CASE("run odbc: the report names the target without its password", "[e2e][odbc][secrets]") {
    // The fixture trusts local connections, so the password is never checked.
    const std::string target = "odbc:" + pg_odbc("wh_healthy") + "Pwd=hunter2xyz;";
    const Process run = run_json("daily", "morning", target);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK_FALSE(contains(run.out, "hunter2xyz"));
    CHECK_FALSE(contains(run.err, "hunter2xyz"));
    CHECK(contains(run.json().at("target").get<std::string>(), "Pwd=***"));
}

TEST_CASE("run odbc: an unreachable ODBC target is one error line, masked", "[e2e][odbc][bad]") {
    const Process run = run_opsctl(
        {"daily", "morning", "--target", "odbc:Driver={No Such Driver};Server=db;Pwd=hunter2xyz;"},
        kStubDbt);
    const std::string line = require_usage_error(run);
    CHECK(contains(line, "cannot connect to odbc:Driver={No Such Driver}"));
    CHECK(contains(line, ": Can't open lib 'No Such Driver'"));  // the driver manager's
    CHECK_FALSE(contains(line, "hunter2xyz"));
}

TEST_CASE("run odbc: --dialect overrides the detected dialect; a bad one is refused",
          "[e2e][odbc][dialect]") {
    // Rendering for a given dialect needs no connection at all.
    const Process render = run_opsctl({"render", "daily", "morning", "--target", "odbc:DSN=nowhere",
                                       "--dialect", "snowflake", "--as-of", kAsOf});
    INFO(render.err);
    REQUIRE(render.exit_code == 0);
    CHECK(contains(render.out, "for snowflake"));
    CHECK(contains(render.out, "SHOW WAREHOUSES"));  // Snowflake SQL, untranslated
    // Without --dialect, render asks the driver.
    const Process detected = run_opsctl({"render", "daily", "morning", "--target",
                                         "odbc:" + pg_odbc("wh_healthy"), "--as-of", kAsOf});
    INFO(detected.err);
    REQUIRE(detected.exit_code == 0);
    CHECK(contains(detected.out, "for postgresql"));
    // A run with --dialect uses it: warehouse-status has SQL for snowflake only.
    const Process run = run_json("daily", "morning", "odbc:" + pg_odbc("wh_healthy"),
                                 {"--dialect", "postgresql", "--only", "warehouse-status"});
    REQUIRE(run.exit_code == 0);
    CHECK(step_of(run.json(), "warehouse-status").at("status") == "skipped");
    const std::string line = require_usage_error(
        run_opsctl({"daily", "morning", "--target", "odbc:DSN=x", "--dialect", "snowflak"}));
    CHECK(contains(line, "--dialect"));
    CHECK(contains(line, "snowflake"));  // did you mean
}

TEST_CASE("run odbc: standin load refuses an ODBC target", "[e2e][odbc][bad]") {
    const std::string line = require_usage_error(
        run_opsctl({"standin", "load", "--target", "odbc:DSN=wh;PWD=hunter2xyz"}));
    CHECK(contains(line, "PostgreSQL or SQLite"));
    CHECK_FALSE(contains(line, "hunter2xyz"));
}

TEST_CASE("run odbc: a timed-out step is cancelled on the server, SIGTERM too",
          "[e2e][odbc][control]") {
    opsctl::test::TempDir dir;
    const std::string target = "odbc:" + pg_odbc("wh_healthy");
    const auto runbooks =
        control_runbook(dir, pg_step("slow", "SELECT pg_sleep(30) AS x -- marker-odbc-timeout",
                                     R"("report": true, "timeout": "1s")") +
                                 "," +
                                 pg_step("after", "SELECT 1 AS one",
                                         R"("expect": [{"column": "one", "fail_above": 1}])") +
                                 "," +
                                 pg_step("write",
                                         "WITH gone AS (DELETE FROM standin_meta RETURNING 1) "
                                         "SELECT count(*) AS n FROM gone",
                                         R"("report": true)"));
    const Process run = run_opsctl({"--runbooks", runbooks, "control", "run", "--target", target,
                                    "--format", "json", "--no-lock", "--jobs", "1"});
    INFO(run.err);
    CHECK(run.exit_code == 3);
    const json report = run.json();
    CHECK(step_of(report, "slow").at("status") == "error");
    CHECK(step_of(report, "slow").at("message") == "timed out after 1s");
    CHECK(step_of(report, "after").at("status") == "pass");
    // A write (item 2 lets only a data-modifying WITH get this far) is refused by the
    // server, with its SQLSTATE (psqlODBC's cursor refuses it before the read-only
    // transaction does), and changes nothing.
    CHECK(step_of(report, "write").at("status") == "error");
    CHECK(contains(step_of(report, "write").at("message").get<std::string>(), "(SQLSTATE "));
    CHECK(pg_scalar("wh_healthy", "SELECT count(*) FROM standin_meta") == "1");
    CHECK(eventually([] { return running("marker-odbc-timeout") == 0; }, 3.0));

    const std::string report_path = dir.file("report.json");
    dir.write("control.json",
              R"({"runbook": "control", "checklists": [{"name": "run", "steps": [)" +
                  pg_step("slow", "SELECT pg_sleep(60) AS x -- marker-odbc-sigterm",
                          R"("report": true)") +
                  "]}]}");
    BackgroundOpsctl background({"--runbooks", runbooks, "control", "run", "--target", target,
                                 "--format", "json", "--output", report_path, "--no-lock"});
    REQUIRE(eventually([] { return running("marker-odbc-sigterm") == 1; }, 10.0));
    background.signal(SIGTERM);
    const Process done = background.wait();
    CHECK(done.exit_code == 3);
    const json interrupted = json::parse(opsctl::test::read_file(report_path));
    CHECK(contains(step_of(interrupted, "slow").at("message").get<std::string>(), "SIGTERM"));
    CHECK(eventually([] { return running("marker-odbc-sigterm") == 0; }, 3.0));
}
