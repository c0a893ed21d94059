// opsctl <runbook> <checklist> against the tests' PostgreSQL: the stand-in loaded healthy
// (wh_healthy) and with the faults of sql/README.md (wh_faults), as of kAsOf.

#include <catch2/catch.hpp>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "e2e/e2e_support.h"

using namespace opsctl::e2e;
using opsctl::test::fresh_pg_database;
using opsctl::test::pg_admin;
using opsctl::test::pg_uri;
using opsctl::test::Process;
using opsctl::test::run_opsctl;

namespace {

const std::map<std::string, std::string> kStubDbt{{"PATH", stub_dbt_path()}};

Process run_morning(const std::string& target, const std::string& format,
                    const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"daily",   "morning", "--target", target,
                                  "--as-of", kAsOf,     "--format", format};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_opsctl(args, kStubDbt);
}

// `uri` with a password added to its user, "postgresql://postgres:PASSWORD@/...".
std::string with_password(const std::string& uri, const std::string& password) {
    const std::string user = "postgresql://postgres@";
    REQUIRE(starts_with(uri, user));
    return "postgresql://postgres:" + password + "@" + uri.substr(user.size());
}

const std::vector<std::string> kManualSteps{"review-overnight-alerts", "check-email-notifications",
                                            "verify-critical-system-status", "update-incident-log"};
const std::vector<std::string> kSqlSteps{"data-freshness", "data-quality-sla",
                                         "referential-integrity", "slow-queries", "warehouse-cost"};

}  // namespace

TEST_CASE("run postgres: daily morning on the healthy warehouse passes with a complete JSON report",
          "[e2e][postgres][run]") {
    const std::string target = pg_uri("wh_healthy");
    const long long before = epoch_of_iso8601(utc_now_iso8601());
    const Process run = run_morning(target, "json");
    INFO("stderr:\n" << run.err);
    REQUIRE(run.exit_code == 0);
    const json report = run.json();

    CHECK(report.at("runbook") == "daily");
    CHECK(report.at("checklist") == "morning");
    CHECK(report.at("title") == "Morning Checklist");
    CHECK(report.at("target") == target);
    CHECK(report.at("dialect") == "postgresql");
    CHECK(report.at("as_of") == "2026-11-26T08:00:00Z");
    CHECK(report.at("status") == "pass");
    CHECK(report.at("exit_code") == 0);

    // started_at and finished_at are the wall clock of the run, not the as-of time.
    const std::regex iso8601(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)");
    const std::string started = report.at("started_at").get<std::string>();
    const std::string finished = report.at("finished_at").get<std::string>();
    CHECK(std::regex_match(started, iso8601));
    CHECK(std::regex_match(finished, iso8601));
    CHECK(started <= finished);
    CHECK(epoch_of_iso8601(started) >= before - 1);
    CHECK(epoch_of_iso8601(finished) <= epoch_of_iso8601(utc_now_iso8601()) + 1);

    const json expected_counts = {{"pass", 6},  {"warn", 0},    {"fail", 0},
                                  {"error", 0}, {"skipped", 1}, {"manual", 4}};
    CHECK(report.at("counts") == expected_counts);
    std::map<std::string, int> tally;
    for (const auto& step : report.at("steps")) ++tally[step.at("status").get<std::string>()];
    for (const auto& [status, count] : expected_counts.items()) {
        CHECK(tally[status] == count.get<int>());
    }

    // Every step, in the runbook's order, with the same kind as in the runbook.
    const json checklist = shipped_checklist("daily", "morning");
    std::vector<std::string> runbook_order;
    for (const auto& step : checklist.at("steps"))
        runbook_order.push_back(step.at("id").get<std::string>());
    REQUIRE(step_ids(report) == runbook_order);
    for (size_t i = 0; i < checklist.at("steps").size(); ++i) {
        const json& source = checklist.at("steps")[i];
        const json& step = report.at("steps")[i];
        INFO("step " << step.dump());
        for (const char* key : {"id", "title", "kind", "status", "duration_ms", "message", "sql",
                                "row_count", "violations", "rows"}) {
            CHECK(step.contains(key));
        }
        const std::string kind = source.contains("sql")     ? "sql"
                                 : source.contains("shell") ? "shell"
                                                            : "manual";
        CHECK(step.at("kind") == kind);
        CHECK(step.at("title") == source.at("title"));
        CHECK(step.at("duration_ms").is_number_integer());
        CHECK(step.at("duration_ms").get<long long>() >= 0);
        CHECK(step.at("message").is_string());
        CHECK(step.at("violations").is_array());
        CHECK(step.at("violations").empty());
        CHECK(step.at("rows").is_array());
    }

    const json& dbt = step_of(report, "dbt-incremental-run");
    // The tests' stub dbt (stub_dbt_path) ran, with the runbook's arguments.
    CHECK(dbt.at("status") == "pass");
    CHECK(dbt.at("message") == "dbt exited with status 0");
    CHECK(contains(dbt.at("output").get<std::string>(), "stub dbt run --select tag:incremental"));
    CHECK(dbt.at("sql").is_null());
    CHECK(dbt.at("row_count").is_null());

    const json& warehouse = step_of(report, "warehouse-status");
    CHECK(warehouse.at("status") == "skipped");
    CHECK(contains(warehouse.at("message").get<std::string>(), "postgresql"));
    CHECK(warehouse.at("sql").is_null());
    CHECK(warehouse.at("row_count").is_null());

    for (const auto& id : kManualSteps) {
        const json& step = step_of(report, id);
        CHECK(step.at("status") == "manual");
        CHECK(step.at("kind") == "manual");
        CHECK(step.at("sql").is_null());
    }
    for (const auto& id : kSqlSteps) {
        const json& step = step_of(report, id);
        INFO(id);
        CHECK(step.at("status") == "pass");
        CHECK(step.at("sql").is_string());
        REQUIRE(step.at("row_count").is_number_integer());
        CHECK(step.at("row_count").get<int>() > 0);
        CHECK_FALSE(step.at("rows").empty());
        CHECK(step.at("rows").size() <= step.at("row_count").get<size_t>());
        // As of kAsOf, no query asks the server for the current date or time.
        CHECK_FALSE(contains(step.at("sql").get<std::string>(), "CURRENT_"));
    }

    // The SQL as sent: data-freshness needs no translation; the others get literals.
    const json& freshness = step_of(report, "data-freshness");
    CHECK(freshness.at("sql") ==
          "SELECT table_name, minutes_since_sync FROM vw_data_freshness_monitoring ORDER BY "
          "minutes_since_sync DESC");
    CHECK(freshness.at("row_count") == 8);
    CHECK(freshness.at("columns") == json({"table_name", "minutes_since_sync"}));
    CHECK(freshness.at("rows")[0] == json({"tbl_fact_route_performance", "360"}));
    CHECK(contains(step_of(report, "slow-queries").at("sql").get<std::string>(),
                   "TIMESTAMP '2026-11-26 08:00:00'"));
    CHECK(contains(step_of(report, "warehouse-cost").at("sql").get<std::string>(),
                   "DATE '2026-11-26'"));
}

TEST_CASE("run postgres: the SQL in a report is exactly what render prints for it",
          "[e2e][postgres][run]") {
    const Process run = run_morning(pg_uri("wh_healthy"), "json");
    REQUIRE(run.exit_code == 0);
    const Process render =
        run_opsctl({"render", "daily", "morning", "--dialect", "postgresql", "--as-of", kAsOf});
    REQUIRE(render.exit_code == 0);
    const auto rendered = lines_of(render.out);
    const json report = run.json();
    int compared = 0;
    for (const auto& step : report.at("steps")) {
        if (!step.at("sql").is_string()) continue;
        INFO("step " << step.at("id"));
        const std::string heading =
            "-- " + step.at("id").get<std::string>() + ": " + step.at("title").get<std::string>();
        const auto at = std::find(rendered.begin(), rendered.end(), heading);
        REQUIRE(at != rendered.end());
        REQUIRE(at + 1 != rendered.end());
        CHECK(*(at + 1) == step.at("sql").get<std::string>() + ";");
        ++compared;
    }
    CHECK(compared == 5);
}

TEST_CASE("run postgres: the report names the target without its password",
          "[e2e][postgres][run]") {
    const std::string secret = "e2e-Secret-42";
    const std::string target = with_password(pg_uri("wh_healthy"), secret);

    const Process json_run = run_morning(target, "json");
    INFO("stderr:\n" << json_run.err);
    REQUIRE(json_run.exit_code == 0);
    const std::string reported = json_run.json().at("target").get<std::string>();
    CHECK(starts_with(reported, "postgresql://postgres:***@/wh_healthy?"));
    CHECK_FALSE(contains(json_run.out, secret));
    CHECK_FALSE(contains(json_run.err, secret));

    const Process text_run = run_morning(target, "text");
    REQUIRE(text_run.exit_code == 0);
    CHECK(contains(text_run.out, "  target   postgresql://postgres:***@/wh_healthy?"));
    CHECK_FALSE(contains(text_run.out, secret));
    CHECK_FALSE(contains(text_run.err, secret));
}

TEST_CASE("run postgres: daily morning with faults fails on exactly the keys of sql/README.md",
          "[e2e][postgres][run][faults]") {
    const Process run = run_morning(pg_uri("wh_faults"), "json");
    INFO("stderr:\n" << run.err);
    REQUIRE(run.exit_code == 2);
    const json report = run.json();
    CHECK(report.at("status") == "fail");
    CHECK(report.at("exit_code") == 2);
    CHECK(
        report.at("counts") ==
        json({{"pass", 1}, {"warn", 0}, {"fail", 5}, {"error", 0}, {"skipped", 1}, {"manual", 4}}));

    // sql/README.md, "The same rows by step", daily/morning.
    const std::map<std::string, std::multiset<std::string>> expected{
        {"data-freshness", {"tbl_stale_carrier_events", "tbl_never_synced_returns"}},
        {"data-quality-sla", {"tbl_dq_failed_invoices"}},
        {"referential-integrity", {"fk_invoices_shipment"}},
        {"slow-queries", {"q-fault-1200s"}},
        {"warehouse-cost", {"ADHOC_SPIKE_WH / 2026-11-26"}},
    };
    for (const auto& step : report.at("steps")) {
        const std::string id = step.at("id").get<std::string>();
        INFO("step " << step.dump(2));
        const auto found = expected.find(id);
        if (found == expected.end()) {
            CHECK(step.at("status") != "fail");
            CHECK(step.at("violations").empty());
            continue;
        }
        CHECK(step.at("status") == "fail");
        // referential-integrity has no key: its rows are numbered; the README names test_name.
        CHECK(offending_keys(step, "test_name") == found->second);
        CHECK(step.at("violation_count") == found->second.size());
        for (const auto& violation : step.at("violations")) {
            CHECK(violation.at("severity") == "fail");
        }
    }
    CHECK(step_of(report, "dbt-incremental-run").at("status") == "pass");
    CHECK(step_of(report, "warehouse-status").at("status") == "skipped");

    // The violations say what broke, on which value, against which threshold.
    for (const auto& violation : step_of(report, "data-freshness").at("violations")) {
        CHECK(violation.at("column") == "minutes_since_sync");
        if (violation.at("key") == "tbl_stale_carrier_events") {
            CHECK(violation.at("rule") == "fail_above");
            CHECK(violation.at("value") == "1500");
            CHECK(violation.at("threshold") == 360);
        } else {
            CHECK(violation.at("value").is_null());
            CHECK(contains(violation.at("reason").get<std::string>(), "NULL"));
        }
    }
    const json& slow = step_of(report, "slow-queries").at("violations").at(0);
    CHECK(slow.at("value") == "1200");
    CHECK(slow.at("threshold") == 300);
    const json& cost = step_of(report, "warehouse-cost").at("violations").at(0);
    CHECK(cost.at("column") == "daily_cost_usd");
    CHECK(cost.at("threshold") == 1000);
    CHECK(std::stod(cost.at("value").get<std::string>()) == 1500.0);
}

TEST_CASE("run postgres: the text report shows the offending rows under each failing step",
          "[e2e][postgres][run][faults]") {
    const Process run = run_morning(pg_uri("wh_faults"), "text");
    INFO("stdout:\n" << run.out << "\nstderr:\n" << run.err);
    REQUIRE(run.exit_code == 2);
    CHECK(starts_with(run.out, "daily / morning - Morning Checklist\n"));
    CHECK(contains(run.out, "  as of    2026-11-26 08:00:00 UTC\n"));
    CHECK(contains(run.out, "dialect postgresql"));

    const auto steps = text_steps(run.out);
    REQUIRE(steps.size() == 11);

    const auto& freshness = text_step(steps, "data-freshness");
    CHECK(freshness.label == "FAIL");
    REQUIRE(freshness.details.size() == 2);
    const std::set<std::string> freshness_details(freshness.details.begin(),
                                                  freshness.details.end());
    CHECK(freshness_details.count("fail  tbl_stale_carrier_events: minutes_since_sync 1500 > 360"));
    bool never_synced = false;
    for (const auto& line : freshness.details) {
        if (starts_with(line, "fail  tbl_never_synced_returns: ")) {
            never_synced = true;
            CHECK(contains(line, "minutes_since_sync is NULL"));
        }
    }
    CHECK(never_synced);

    const std::map<std::string, std::vector<std::string>> failing{
        {"data-quality-sla", {"fail  tbl_dq_failed_invoices: ", "FAIL"}},
        {"referential-integrity", {"fail  row ", "test_result"}},
        {"slow-queries", {"fail  q-fault-1200s: ", "1200"}},
        {"warehouse-cost", {"fail  ADHOC_SPIKE_WH / 2026-11-26: ", "1500"}},
    };
    for (const auto& [id, expected] : failing) {
        INFO("step " << id);
        const auto& step = text_step(steps, id);
        CHECK(step.label == "FAIL");
        REQUIRE(step.details.size() == 1);
        CHECK(starts_with(step.details[0], expected[0]));
        CHECK(contains(step.details[0], expected[1]));
    }
    // Steps that did not fail have nothing under them.
    for (const auto& step : steps) {
        if (step.label != "FAIL") {
            INFO("step " << step.id);
            CHECK(step.details.empty());
        }
    }
    CHECK(text_step(steps, "dbt-incremental-run").label == "PASS");
    CHECK(text_step(steps, "warehouse-status").label == "SKIP");
    for (const auto& id : kManualSteps) CHECK(text_step(steps, id).label == "MANUAL");

    const auto lines = lines_of(run.out);
    REQUIRE_FALSE(lines.empty());
    CHECK(starts_with(lines.back(), "FAIL  daily/morning: 1 pass, 5 fail, 1 skipped, 4 manual"));
    CHECK(contains(lines.back(), "(exit 2)"));
}

TEST_CASE("run postgres: daily afternoon passes when healthy and fails on the two deletions",
          "[e2e][postgres][run][faults]") {
    const auto afternoon = [](const std::string& database) {
        return run_opsctl({"daily", "afternoon", "--target", pg_uri(database), "--as-of", kAsOf,
                           "--format", "json"});
    };
    const Process healthy = afternoon("wh_healthy");
    INFO("stderr:\n" << healthy.err);
    REQUIRE(healthy.exit_code == 0);
    const json good = healthy.json();
    CHECK(good.at("status") == "pass");
    CHECK(step_of(good, "shipments-today").at("status") == "pass");
    CHECK(std::stoi(step_of(good, "shipments-today").at("rows")[0][0].get<std::string>()) >= 6);
    CHECK(step_of(good, "ml-feature-freshness").at("status") == "pass");
    CHECK(step_of(good, "ml-feature-freshness").at("rows")[0][0] == "2026-11-25");

    const Process faults = afternoon("wh_faults");
    REQUIRE(faults.exit_code == 2);
    const json bad = faults.json();
    CHECK(bad.at("status") == "fail");
    CHECK(bad.at("counts").at("fail") == 2);
    const json& shipments = step_of(bad, "shipments-today");
    CHECK(shipments.at("status") == "fail");
    REQUIRE(shipments.at("violations").size() == 1);
    CHECK(shipments.at("violations")[0].at("value") == "0");
    const json& features = step_of(bad, "ml-feature-freshness");
    CHECK(features.at("status") == "fail");
    REQUIRE(features.at("violations").size() == 1);
    CHECK(features.at("violations")[0].at("value") == "2026-11-23");
}

TEST_CASE("run postgres: a whole runbook reports each checklist and the worst status",
          "[e2e][postgres][run]") {
    const Process run = run_opsctl(
        {"daily", "--target", pg_uri("wh_faults"), "--as-of", kAsOf, "--format", "json"}, kStubDbt);
    INFO("stderr:\n" << run.err);
    REQUIRE(run.exit_code == 2);
    const json report = run.json();
    CHECK(report.at("runbook") == "daily");
    CHECK(report.at("status") == "fail");
    CHECK(report.at("exit_code") == 2);
    REQUIRE(report.at("checklists").size() == 2);
    CHECK(report.at("checklists")[0].at("checklist") == "morning");
    CHECK(report.at("checklists")[1].at("checklist") == "afternoon");
    CHECK(report.at("checklists")[0].at("status") == "fail");
    CHECK(report.at("checklists")[1].at("status") == "fail");
}

TEST_CASE(
    "run postgres: freshness on the threshold passes, above it or NULL fails, Unicode keys "
    "survive",
    "[e2e][postgres][run]") {
    const std::string database = fresh_pg_database("e2e_freshness_edges");
    pg_admin(database,
             "CREATE TABLE vw_data_freshness_monitoring (table_name text, minutes_since_sync "
             "integer);"
             "INSERT INTO vw_data_freshness_monitoring VALUES "
             "('tbl_on_the_limit', 360), ('tbl_fresh', 5), "
             "('tbl_lieferstatus_ü_配送', 361), ('tbl_never_synced', NULL);");
    const std::string target = pg_uri(database);
    const std::string unicode_key = "tbl_lieferstatus_ü_配送";

    const Process json_run = run_morning(target, "json", {"--only", "data-freshness"});
    INFO("stdout:\n" << json_run.out << "\nstderr:\n" << json_run.err);
    REQUIRE(json_run.exit_code == 2);
    const json report = json_run.json();
    CHECK(step_ids(report) == std::vector<std::string>{"data-freshness"});
    const json& step = step_of(report, "data-freshness");
    CHECK(step.at("status") == "fail");
    CHECK(step.at("row_count") == 4);
    CHECK(offending_keys(step) == std::multiset<std::string>{unicode_key, "tbl_never_synced"});
    for (const auto& violation : step.at("violations")) {
        CHECK(violation.at("key") != "tbl_on_the_limit");
        if (violation.at("key") == "tbl_never_synced") {
            CHECK(violation.at("value").is_null());
            CHECK(contains(violation.at("reason").get<std::string>(), "NULL"));
        } else {
            CHECK(violation.at("value") == "361");
            CHECK(violation.at("threshold") == 360);
        }
    }
    CHECK_FALSE(contains(json_run.out, "\\u"));  // written as UTF-8, not escaped
    CHECK(contains(json_run.out, "\"" + unicode_key + "\""));

    const Process text_run = run_morning(target, "text", {"--only", "data-freshness"});
    REQUIRE(text_run.exit_code == 2);
    const auto steps = text_steps(text_run.out);
    REQUIRE(steps.size() == 1);
    CHECK(steps[0].label == "FAIL");
    REQUIRE(steps[0].details.size() == 2);
    const std::set<std::string> details(steps[0].details.begin(), steps[0].details.end());
    CHECK(details.count("fail  " + unicode_key + ": minutes_since_sync 361 > 360"));
    CHECK_FALSE(contains(text_run.out, "tbl_on_the_limit"));
    bool null_reported = false;
    for (const auto& line : steps[0].details) {
        if (starts_with(line, "fail  tbl_never_synced: ")) null_reported = contains(line, "NULL");
    }
    CHECK(null_reported);

    // --set moves the threshold for this run only: 361 is within 400.
    const Process raised = run_morning(
        target, "json", {"--only", "data-freshness", "--set", "freshness_fail_minutes=400"});
    REQUIRE(raised.exit_code == 2);  // the NULL still fails
    CHECK(offending_keys(step_of(raised.json(), "data-freshness")) ==
          std::multiset<std::string>{"tbl_never_synced"});

    // Without the never-synced table, the raised threshold turns the verdict to pass.
    pg_admin(database, "DELETE FROM vw_data_freshness_monitoring WHERE minutes_since_sync IS NULL");
    CHECK(run_morning(target, "json", {"--only", "data-freshness"}).exit_code == 2);
    const Process passing = run_morning(
        target, "json", {"--only", "data-freshness", "--set", "freshness_fail_minutes=400"});
    CHECK(passing.exit_code == 0);
    CHECK(passing.json().at("status") == "pass");
}

TEST_CASE("run postgres: --set changes the verdict of a run and nothing else",
          "[e2e][postgres][run]") {
    const std::string target = pg_uri("wh_healthy");
    // tbl_fact_route_performance sits exactly on the default 360.
    const Process lowered = run_morning(target, "json", {"--set", "freshness_fail_minutes=359"});
    INFO("stderr:\n" << lowered.err);
    REQUIRE(lowered.exit_code == 2);
    const json report = lowered.json();
    CHECK(report.at("status") == "fail");
    CHECK(report.at("counts").at("fail") == 1);
    const json& step = step_of(report, "data-freshness");
    CHECK(offending_keys(step) == std::multiset<std::string>{"tbl_fact_route_performance"});
    CHECK(step.at("violations")[0].at("threshold") == 359);

    const Process same = run_morning(target, "json", {"--set", "freshness_fail_minutes=360"});
    CHECK(same.exit_code == 0);
    CHECK(same.json().at("status") == "pass");
}

TEST_CASE("run postgres: a missing relation makes the step an error and the run exit 3",
          "[e2e][postgres][run]") {
    const std::string database = fresh_pg_database("e2e_empty_warehouse");
    const Process run = run_morning(pg_uri(database), "json", {"--only", "data-freshness"});
    INFO("stdout:\n" << run.out << "\nstderr:\n" << run.err);
    REQUIRE(run.exit_code == 3);
    const json report = run.json();
    CHECK(report.at("status") == "error");
    CHECK(report.at("exit_code") == 3);
    const json& step = step_of(report, "data-freshness");
    CHECK(step.at("status") == "error");
    const std::string message = step.at("message").get<std::string>();
    CHECK(contains(message, "vw_data_freshness_monitoring"));
    CHECK(contains(message, "42P01"));
}
