// The JSON and text reports of a hand-built run, and that a target never shows a
// password on its way into them.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "opsctl/connect/target.h"
#include "opsctl/core/error.h"
#include "opsctl/report/json_reporter.h"
#include "opsctl/report/reporter.h"
#include "opsctl/report/text_reporter.h"
#include "unit/step_builders.h"

using nlohmann::json;
using opsctl::Cell;
using opsctl::ChecklistResult;
using opsctl::RunResult;
using opsctl::Severity;
using opsctl::Status;
using opsctl::StepKind;
using opsctl::StepResult;
using opsctl::Violation;
using opsctl::test::step_result;

namespace {

opsctl::Timestamp at(const char* text) {
    return *opsctl::parse_timestamp(text);
}

Violation violation(Severity severity, const std::string& rule, const std::string& column,
                    std::optional<std::string> value, const std::string& threshold, bool numeric,
                    const std::string& key, const std::string& reason) {
    return Violation{severity, rule, column, std::move(value), threshold, numeric, key, reason, {}};
}

// One checklist with a step of every kind and status.
ChecklistResult morning(const std::string& target = "postgresql://ops:***@db/wh") {
    ChecklistResult c;
    c.runbook = "daily";
    c.checklist = "morning";
    c.title = "Morning Checklist";
    c.owner = "Data Engineering Team";
    c.schedule_text = "Daily at 08:00";
    c.duration_minutes = 30;
    c.response_time = std::chrono::minutes(15);
    c.target = target;
    c.dialect = "postgresql";
    c.as_of = at("2026-11-26 08:00:00");
    c.as_of_given = true;
    c.started_at = at("2026-11-26 09:15:00");
    c.finished_at = at("2026-11-26 09:15:02");
    c.status = Status::Fail;

    StepResult freshness = step_result("data-freshness", StepKind::Sql, Status::Fail,
                                       "2 breaches in 3 rows; first: tbl_stale_carrier_events: "
                                       "minutes_since_sync 1500 > 360 (fail)");
    freshness.duration = std::chrono::milliseconds(7);
    freshness.sql = "SELECT table_name, minutes_since_sync FROM vw_data_freshness_monitoring";
    freshness.row_count = 3;
    freshness.columns = {"table_name", "minutes_since_sync"};
    freshness.rows = {{Cell::of("tbl_orders"), Cell::of("12")},
                      {Cell::of("tbl_stale_carrier_events"), Cell::of("1500")},
                      {Cell::of("tbl_never_synced"), Cell::null()}};
    freshness.violations = {
        violation(Severity::Fail, "fail_above", "minutes_since_sync", "1500", "360", true,
                  "tbl_stale_carrier_events", "minutes_since_sync 1500 > 360"),
        violation(Severity::Fail, "on_null", "minutes_since_sync", std::nullopt, "not NULL", false,
                  "tbl_never_synced",
                  "minutes_since_sync is NULL: an unknown value is not a healthy one")};
    freshness.violation_count = 2;

    StepResult drift =
        step_result("feature-drift", StepKind::Sql, Status::Warn, "1 breach in 1 row");
    drift.duration = std::chrono::milliseconds(3);
    drift.sql = "SELECT feature_name, drift_score FROM f";
    drift.row_count = 1;
    drift.columns = {"feature_name", "drift_score"};
    drift.rows = {{Cell::of("eta"), Cell::of("0.65")}};
    drift.violations = {violation(Severity::Warn, "warn_above", "drift_score", "0.65", "0.5", true,
                                  "eta", "drift_score 0.65 > 0.5")};
    drift.violation_count = 1;

    StepResult backups =
        step_result("backup-status", StepKind::Sql, Status::Pass, "2 rows, all within thresholds");
    backups.sql = "SELECT 1";
    backups.row_count = 2;

    StepResult broken = step_result("broken", StepKind::Sql, Status::Error,
                                    "column \"x\" is not in the result (columns: a)");
    broken.sql = "SELECT a FROM t";

    StepResult warehouses = step_result("warehouse-status", StepKind::Sql, Status::Skipped,
                                        "no SQL for dialect postgresql");

    StepResult dbt = step_result("dbt-run", StepKind::Shell, Status::Fail, "exit status 1");
    dbt.duration = std::chrono::milliseconds(1234);
    dbt.output = "Compilation Error in model orders\nline two";

    StepResult review =
        step_result("review-alerts", StepKind::Manual, Status::Manual, "to do by hand");

    c.steps = {freshness, drift, backups, broken, warehouses, dbt, review};
    return c;
}

json json_report(const RunResult& run) {
    std::ostringstream out;
    opsctl::JsonReporter().write(run, out);
    const std::string text = out.str();
    REQUIRE_FALSE(text.empty());
    CHECK(text.back() == '\n');
    return json::parse(text);
}

std::string text_report(const RunResult& run, bool color = false) {
    std::ostringstream out;
    opsctl::TextReporter(opsctl::ReportStyle{color}).write(run, out);
    return out.str();
}

RunResult one(const ChecklistResult& checklist) {
    RunResult run;
    run.checklists = {checklist};
    run.status = checklist.status;
    return run;
}

// The lines of `text`.
std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

size_t line_index(const std::vector<std::string>& lines, const std::string& needle) {
    for (size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].find(needle) != std::string::npos) return i;
    }
    FAIL("no line contains \"" << needle << "\"");
    return 0;
}

}  // namespace

TEST_CASE("JSON report: the checklist's fields", "[report][json]") {
    const json doc = json_report(one(morning()));
    CHECK(doc.at("runbook") == "daily");
    CHECK(doc.at("checklist") == "morning");
    CHECK(doc.at("title") == "Morning Checklist");
    CHECK(doc.at("owner") == "Data Engineering Team");
    CHECK(doc.at("target") == "postgresql://ops:***@db/wh");
    CHECK(doc.at("dialect") == "postgresql");
    CHECK(doc.at("as_of") == "2026-11-26T08:00:00Z");
    CHECK(doc.at("started_at") == "2026-11-26T09:15:00Z");
    CHECK(doc.at("finished_at") == "2026-11-26T09:15:02Z");
    CHECK(doc.at("status") == "fail");
    CHECK(doc.at("exit_code") == 2);
    CHECK(doc.at("response_time") == "15m");
    CHECK(doc.at("resolution_time").is_null());
}

TEST_CASE("JSON report: counts per status, every status present", "[report][json]") {
    const json doc = json_report(one(morning()));
    const json& counts = doc.at("counts");
    CHECK(counts ==
          json{{"pass", 1}, {"warn", 1}, {"fail", 2}, {"error", 1}, {"skipped", 1}, {"manual", 1}});

    ChecklistResult empty = morning();
    empty.steps.clear();
    empty.status = Status::Pass;
    const json none = json_report(one(empty));
    CHECK(none.at("counts") ==
          json{{"pass", 0}, {"warn", 0}, {"fail", 0}, {"error", 0}, {"skipped", 0}, {"manual", 0}});
    CHECK(none.at("steps") == json::array());
    CHECK(none.at("exit_code") == 0);
}

TEST_CASE("JSON report: a failing sql step with its violations and rows", "[report][json]") {
    const json doc = json_report(one(morning()));
    REQUIRE(doc.at("steps").size() == 7);
    const json& s = doc.at("steps")[0];
    CHECK(s.at("id") == "data-freshness");
    CHECK(s.at("title") == "Title of data-freshness");
    CHECK(s.at("kind") == "sql");
    CHECK(s.at("status") == "fail");
    CHECK(s.at("duration_ms") == 7);
    CHECK(s.at("message") ==
          "2 breaches in 3 rows; first: tbl_stale_carrier_events: minutes_since_sync 1500 > 360 "
          "(fail)");
    CHECK(s.at("sql") == "SELECT table_name, minutes_since_sync FROM vw_data_freshness_monitoring");
    CHECK(s.at("row_count") == 3);
    CHECK(s.at("violation_count") == 2);
    CHECK(s.at("columns") == json{"table_name", "minutes_since_sync"});
    CHECK(s.at("rows") == json::parse(R"([["tbl_orders", "12"],
                                          ["tbl_stale_carrier_events", "1500"],
                                          ["tbl_never_synced", null]])"));
    CHECK_FALSE(s.contains("output"));

    REQUIRE(s.at("violations").size() == 2);
    const json& v = s.at("violations")[0];
    CHECK(v.at("severity") == "fail");
    CHECK(v.at("rule") == "fail_above");
    CHECK(v.at("column") == "minutes_since_sync");
    CHECK(v.at("value") == "1500");
    CHECK(v.at("value").is_string());  // values are strings as the warehouse printed them
    CHECK(v.at("threshold") == 360);
    CHECK(v.at("threshold").is_number());
    CHECK(v.at("key") == "tbl_stale_carrier_events");
    CHECK(v.at("reason") == "minutes_since_sync 1500 > 360");

    const json& null_violation = s.at("violations")[1];
    CHECK(null_violation.at("value").is_null());
    CHECK(null_violation.at("threshold") == "not NULL");
    CHECK(null_violation.at("rule") == "on_null");

    const json& warn = doc.at("steps")[1].at("violations")[0];
    CHECK(warn.at("severity") == "warn");
    CHECK(warn.at("threshold") == 0.5);
}

TEST_CASE("JSON report: steps of every kind and status", "[report][json]") {
    const json steps = json_report(one(morning())).at("steps");
    REQUIRE(steps.size() == 7);
    CHECK(steps[2].at("status") == "pass");
    CHECK(steps[2].at("violations") == json::array());
    CHECK(steps[2].at("violation_count") == 0);
    CHECK(steps[3].at("status") == "error");
    CHECK(steps[3].at("row_count").is_null());
    CHECK(steps[3].at("message") == "column \"x\" is not in the result (columns: a)");
    CHECK(steps[4].at("status") == "skipped");
    CHECK(steps[4].at("sql").is_null());  // nothing was sent
    CHECK(steps[4].at("message") == "no SQL for dialect postgresql");
    CHECK(steps[5].at("kind") == "shell");
    CHECK(steps[5].at("status") == "fail");
    CHECK(steps[5].at("duration_ms") == 1234);
    CHECK(steps[5].at("output") == "Compilation Error in model orders\nline two");
    CHECK(steps[6].at("kind") == "manual");
    CHECK(steps[6].at("status") == "manual");
    CHECK(steps[6].at("rows") == json::array());
    for (const auto& s : steps) {
        for (const char* field :
             {"id", "title", "kind", "status", "duration_ms", "message", "sql", "row_count",
              "violations", "violation_count", "columns", "rows"}) {
            INFO("step " << s.at("id") << ", field " << field);
            CHECK(s.contains(field));
        }
    }
}

TEST_CASE("JSON report: a run of several checklists wraps them", "[report][json]") {
    RunResult run;
    ChecklistResult first = morning();
    ChecklistResult second = morning();
    second.checklist = "evening";
    second.status = Status::Warn;
    run.checklists = {first, second};
    run.status = Status::Fail;
    const json doc = json_report(run);
    CHECK(doc.at("runbook") == "daily");
    CHECK(doc.at("status") == "fail");
    CHECK(doc.at("exit_code") == 2);
    REQUIRE(doc.at("checklists").size() == 2);
    CHECK(doc.at("checklists")[0].at("checklist") == "morning");
    CHECK(doc.at("checklists")[1].at("checklist") == "evening");
    CHECK(doc.at("checklists")[1].at("exit_code") == 1);
    CHECK(doc.at("checklists")[1].at("steps").size() == 7);
}

TEST_CASE("JSON report: invalid UTF-8 from a warehouse does not break the report",
          "[report][json]") {
    ChecklistResult c = morning();
    c.steps[0].rows[0][0] = Cell::of("bad \xff\xfe bytes");
    std::ostringstream out;
    REQUIRE_NOTHROW(opsctl::JsonReporter().write(one(c), out));
    const json doc = json::parse(out.str());
    const std::string cell = doc.at("steps")[0].at("rows")[0][0];
    CHECK(cell.rfind("bad ", 0) == 0);
    CHECK(cell.find("bytes") != std::string::npos);
}

TEST_CASE("JSON report keeps its layout: members sorted, indented by two", "[report][json]") {
    // The report was once an nlohmann::json document; scripts and diffs of reports
    // rely on its layout, which a parse and dump(2) of the same report reproduces.
    ChecklistResult evening = morning();
    evening.checklist = "evening";
    for (const RunResult& run : {one(morning()), RunResult{{morning(), evening}, Status::Fail}}) {
        std::ostringstream out;
        opsctl::JsonReporter().write(run, out);
        CHECK(out.str() == json::parse(out.str()).dump(2, ' ', false) + "\n");
    }
}

TEST_CASE("text report without color has no escape codes", "[report][text]") {
    const std::string text = text_report(one(morning()), false);
    CHECK(text.find('\033') == std::string::npos);
    CHECK(text.find("FAIL") != std::string::npos);
    // With color, the same report is painted.
    const std::string painted = text_report(one(morning()), true);
    CHECK(painted.find("\033[31m") != std::string::npos);
    CHECK(painted.find("\033[0m") != std::string::npos);
}

TEST_CASE("text report: header, step lines and summary", "[report][text]") {
    const auto lines = lines_of(text_report(one(morning())));
    REQUIRE(lines.size() > 5);
    CHECK(lines[0] == "daily / morning - Morning Checklist");
    CHECK(lines[1] == "  target   postgresql://ops:***@db/wh   dialect postgresql");
    CHECK(lines[2] == "  as of    2026-11-26 08:00:00 UTC");
    CHECK(lines[3] == "  owner    Data Engineering Team | Daily at 08:00 | 30 min");
    CHECK(lines[4] == "  targets  respond within 15m");
    const std::string& summary = lines.back();
    CHECK(summary ==
          "FAIL  daily/morning: 1 pass, 1 warn, 2 fail, 1 error, 1 skipped, 1 manual  (exit 2)");
    const size_t freshness = line_index(lines, "data-freshness");
    CHECK(lines[freshness].rfind("  FAIL  ", 0) == 0);
    CHECK(lines[line_index(lines, "backup-status")].rfind("  PASS  ", 0) == 0);
    CHECK(lines[line_index(lines, "warehouse-status")].rfind("  SKIP  ", 0) == 0);
    CHECK(lines[line_index(lines, "review-alerts")].rfind("  MANUAL", 0) == 0);
    CHECK(lines[line_index(lines, "broken ")].rfind("  ERROR ", 0) == 0);

    ChecklistResult now = morning();
    now.as_of_given = false;
    CHECK(lines_of(text_report(one(now)))[2] == "  as of    2026-11-26 08:00:00 UTC (now)");
}

TEST_CASE("text report shows the offending rows under a failing step", "[report][text]") {
    const auto lines = lines_of(text_report(one(morning())));
    const size_t freshness = line_index(lines, "data-freshness");
    REQUIRE(freshness + 2 < lines.size());
    CHECK(lines[freshness + 1] ==
          "          fail  tbl_stale_carrier_events: minutes_since_sync 1500 > 360");
    CHECK(lines[freshness + 2] ==
          "          fail  tbl_never_synced: minutes_since_sync is NULL: "
          "an unknown value is not a healthy one");
    // The next step follows its own line and its warning.
    CHECK(lines[freshness + 3].find("feature-drift") != std::string::npos);
    CHECK(lines[freshness + 4] == "          warn  eta: drift_score 0.65 > 0.5");
    // A failing shell step shows its output, on one line.
    const size_t dbt = line_index(lines, "dbt-run");
    CHECK(lines[dbt + 1] == "          output: Compilation Error in model orders line two");
    // A passing step shows no rows.
    const size_t backups = line_index(lines, "backup-status");
    CHECK(lines[backups + 1].find("broken") != std::string::npos);
}

TEST_CASE("text report: more breaches than shown are summed up", "[report][text]") {
    ChecklistResult c = morning();
    StepResult& s = c.steps[0];
    s.violations.clear();
    for (int i = 0; i < 12; ++i) {
        s.violations.push_back(violation(Severity::Fail, "fail_above", "n", "9", "1", true,
                                         "t" + std::to_string(i), "n 9 > 1"));
    }
    s.violation_count = 40;
    const auto lines = lines_of(text_report(one(c)));
    const size_t first = line_index(lines, "data-freshness");
    CHECK(lines[first + 1] == "          fail  t0: n 9 > 1");
    CHECK(lines[first + 10] == "          fail  t9: n 9 > 1");
    CHECK(lines[first + 11] == "          ... and 30 more");
}

TEST_CASE("text report keeps a message with newlines on one line", "[report][text]") {
    ChecklistResult c = morning();
    c.steps[3].message = "ERROR: relation \"t\" does not exist\nLINE 1: SELECT a FROM t";
    const std::string text = text_report(one(c));
    CHECK(text.find("does not exist LINE 1: SELECT a FROM t") != std::string::npos);
}

TEST_CASE("text report of several checklists ends with the overall status", "[report][text]") {
    RunResult run;
    ChecklistResult second = morning();
    second.checklist = "evening";
    second.status = Status::Warn;
    run.checklists = {morning(), second};
    run.status = Status::Fail;
    const auto lines = lines_of(text_report(run));
    CHECK(lines.back() == "FAIL  overall, 2 checklists  (exit 2)");
    CHECK(line_index(lines, "daily / morning") < line_index(lines, "daily / evening"));
}

TEST_CASE("make_reporter knows every format of report_formats() and no other", "[report]") {
    CHECK(dynamic_cast<opsctl::TextReporter*>(opsctl::make_reporter("text", {}).get()) != nullptr);
    CHECK(dynamic_cast<opsctl::JsonReporter*>(opsctl::make_reporter("json", {}).get()) != nullptr);
    for (const auto& format : opsctl::report_formats()) {
        INFO(format);
        const auto reporter = opsctl::make_reporter(format, {});
        REQUIRE(reporter != nullptr);
        CHECK(reporter->needs_file() == (format == "prometheus"));
    }
    CHECK_THROWS_MATCHES(opsctl::make_reporter("jsn", {}), opsctl::UsageError,
                         Catch::Message("unknown --format \"jsn\" (text, json, junit, nagios, "
                                        "prometheus, markdown, html) (did you mean \"json\"?)"));
}

// ---- targets never show a password ------------------------------------------------

TEST_CASE("mask_secrets masks the password of a URI's user-info", "[report][secrets]") {
    CHECK(opsctl::mask_secrets("postgresql://app:s3cret@db:5432/wh") ==
          "postgresql://app:***@db:5432/wh");
    CHECK(opsctl::mask_secrets("postgres://app:s3cret@db/wh?sslmode=require") ==
          "postgres://app:***@db/wh?sslmode=require");
    CHECK(opsctl::mask_secrets("postgresql://app:p%40ss%2Fword@db/wh") ==
          "postgresql://app:***@db/wh");
    // Without a password there is nothing to mask.
    CHECK(opsctl::mask_secrets("postgresql://app@db/wh") == "postgresql://app@db/wh");
    CHECK(opsctl::mask_secrets("postgresql://db:5432/wh") == "postgresql://db:5432/wh");
}

TEST_CASE("mask_secrets masks ?password= in a query string", "[report][secrets]") {
    CHECK(opsctl::mask_secrets("postgresql://db/wh?password=s3cret") ==
          "postgresql://db/wh?password=***");
    CHECK(opsctl::mask_secrets("postgresql://db/wh?user=app&password=s3cret&sslmode=require") ==
          "postgresql://db/wh?user=app&password=***&sslmode=require");
    CHECK(opsctl::mask_secrets("postgresql://u:one@db/wh?PASSWORD=two") ==
          "postgresql://u:***@db/wh?PASSWORD=***");
}

TEST_CASE("mask_secrets masks password= in key=value conninfo", "[report][secrets]") {
    CHECK(opsctl::mask_secrets("host=db dbname=wh user=ops password=s3cret") ==
          "host=db dbname=wh user=ops password=***");
    CHECK(opsctl::mask_secrets("host=db password=s3cret dbname=wh") ==
          "host=db password=*** dbname=wh");
    CHECK(opsctl::mask_secrets("host=db user=ops password='x y' dbname=wh") ==
          "host=db user=ops password=*** dbname=wh");
    CHECK(opsctl::mask_secrets("password='it\\'s a secret' host=db") == "password=*** host=db");
    CHECK(opsctl::mask_secrets("host=db password = 'x y'") == "host=db password = ***");
    // pwd= is the ODBC spelling of the same secret.
    CHECK(opsctl::mask_secrets("host=db pwd=s3cret") == "host=db pwd=***");
    // Nothing to mask: unchanged.
    CHECK(opsctl::mask_secrets("host=db dbname=wh") == "host=db dbname=wh");
}

TEST_CASE("Target::describe never shows a password", "[report][secrets]") {
    const struct {
        const char* spec;
        const char* described;
        const char* secret;
    } cases[] = {
        {"postgresql://app:s3cret@db:5432/wh", "postgresql://app:***@db:5432/wh", "s3cret"},
        // Shown in one canonical form, rebuilt from libpq's parse: the user-info holds
        // user and password wherever the text put them.
        {"postgresql://db/wh?user=app&password=hunter2", "postgresql://app:***@db/wh", "hunter2"},
        {"host=db user=ops password='x y' dbname=wh", "host=db dbname=wh user=ops password=***",
         "x y"},
    };
    for (const auto& c : cases) {
        INFO(c.spec);
        const opsctl::Target target = opsctl::parse_target(c.spec);
        CHECK(target.kind == opsctl::TargetKind::Postgres);
        CHECK(target.describe() == c.described);
        CHECK(target.describe().find(c.secret) == std::string::npos);

        // And through both reports.
        const RunResult run = one(morning(target.describe()));
        std::ostringstream json_out;
        opsctl::JsonReporter().write(run, json_out);
        CHECK(json_out.str().find(c.secret) == std::string::npos);
        CHECK(json::parse(json_out.str()).at("target") == c.described);
        const std::string text = text_report(run);
        CHECK(text.find(c.secret) == std::string::npos);
        CHECK(text.find(c.described) != std::string::npos);
    }
    CHECK(opsctl::parse_target("demo").describe() == "demo");
    CHECK(opsctl::parse_target("demo:faults").describe() == "demo:faults");
    CHECK(opsctl::parse_target("sqlite:/tmp/wh.db").describe() == "sqlite:/tmp/wh.db");
}

TEST_CASE("an unknown target's error message is masked too", "[report][secrets]") {
    CHECK_THROWS_WITH(opsctl::parse_target("mysql://root:s3cret@db/wh"),
                      Catch::Contains("mysql://root:***@db/wh") && !Catch::Contains("s3cret"));
}
