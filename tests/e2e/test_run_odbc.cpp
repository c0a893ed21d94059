// opsctl against the tests' PostgreSQL through ODBC (psqlODBC): the same checklist
// must report exactly what the postgresql:// target reports, step by step.

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "e2e/e2e_support.h"

using namespace opsctl::e2e;
using opsctl::test::pg_odbc;
using opsctl::test::pg_uri;
using opsctl::test::Process;
using opsctl::test::run_opsctl;

namespace {

const std::map<std::string, std::string> kNoShell{{"PATH", empty_path_dir()}};

Process run_json(const std::string& runbook, const std::string& checklist,
                 const std::string& target, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{runbook,   checklist, "--target", target,
                                  "--as-of", kAsOf,     "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_opsctl(args, kNoShell);
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

void check_same_report(const std::string& runbook, const std::string& checklist,
                       const std::string& database, int expected_exit) {
    INFO(runbook << " " << checklist << " on " << database);
    const Process native = run_json(runbook, checklist, pg_uri(database));
    const Process odbc = run_json(runbook, checklist, "odbc:" + pg_odbc(database));
    INFO("libpqxx stderr:\n" << native.err << "\nODBC stderr:\n" << odbc.err);
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

TEST_CASE("run odbc: daily morning through psqlODBC reports exactly what libpqxx reports",
          "[e2e][odbc][run]") {
    check_same_report("daily", "morning", "wh_healthy", 0);
    check_same_report("daily", "morning", "wh_faults", 2);
}

TEST_CASE("run odbc: more checklists with faults agree with libpqxx", "[e2e][odbc][run]") {
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
        kNoShell);
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
