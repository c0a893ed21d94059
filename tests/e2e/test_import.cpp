// opsctl import: a Markdown runbook document made into runbooks, end to end: the
// seed document's round trip against the shipped catalogue, its verdicts on the
// demo warehouse, documents of other domains and styles, and bad input.

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "e2e/e2e_support.h"

using namespace opsctl::e2e;
using opsctl::test::Process;
using opsctl::test::read_file;
using opsctl::test::run_opsctl;
using opsctl::test::TempDir;

namespace fs = std::filesystem;

namespace {

const std::string kImportFixtures = kFixturesDir + "/import";
const std::string kSeed = kImportFixtures + "/operational-runbooks.md";
const std::string kCatalogue = kSourceDir + "/runbooks";

// Imports `document` into a fresh folder and returns the folder's runbooks by name.
std::map<std::string, json> imported(const std::string& document, const TempDir& out) {
    const Process run = run_opsctl({"import", document, "--out", out.path() + "/runbooks"});
    INFO("stdout:\n" << run.out << "\nstderr:\n" << run.err);
    REQUIRE(run.exit_code == 0);
    std::map<std::string, json> runbooks;
    for (const json& runbook : runbook_files(out.path() + "/runbooks")) {
        runbooks[runbook.at("runbook").get<std::string>()] = runbook;
    }
    return runbooks;
}

const json& checklist_of(const json& runbook, const std::string& name) {
    for (const auto& checklist : runbook.at("checklists")) {
        if (checklist.at("name") == name) return checklist;
    }
    FAIL("no checklist " << name << " in " << runbook.dump(2));
    static const json none;
    return none;
}

const json& step_in(const json& checklist, const std::string& id) {
    for (const auto& step : checklist.at("steps")) {
        if (step.at("id") == id) return step;
    }
    FAIL("no step " << id << " in " << checklist.dump(2));
    static const json none;
    return none;
}

std::multiset<std::string> violation_values(const json& step) {
    std::multiset<std::string> values;
    for (const auto& violation : step.at("violations")) {
        values.insert(violation.at("value").get<std::string>());
    }
    return values;
}

// "where what" of each line of seed-vs-catalogue.txt.
std::set<std::string> listed_differences() {
    std::set<std::string> listed;
    std::istringstream lines(read_file(kImportFixtures + "/seed-vs-catalogue.txt"));
    for (std::string line; std::getline(lines, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream words(line);
        std::string where, what;
        words >> where >> what;
        listed.insert(where + " " + what);
    }
    return listed;
}

// "where what" of each "drift: WHERE: WHAT: ..." line.
std::set<std::string> drift_of(const std::string& output) {
    std::set<std::string> found;
    for (const std::string& line : lines_of(output)) {
        if (!starts_with(line, "drift: ")) continue;
        const size_t where_end = line.find(": ", 7);
        const size_t what_end = line.find(':', where_end + 2);
        found.insert(line.substr(7, where_end - 7) + " " +
                     line.substr(where_end + 2, what_end - where_end - 2));
    }
    return found;
}

}  // namespace

TEST_CASE("import: the seed document gives 24 checklists that validate", "[e2e][import]") {
    const TempDir out;
    const auto runbooks = imported(kSeed, out);
    CHECK(runbooks.size() == 10);
    size_t checklists = 0;
    for (const auto& [name, runbook] : runbooks) checklists += runbook.at("checklists").size();
    CHECK(checklists == 24);
    const Process validate = run_opsctl({"validate", out.path() + "/runbooks"});
    INFO(validate.out << validate.err);
    CHECK(validate.exit_code == 0);
    CHECK(contains(validate.out, "ok: 10 file(s), 10 runbook(s), 24 checklist(s)"));
}

TEST_CASE("import: the seed's round trip differs from the catalogue only as listed",
          "[e2e][import]") {
    // Same checklists, steps, owners and thresholds; every other difference is one of
    // seed-vs-catalogue.txt, each with its reason, and each listed one still differs.
    const Process check = run_opsctl({"import", "--check", kSeed, "--runbooks", kCatalogue});
    INFO("stdout:\n" << check.out << "\nstderr:\n" << check.err);
    REQUIRE(check.exit_code == 1);
    CHECK_FALSE(contains(check.out, " only in the "));
    CHECK_FALSE(contains(check.out, ": owner: "));
    CHECK(drift_of(check.out) == listed_differences());
}

TEST_CASE("import: the seed's schedules, owners and lifted thresholds", "[e2e][import]") {
    const TempDir out;
    const auto runbooks = imported(kSeed, out);
    const json& morning = checklist_of(runbooks.at("daily-operations"), "morning");
    CHECK(morning.at("schedule") == "0 8 * * *");
    CHECK(morning.at("schedule_text") == "Daily at 08:00");
    CHECK(morning.at("owner") == "Data Engineering Team");
    CHECK(morning.at("duration_minutes") == 30);
    const json& freshness = step_in(morning, "verify-data-freshness");
    CHECK(freshness.at("sql") ==
          "SELECT table_name, minutes_since_sync FROM vw_data_freshness_monitoring");
    CHECK(freshness.at("key") == "table_name");
    CHECK(freshness.at("expect") ==
          json::parse(R"([{"column": "minutes_since_sync", "fail_above": 360}])"));
    const json& warehouses = step_in(morning, "check-warehouse-status");
    CHECK(warehouses.at("sql") == json{{"snowflake", "SHOW WAREHOUSES"}});
    CHECK(step_in(morning, "check-dbt-run-status").at("shell") ==
          json::parse(R"(["dbt", "run", "--select", "tag:incremental", "--store-failures"])"));
    CHECK(step_in(morning, "review-overnight-alerts").at("manual") == true);

    const json& monitoring =
        checklist_of(runbooks.at("data-pipeline-operations"), "daily-monitoring");
    CHECK(monitoring.at("schedule") == "0 */4 * * *");
    CHECK(
        step_in(monitoring, "check-data-freshness").at("expect") ==
        json::parse(R"([{"column": "minutes_since_sync", "warn_above": 360, "fail_above": 720}])"));
    const json& maintenance = checklist_of(runbooks.at("data-pipeline-operations"), "maintenance");
    CHECK_FALSE(maintenance.contains("schedule"));  // "Weekly": no day
    const json& slow_models = step_in(maintenance, "identify-slow-models");
    CHECK_FALSE(contains(slow_models.at("sql").get<std::string>(), "HAVING"));
    CHECK(slow_models.at("expect") ==
          json::parse(R"([{"column": "avg_duration", "fail_above": 300}])"));
    CHECK(step_in(checklist_of(runbooks.at("ml-model-operations"), "daily-monitoring"),
                  "check-feature-drift")
              .at("expect") ==
          json::parse(R"([{"column": "drift_score", "fail_above_column": "threshold"}])"));

    const json& monthly = runbooks.at("monthly-operations");
    CHECK(checklist_of(monthly, "first-monday").at("schedule") == "0 9 1-7 * 1");
    CHECK(checklist_of(monthly, "mid-month").at("schedule") == "0 14 15 * *");
    CHECK(checklist_of(monthly, "month-end").at("schedule") == "0 15 * * 5L");
    const json& incident = runbooks.at("incident-response");
    CHECK(checklist_of(incident, "p1").at("response_time") == "15m");
    CHECK(checklist_of(incident, "p1").at("resolution_time") == "4h");
    CHECK_FALSE(checklist_of(incident, "p1").contains("schedule"));
    CHECK(checklist_of(incident, "p4").at("title") == "P4 Incident Response (Low)");
    CHECK(checklist_of(runbooks.at("backup-recovery"), "weekly-testing").at("schedule") ==
          "0 3 * * 0");
}

TEST_CASE("import: the imported daily morning gives the shipped one's verdicts on the demo",
          "[e2e][import][demo]") {
    const TempDir out;
    imported(kSeed, out);
    const std::map<std::string, std::string> env{{"PATH", stub_dbt_path()}};
    // Matched by title: the catalogue shortened the ids by hand.
    const std::map<std::string, std::string> shipped_id{
        {"check-dbt-run-status", "dbt-incremental-run"},
        {"verify-data-freshness", "data-freshness"},
        {"check-warehouse-status", "warehouse-status"},
        {"check-data-quality-scores", "data-quality-sla"},
        {"verify-referential-integrity", "referential-integrity"},
        {"check-query-performance", "slow-queries"},
        {"monitor-warehouse-costs", "warehouse-cost"},
        {"review-overnight-alerts", "review-overnight-alerts"},
        {"check-email-notifications", "check-email-notifications"},
        {"verify-critical-system-status", "verify-critical-system-status"},
        {"update-incident-log-if-needed", "update-incident-log"}};
    for (const std::string target : {"demo", "demo:faults"}) {
        INFO("target " << target);
        const Process mine =
            run_opsctl({"daily-operations", "morning", "--runbooks", out.path() + "/runbooks",
                        "--target", target, "--as-of", kAsOf, "--format", "json"},
                       env);
        const Process shipped =
            run_opsctl({"daily", "morning", "--runbooks", kCatalogue, "--target", target, "--as-of",
                        kAsOf, "--format", "json"},
                       env);
        INFO(mine.err << shipped.err);
        const json a = mine.json();
        const json b = shipped.json();
        REQUIRE(step_ids(a).size() == shipped_id.size());
        for (const auto& id : step_ids(a)) {
            INFO("step " << id);
            const json& ours = step_of(a, id);
            const json& theirs = step_of(b, shipped_id.at(id));
            // The document's slow-query and cost queries have no time window (the
            // catalogue added one, seed-vs-catalogue.txt): on the stand-in they also
            // fail on the rows sql/README.md keeps just outside the catalogue's windows.
            // Their rows are numbered (SELECT *), so the offending values identify them:
            // q-edge-900s-40d (900 s, 40 days ago), REPORTING_WH's 1500 USD of D-10, and
            // with faults q-fault-1200s and ADHOC_SPIKE_WH's 1500 USD of today.
            if (id == "check-query-performance") {
                CHECK(ours.at("status") == "fail");
                std::multiset<std::string> expected{"900"};
                if (target == "demo:faults") expected.insert("1200");
                CHECK(violation_values(ours) == expected);
                continue;
            }
            if (id == "monitor-warehouse-costs") {
                CHECK(ours.at("status") == "fail");
                std::multiset<std::string> expected{"1500"};
                if (target == "demo:faults") expected.insert("1500");
                CHECK(violation_values(ours) == expected);
                continue;
            }
            CHECK(ours.at("status") == theirs.at("status"));
            // SELECT * steps number their rows: compare how many offend, not their keys.
            CHECK(ours.at("violations").size() == theirs.at("violations").size());
        }
    }
}

TEST_CASE("import: a document of # sections, ~~~ fences, IN, OR, >= and column rules",
          "[e2e][import]") {
    const TempDir out;
    const auto runbooks = imported(kImportFixtures + "/payments-runbook.md", out);
    REQUIRE(runbooks.size() == 3);
    // Fields under a section make it a procedure: its ### headings are groups.
    const json& watch = checklist_of(runbooks.at("settlement-watch"), "settlement-watch");
    CHECK(watch.at("schedule") == "*/15 * * * *");
    CHECK(watch.at("owner") == "Payments SRE");
    CHECK(watch.at("duration_minutes") == 10);
    CHECK(step_in(watch, "failed-or-reversed-settlements").at("expect") ==
          json::parse(R"([{"column": "state", "fail_if": ["FAILED", "ERROR"]}])"));
    const json& reconciled = step_in(watch, "settlements-not-reconciled");
    CHECK(reconciled.at("expect") == json::parse(R"([{"column": "reconciled_amount",
                                                      "fail_below_column": "expected_amount"}])"));
    CHECK(contains(reconciled.at("sql").get<std::string>(),
                   "WHERE created_at >= NOW() - INTERVAL '1 day'"));
    CHECK(reconciled.at("on_empty") == "warn");
    CHECK(contains(reconciled.at("description").get<std::string>(), "(Ledger)"));
    CHECK(step_in(watch, "authorisation-latency-or-declines").at("expect") ==
          json::parse(R"([{"column": "p99_latency_ms", "fail_above": 800},
                          {"column": "decline_rate", "fail_above": 0.05}])"));
    // >= has no exact rule: kept, and any returned row fails.
    const json& budget = step_in(watch, "networks-at-or-above-their-error-budget");
    CHECK(contains(budget.at("sql").get<std::string>(), "WHERE errors_today >= 100"));
    CHECK(budget.at("row_count") == json{{"fail_above", 0}});
    CHECK(budget.at("on_empty") == "pass");
    CHECK_FALSE(budget.contains("expect"));

    const json& morning =
        checklist_of(runbooks.at("weekday-morning-review"), "weekday-morning-review");
    CHECK(morning.at("schedule") == "30 7 * * 1-5");
    CHECK(morning.at("owner") == "Payments Operations");
    const json& batches = step_in(morning, "batches-that-did-not-finish");
    CHECK(batches.at("expect") ==
          json::parse(R"([{"column": "status", "fail_unless": ["SUCCESS", "PASSED"]}])"));
    CHECK(contains(batches.at("description").get<std::string>(), "(Check the overnight batch)"));
    CHECK(step_in(morning, "post-the-summary-in-payments-ops").at("manual") == true);

    const json& audit = checklist_of(runbooks.at("monthly-audit"), "monthly-audit");
    CHECK(audit.at("schedule") == "0 10 8-14 * 2");
    CHECK(audit.at("title") == "Monthly Audit");
}

TEST_CASE("import: a document of setext headings, CASE bands, HAVING and shell lines",
          "[e2e][import]") {
    const TempDir out;
    const auto runbooks = imported(kImportFixtures + "/warehouse-ops.md", out);
    REQUIRE(runbooks.size() == 2);
    const json& fleet = runbooks.at("fleet-health");
    const json& sweep = checklist_of(fleet, "hourly-sensor-sweep");
    CHECK(sweep.at("schedule") == "0 * * * *");
    CHECK(sweep.at("owner") == "Facilities Engineering");
    CHECK(step_in(sweep, "grade-each-cold-room").at("expect") ==
          json::parse(R"([{"column": "temperature_c", "fail_above": 8, "warn_above": 5}])"));
    CHECK(step_in(sweep, "door-sensors").at("expect") ==
          json::parse(R"([{"column": "door_state", "fail_if": ["ALARM_BREACH"]}])"));
    CHECK(step_in(sweep, "rooms-both-warm-and-humid").at("row_count") == json{{"fail_above", 0}});
    const json& zones = step_in(sweep, "busy-zones");
    CHECK(zones.at("expect") == json::parse(R"([{"column": "pick_count", "fail_above": 500}])"));
    CHECK(zones.at("key") == "zone_code");
    CHECK(step_in(sweep, "sync-the-sensor-registry").at("shell") ==
          json::parse(R"(["sensorctl", "sync", "--site", "DC 1"])"));
    CHECK(step_in(sweep, "count-stale-readings").at("manual") == true);  // a pipe
    CHECK(step_in(sweep, "query-cold-rooms").at("report") == true);
    // Schedules it cannot read are not guessed.
    CHECK_FALSE(checklist_of(fleet, "fortnightly-calibration").contains("schedule"));
    CHECK_FALSE(checklist_of(fleet, "night-shift-handover").contains("schedule"));
    for (const auto& checklist : fleet.at("checklists")) CHECK(checklist.at("name") != "glossary");
    const json& docks = checklist_of(runbooks.at("docks"), "docks");
    CHECK(step_in(docks, "dock-doors-by-state").at("report") == true);  // 'OPEN' is a filter

    const Process review = run_opsctl({"import", kImportFixtures + "/warehouse-ops.md"});
    CHECK(contains(review.out, "! line 51: schedule \"Every other Tuesday\" not understood"));
    CHECK(contains(review.out, "! line 57: schedule \"9:00 EST\" not understood"));
    CHECK(contains(review.out, "- line 45: a ```python block: not imported"));
    CHECK(contains(review.out, "- line 62: \"Glossary\" only defines terms"));
    CHECK(contains(review.out, "nothing written (pass --out DIR"));
}

TEST_CASE("import: a CRLF document of dashes, lists of times and days, NOT IN and tables",
          "[e2e][import]") {
    const std::string document = kImportFixtures + "/analytics-runbook.md";
    const TempDir out;
    const auto runbooks = imported(document, out);
    REQUIRE(runbooks.size() == 2);
    const json& daily = runbooks.at("daily-procedures");
    const json& morning = checklist_of(daily, "morning-checks");
    CHECK(morning.at("schedule") == "30 7 * * *");
    CHECK(morning.at("owner") == "Analytics Engineering");
    CHECK(step_in(morning, "late-loads").at("expect") ==
          json::parse(R"([{"column": "hours_late", "fail_above": 2}])"));
    CHECK(step_in(morning, "jobs-that-did-not-succeed").at("expect") ==
          json::parse(R"([{"column": "status", "fail_unless": ["SUCCESS", "SKIPPED"]}])"));
    CHECK(checklist_of(daily, "twice-06-00-18-00-reconciliation").at("schedule") == "0 6,18 * * *");
    const json& periodic = runbooks.at("periodic-procedures");
    CHECK(checklist_of(periodic, "weekly-tuesdays-at-10am").at("schedule") == "0 10 * * 2");
    const json& billing = checklist_of(periodic, "billing-close");
    CHECK(billing.at("schedule") == "0 9 1,15 * *");
    CHECK(step_in(billing, "invoices-not-finished").at("expect") ==
          json::parse(R"([{"column": "state", "fail_unless": ["DONE"]}])"));
    // What is not imported is said, with its line: nothing is dropped unseen.
    const Process review = run_opsctl({"import", document});
    REQUIRE(review.exit_code == 0);
    CHECK(contains(review.out,
                   "- line 37: an indented code block holding SQL: not imported (fence it as "
                   "```sql)"));
    CHECK(contains(review.out,
                   "- line 39: a table: not read (a threshold written in a table is not lifted)"));
    CHECK_FALSE(contains(review.out, "line 40: a table"));
}

TEST_CASE("import: --out never replaces a file without --force", "[e2e][import]") {
    const TempDir out;
    const std::string folder = out.path() + "/runbooks";
    fs::create_directory(folder);
    const std::string kept = out.write("runbooks/docks.json", "mine\n");
    const std::string error = require_usage_error(
        run_opsctl({"import", kImportFixtures + "/warehouse-ops.md", "--out", folder}));
    CHECK(contains(error, "refusing to overwrite " + folder + "/docks.json"));
    CHECK(contains(error, "--force"));
    CHECK(read_file(kept) == "mine\n");
    CHECK_FALSE(fs::exists(folder + "/fleet-health.json"));  // nothing written
    const Process forced =
        run_opsctl({"import", kImportFixtures + "/warehouse-ops.md", "--out", folder, "--force"});
    CHECK(forced.exit_code == 0);
    CHECK(contains(read_file(kept), "\"runbook\": \"docks\""));
}

TEST_CASE("import --check: 0 when the folder agrees, 1 on drift", "[e2e][import]") {
    const TempDir out;
    imported(kSeed, out);
    const std::string folder = out.path() + "/runbooks";
    const Process agree = run_opsctl({"import", "--check", kSeed, "--runbooks", folder});
    INFO(agree.out << agree.err);
    CHECK(agree.exit_code == 0);
    CHECK(starts_with(agree.out, "no drift: "));
    // One threshold changed by hand: found, named, exit 1.
    std::string daily = read_file(folder + "/daily-operations.json");
    daily.replace(daily.find("\"fail_above\": 360"), 17, "\"fail_above\": 300");
    std::ofstream(folder + "/daily-operations.json") << daily;
    const Process drift = run_opsctl({"import", "--check", kSeed, "--runbooks", folder});
    CHECK(drift.exit_code == 1);
    CHECK(
        contains(drift.out,
                 "drift: daily-operations/morning/verify-data-freshness: thresholds: document "
                 "minutes_since_sync fail_above 360; runbooks minutes_since_sync fail_above 300"));
    CHECK(contains(drift.out, "1 difference(s)"));
}

TEST_CASE("import: bad input is one error line with the line, exit 3", "[e2e][import][bad-input]") {
    const TempDir dir;
    CHECK(require_usage_error(run_opsctl({"import", dir.file("missing.md")})) ==
          "opsctl: error: " + dir.file("missing.md") + ": cannot read the document: no such file");
    const std::string binary = dir.write("binary.md", std::string("# T\n\n## A\n- x\x00y\n", 17));
    CHECK(require_usage_error(run_opsctl({"import", binary})) ==
          "opsctl: error: " + binary + ":4: not a text document: it holds a NUL byte");
    const std::string latin1 = dir.write("latin1.md", "## A\n- caf\xe9\n");
    CHECK(require_usage_error(run_opsctl({"import", latin1})) ==
          "opsctl: error: " + latin1 + ":2: not a UTF-8 text document");
    const std::string flat = dir.write("flat.md", "Just text.\n- a bullet\n");
    CHECK(require_usage_error(run_opsctl({"import", flat})) ==
          "opsctl: error: " + flat +
              ":1: no sections: the document has no heading (# or ##) to make a runbook of");
    const std::string empty_sections = dir.write("empty.md", "# T\n\n## A\n\nprose only\n");
    CHECK(contains(require_usage_error(run_opsctl({"import", empty_sections})),
                   empty_sections + ":1: no steps"));
    const std::string open = dir.write("open.md", "## A\n\n### B\n\n```sql\nSELECT 1 AS one\n");
    CHECK(require_usage_error(run_opsctl({"import", open})) ==
          "opsctl: error: " + open +
              ":5: unterminated code fence: the ``` opened here is never closed");
    CHECK(contains(require_usage_error(run_opsctl({"import", kSeed, "--dialect", "postgress"})),
                   "did you mean"));
}
