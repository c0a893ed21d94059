// The shipped catalogue against the stand-in warehouse, in-process: every checklist
// of every runbook on PostgreSQL (wh_healthy, wh_faults, loaded by the fixture) and on
// SQLite files built with load_standin_sqlite. With healthy data every SQL step passes;
// with faults exactly the steps of sql/README.md warn or fail, on exactly its keys; and
// both dialects reach the same verdicts; so does ODBC (psqlODBC) on the PostgreSQL
// stand-in, step by step, as the native PostgreSQL connector (libpq).

#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "integration_support.h"
#include "opsctl/connect/odbc_connector.h"
#include "opsctl/connect/postgres_connector.h"
#include "opsctl/connect/sqlite_connector.h"
#include "opsctl/evaluate/checklist_runner.h"
#include "opsctl/runbook/catalog.h"
#include "opsctl/standin/standin_loader.h"
#include "support/test_support.h"

using opsctl::Catalog;
using opsctl::ChecklistRunner;
using opsctl::RunOptions;
using opsctl::StandinScenario;
using opsctl::Status;
using opsctl::StepKind;
using opsctl::StepResult;
using opsctl::itest::text;

namespace {

const Catalog& catalog() {
    static const Catalog loaded = opsctl::load_catalog({OPSCTL_SOURCE_DIR "/runbooks"});
    return loaded;
}

// True when `program` is an executable in one of PATH's folders.
bool on_path(const std::string& program) {
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        if (access(((dir.empty() ? "." : dir) + "/" + program).c_str(), X_OK) == 0) return true;
    }
    return false;
}

// dbt is not installed here; should it ever be, PATH is emptied for the run so that no
// shell step really runs dbt.
class WithoutDbt {
  public:
    WithoutDbt() {
        if (!on_path("dbt")) return;
        const char* path = std::getenv("PATH");
        saved_ = path ? path : "";
        empty_ = std::make_unique<opsctl::test::TempDir>();
        setenv("PATH", empty_->path().c_str(), 1);
    }
    ~WithoutDbt() {
        if (saved_) setenv("PATH", saved_->c_str(), 1);
    }
    WithoutDbt(const WithoutDbt&) = delete;
    WithoutDbt& operator=(const WithoutDbt&) = delete;

  private:
    std::optional<std::string> saved_;
    std::unique_ptr<opsctl::test::TempDir> empty_;
};

// What a step concluded, in a form both dialects must agree on.
struct Verdict {
    StepKind kind = StepKind::Sql;
    Status status = Status::Pass;
    std::vector<std::string> keys;  // the offending rows, sorted (see offending_key)
    std::optional<size_t> row_count;
    size_t violation_count = 0;
    std::string message;
    StepResult result;
};

using Verdicts = std::map<std::string, Verdict>;  // "runbook/checklist/step" -> verdict

std::string describe(const Verdict& verdict) {
    std::string keys;
    for (const auto& key : verdict.keys) keys += (keys.empty() ? "" : ", ") + key;
    return text(verdict.status) + " [" + keys + "] (" + verdict.message + ")";
}

// A violation's key: the step's key columns when it has some. A step without a key
// reports "row N"; the offending row is then named by its test_name (the one keyless
// step that returns several rows) or by "column=value" (one-row aggregates). A breach
// of the whole result (a row_count rule, on_empty) is named by its rule.
std::string offending_key(const opsctl::Step& step, const StepResult& result,
                          const opsctl::Violation& violation) {
    if (violation.column == "(row count)") return violation.rule;
    if (!step.key.empty()) return violation.key;
    REQUIRE(violation.key.rfind("row ", 0) == 0);
    const auto test_name =
        std::find(result.columns.begin(), result.columns.end(), std::string("test_name"));
    if (test_name != result.columns.end()) {
        const size_t row = std::stoul(violation.key.substr(4));
        REQUIRE(row >= 1);
        REQUIRE(row <= result.rows.size());
        return result.rows[row - 1][static_cast<size_t>(test_name - result.columns.begin())].text;
    }
    return violation.column + "=" + violation.value.value_or("NULL");
}

Verdicts run_catalogue(opsctl::Connector& connector) {
    WithoutDbt no_dbt;
    REQUIRE_FALSE(on_path("dbt"));
    ChecklistRunner runner(&connector, "stand-in", connector.dialect());
    RunOptions options;
    options.as_of = opsctl::itest::as_of();
    options.as_of_given = true;
    Verdicts verdicts;
    for (const auto& runbook : catalog().runbooks) {
        for (const auto& checklist : runbook.checklists) {
            const opsctl::ChecklistResult result = runner.run(runbook, checklist, options);
            REQUIRE(result.steps.size() == checklist.steps.size());
            for (size_t i = 0; i < result.steps.size(); ++i) {
                const opsctl::Step& step = checklist.steps[i];
                const StepResult& step_result = result.steps[i];
                REQUIRE(step_result.id == step.id);
                Verdict verdict;
                verdict.kind = step.kind;
                verdict.status = step_result.status;
                verdict.row_count = step_result.row_count;
                verdict.violation_count = step_result.violation_count;
                verdict.message = step_result.message;
                for (const auto& violation : step_result.violations) {
                    verdict.keys.push_back(offending_key(step, step_result, violation));
                }
                std::sort(verdict.keys.begin(), verdict.keys.end());
                verdict.result = step_result;
                verdicts[runbook.name + "/" + checklist.name + "/" + step.id] = verdict;
            }
        }
    }
    return verdicts;
}

size_t count_steps(StepKind kind) {
    size_t n = 0;
    for (const auto& runbook : catalog().runbooks) {
        for (const auto& checklist : runbook.checklists) {
            for (const auto& step : checklist.steps) n += step.kind == kind ? 1 : 0;
        }
    }
    return n;
}

// The steps with SQL only for another dialect (SHOW WAREHOUSES).
const std::set<std::string> kSnowflakeOnly = {"daily/morning/warehouse-status",
                                              "incident/p1/warehouse-status"};

// Steps that are not SQL: shell steps are errors (no dbt: the checklist did not do
// its job), manual steps are listed.
void check_non_sql_steps(const Verdicts& verdicts) {
    size_t shell = 0;
    for (const auto& [id, verdict] : verdicts) {
        INFO(id << ": " << describe(verdict));
        if (verdict.kind == StepKind::Shell) {
            ++shell;
            CHECK(verdict.status == Status::Error);
            CHECK_THAT(verdict.message, Catch::StartsWith("dbt is not on PATH (PATH="));
        } else if (verdict.kind == StepKind::Manual) {
            CHECK(verdict.status == Status::Manual);
        }
    }
    CHECK(shell == count_steps(StepKind::Shell));
    CHECK(shell >= 8);
}

void check_snowflake_only_skipped(const Verdicts& verdicts, const std::string& dialect) {
    for (const auto& id : kSnowflakeOnly) {
        INFO(id);
        REQUIRE(verdicts.count(id) == 1);
        const Verdict& verdict = verdicts.at(id);
        CHECK(verdict.status == Status::Skipped);
        CHECK_THAT(verdict.message, Catch::Contains("no SQL for dialect " + dialect));
        CHECK(verdict.result.sql.empty());
    }
}

void check_healthy(const Verdicts& verdicts, const std::string& dialect) {
    REQUIRE(verdicts.size() > 100);
    size_t evaluated = 0;
    for (const auto& [id, verdict] : verdicts) {
        INFO(id << ": " << describe(verdict));
        if (verdict.kind != StepKind::Sql || kSnowflakeOnly.count(id)) continue;
        ++evaluated;
        CHECK(verdict.status == Status::Pass);
        CHECK(verdict.violation_count == 0);
        CHECK(verdict.keys.empty());
        // Every SQL step found rows: a window that matched nothing would pass vacuously.
        REQUIRE(verdict.row_count.has_value());
        CHECK(*verdict.row_count > 0);
    }
    CHECK(evaluated == count_steps(StepKind::Sql) - kSnowflakeOnly.size());
    CHECK(evaluated >= 30);
    check_snowflake_only_skipped(verdicts, dialect);
    check_non_sql_steps(verdicts);
}

struct ExpectedFault {
    Status status;
    std::vector<std::string> keys;
};

// sql/README.md, "The same rows by step": the full expected verdict with faults.
// D is the as-of date. Two deliberate readings of the README:
//  - referential-integrity has no key (SELECT *), so opsctl reports "row N"; the row
//    is named here by its test_name.
//  - warehouse-cost and cost-analysis are keyed by [warehouse_name, cost_date] in
//    runbooks/cost.json and daily.json, so their key is "ADHOC_SPIKE_WH / D".
std::map<std::string, ExpectedFault> expected_faults() {
    const opsctl::Timestamp as_of = opsctl::itest::as_of();
    const std::string d = opsctl::format_date(as_of);
    const std::string d_minus_3 =
        opsctl::format_date(opsctl::Timestamp{as_of.epoch_seconds - 3 * 86400, false});
    const std::vector<std::string> fresh_features = {
        "avg_transit_hours_7d", "carrier_on_time_rate_30d", "lane_volume_14d",
        "customer_order_frequency_30d", "fuel_surcharge_index"};
    const std::vector<std::string> freshness = {"tbl_stale_carrier_events",
                                                "tbl_never_synced_returns"};
    return {
        {"daily/morning/data-freshness", {Status::Fail, freshness}},
        {"daily/morning/data-quality-sla", {Status::Fail, {"tbl_dq_failed_invoices"}}},
        {"daily/morning/referential-integrity", {Status::Fail, {"fk_invoices_shipment"}}},
        {"daily/morning/slow-queries", {Status::Fail, {"q-fault-1200s"}}},
        {"daily/morning/warehouse-cost", {Status::Fail, {"ADHOC_SPIKE_WH / " + d}}},
        {"daily/afternoon/shipments-today", {Status::Fail, {"shipment_count=0"}}},
        {"daily/afternoon/ml-feature-freshness", {Status::Fail, {"latest_features=" + d_minus_3}}},
        {"weekly/wednesday/null-percentage-trend", {Status::Warn, {"tbl_null_heavy_consignees"}}},
        {"monthly/mid-month/slow-queries-month", {Status::Warn, {"q-fault-1200s"}}},
        {"monthly/month-end/dq-pass-rate", {Status::Warn, {"tbl_dq_failed_invoices"}}},
        {"incident/p1/shipments-today", {Status::Fail, {"shipment_count=0"}}},
        {"incident/p2/data-quality-sla", {Status::Fail, {"tbl_dq_failed_invoices"}}},
        {"incident/p2/slow-queries", {Status::Fail, {"q-fault-1200s"}}},
        {"pipeline/monitoring/freshness-status", {Status::Fail, freshness}},
        {"pipeline/monitoring/dbt-run-results",
         {Status::Fail, {"int_customs_declarations", "fct_customs_clearance"}}},
        {"pipeline/monitoring/null-percentage", {Status::Warn, {"tbl_null_heavy_consignees"}}},
        {"pipeline/maintenance/slow-models", {Status::Warn, {"fct_route_optimization"}}},
        {"ml/daily/feature-drift", {Status::Fail, {"port_congestion_index"}}},
        {"ml/daily/prediction-confidence", {Status::Warn, {"eta_predictor_canary"}}},
        {"ml/weekly/feature-store-update", {Status::Fail, fresh_features}},
        {"performance/realtime/query-performance", {Status::Fail, {"CREATE_TABLE_AS_SELECT"}}},
        {"performance/weekly/slow-queries-week", {Status::Warn, {"q-fault-1200s"}}},
        {"backup/daily/backup-status",
         {Status::Fail, {"tbl_customs_documents", "tbl_archived_manifests"}}},
        {"security/daily/user-access", {Status::Warn, {"mallory.external"}}},
        {"security/weekly/security-assessment", {Status::Fail, {"unencrypted_external_stages"}}},
        {"cost/daily/cost-analysis", {Status::Fail, {"ADHOC_SPIKE_WH / " + d}}},
        {"cost/daily/budget", {Status::Fail, {"adhoc_analytics"}}},
    };
}

void check_faults(const Verdicts& verdicts, const std::string& dialect) {
    auto expected = expected_faults();
    for (auto& [id, fault] : expected) std::sort(fault.keys.begin(), fault.keys.end());
    for (const auto& [id, fault] : expected) {
        INFO(id);
        REQUIRE(verdicts.count(id) == 1);  // the README names a step the runbooks have
    }
    size_t evaluated = 0;
    for (const auto& [id, verdict] : verdicts) {
        INFO(id << ": " << describe(verdict));
        if (verdict.kind != StepKind::Sql || kSnowflakeOnly.count(id)) continue;
        ++evaluated;
        const auto found = expected.find(id);
        if (found == expected.end()) {
            CHECK(verdict.status == Status::Pass);
            CHECK(verdict.violation_count == 0);
            continue;
        }
        CHECK(text(verdict.status) == text(found->second.status));
        CHECK(verdict.keys == found->second.keys);
        CHECK(verdict.violation_count == found->second.keys.size());
        // A warn step breaches only warn rules.
        if (found->second.status == Status::Warn) {
            for (const auto& violation : verdict.result.violations) {
                CHECK(violation.severity == opsctl::Severity::Warn);
            }
        }
    }
    CHECK(evaluated == count_steps(StepKind::Sql) - kSnowflakeOnly.size());

    // A few offending values, so that the keys are not right by accident.
    const auto violation_of = [&](const std::string& id, const std::string& key) {
        for (const auto& violation : verdicts.at(id).result.violations) {
            if (violation.key == key) return violation;
        }
        FAIL(id << " reports no " << key);
        return opsctl::Violation{};
    };
    for (const std::string id :
         {"daily/morning/data-freshness", "pipeline/monitoring/freshness-status"}) {
        INFO(id);
        const auto never = violation_of(id, "tbl_never_synced_returns");
        CHECK(never.rule == "on_null");
        CHECK_FALSE(never.value.has_value());
        CHECK_THAT(never.reason, Catch::Contains("NULL"));
        CHECK(never.severity == opsctl::Severity::Fail);
        const auto stale = violation_of(id, "tbl_stale_carrier_events");
        CHECK(stale.value == std::optional<std::string>("1500"));
        CHECK(stale.severity == opsctl::Severity::Fail);
    }
    CHECK(violation_of("daily/afternoon/shipments-today", "row 1").value ==
          std::optional<std::string>("0"));
    CHECK(violation_of("backup/daily/backup-status", "tbl_customs_documents").rule ==
          "fail_unless");
    CHECK(violation_of("backup/daily/backup-status", "tbl_archived_manifests").rule ==
          "fail_older_than");
    CHECK(violation_of("ml/daily/feature-drift", "port_congestion_index").rule ==
          "fail_above_column");
    // dbt's own statuses: an error fails, a skipped model warns.
    const auto error =
        violation_of("pipeline/monitoring/dbt-run-results", "int_customs_declarations");
    CHECK(error.rule == "fail_if");
    CHECK(error.severity == opsctl::Severity::Fail);
    CHECK(error.value == std::optional<std::string>("error"));
    const auto skipped =
        violation_of("pipeline/monitoring/dbt-run-results", "fct_customs_clearance");
    CHECK(skipped.rule == "warn_unless");
    CHECK(skipped.severity == opsctl::Severity::Warn);
    CHECK(skipped.value == std::optional<std::string>("skipped"));
    check_snowflake_only_skipped(verdicts, dialect);
    check_non_sql_steps(verdicts);
}

// What a step saw when every feed stopped 40 days before the as-of time (sql/README.md,
// "Feeds stopped"), and so why it did not pass.
enum class Evidence {
    NoRows,             // its window is empty: the step's on_empty decides
    EveryRowTooOld,     // it reads a relation's current state: every row breaches an age rule
    OneAggregateRow,    // COUNT(*) or MAX() over nothing in the window: one breaching row
    RowCountRule,       // no rows, and its row_count rule says how few is too few
    LatestStatePasses,  // no window: the relation's last word, 40 days old, is still PASS
};

struct ExpectedStopped {
    Status status;
    Evidence evidence;
};

// The catalogue's verdict on every SQL step with a rule when the feeds stopped. The
// statuses of NoRows steps are the steps' on_empty choices (their descriptions say why).
std::map<std::string, ExpectedStopped> expected_feeds_stopped() {
    using E = Evidence;
    return {
        {"backup/daily/backup-status", {Status::Fail, E::EveryRowTooOld}},
        {"cost/daily/cost-analysis", {Status::Fail, E::NoRows}},
        {"cost/daily/budget", {Status::Warn, E::NoRows}},
        {"daily/morning/data-freshness", {Status::Fail, E::EveryRowTooOld}},
        {"daily/morning/data-quality-sla", {Status::Pass, E::LatestStatePasses}},
        {"daily/morning/referential-integrity", {Status::Pass, E::LatestStatePasses}},
        {"daily/morning/slow-queries", {Status::Fail, E::NoRows}},
        {"daily/morning/warehouse-cost", {Status::Fail, E::NoRows}},
        {"daily/afternoon/shipments-today", {Status::Fail, E::OneAggregateRow}},
        {"daily/afternoon/ml-feature-freshness", {Status::Fail, E::OneAggregateRow}},
        {"incident/p1/shipments-today", {Status::Fail, E::OneAggregateRow}},
        {"incident/p2/data-quality-sla", {Status::Pass, E::LatestStatePasses}},
        {"incident/p2/slow-queries", {Status::Fail, E::NoRows}},
        {"ml/daily/feature-drift", {Status::Warn, E::NoRows}},
        {"ml/daily/prediction-confidence", {Status::Warn, E::NoRows}},
        {"ml/weekly/feature-store-update", {Status::Fail, E::RowCountRule}},
        {"monthly/mid-month/slow-queries-month", {Status::Fail, E::NoRows}},
        {"monthly/month-end/dq-pass-rate", {Status::Fail, E::NoRows}},
        {"performance/realtime/query-performance", {Status::Warn, E::NoRows}},
        {"performance/weekly/slow-queries-week", {Status::Fail, E::NoRows}},
        {"pipeline/monitoring/freshness-status", {Status::Fail, E::EveryRowTooOld}},
        {"pipeline/monitoring/dbt-run-results", {Status::Fail, E::NoRows}},
        {"pipeline/monitoring/null-percentage", {Status::Fail, E::NoRows}},
        {"pipeline/maintenance/slow-models", {Status::Fail, E::NoRows}},
        {"security/daily/user-access", {Status::Warn, E::NoRows}},
        {"security/weekly/security-assessment", {Status::Warn, E::NoRows}},
        {"weekly/wednesday/null-percentage-trend", {Status::Fail, E::NoRows}},
    };
}

// The catalogue's steps by id ("runbook/checklist/step").
std::map<std::string, const opsctl::Step*> steps_by_id() {
    std::map<std::string, const opsctl::Step*> steps;
    for (const auto& runbook : catalog().runbooks) {
        for (const auto& checklist : runbook.checklists) {
            for (const auto& step : checklist.steps) {
                steps[runbook.name + "/" + checklist.name + "/" + step.id] = &step;
            }
        }
    }
    return steps;
}

// A step with a time window: its SQL reads the current date or time.
bool windowed(const opsctl::Step& step) {
    for (const auto& [dialect, sql] : step.sql) {
        std::string upper = sql;
        std::transform(upper.begin(), upper.end(), upper.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        if (upper.find("CURRENT_DATE") != std::string::npos ||
            upper.find("CURRENT_TIMESTAMP") != std::string::npos) {
            return true;
        }
    }
    return false;
}

void check_evidence(const Verdict& verdict, Evidence evidence) {
    REQUIRE(verdict.row_count.has_value());
    const size_t rows = *verdict.row_count;
    switch (evidence) {
        case Evidence::NoRows:
            CHECK(rows == 0);
            CHECK(verdict.message == "no rows in the window: nothing confirms health");
            REQUIRE(verdict.result.violations.size() == 1);
            CHECK(verdict.result.violations[0].rule == "on_empty");
            break;
        case Evidence::EveryRowTooOld:
            CHECK(rows > 0);
            CHECK(verdict.violation_count == rows);
            for (const auto& violation : verdict.result.violations) {
                CHECK(violation.severity == opsctl::Severity::Fail);
                // An age rule, or a minutes-since-sync count that grew by 40 days.
                const bool age = violation.rule == "fail_older_than";
                const bool minutes = violation.column == "minutes_since_sync" &&
                                     std::stoll(violation.value.value_or("0")) >= 40 * 1440;
                CHECK((age || minutes));
            }
            break;
        case Evidence::OneAggregateRow:
            CHECK(rows == 1);
            CHECK(verdict.violation_count == 1);
            break;
        case Evidence::RowCountRule:
            CHECK(rows == 0);
            CHECK(verdict.violation_count == 1);
            break;
        case Evidence::LatestStatePasses:
            CHECK(rows > 0);
            CHECK(verdict.violation_count == 0);
            break;
    }
}

// No windowed check passes when the feeds stopped; each ends as the table above says.
void check_feeds_stopped(const Verdicts& verdicts, const std::string& dialect) {
    const auto expected = expected_feeds_stopped();
    const auto steps = steps_by_id();
    size_t evaluated = 0;
    size_t windowed_checks = 0;
    for (const auto& [id, verdict] : verdicts) {
        INFO(id << ": " << describe(verdict));
        if (verdict.kind != StepKind::Sql || kSnowflakeOnly.count(id)) continue;
        const opsctl::Step& step = *steps.at(id);
        if (step.report) {
            CHECK(verdict.status == Status::Pass);
            continue;
        }
        ++evaluated;
        if (windowed(step)) {
            ++windowed_checks;
            CHECK((verdict.status == Status::Warn || verdict.status == Status::Fail));
        }
        const auto found = expected.find(id);
        REQUIRE(found != expected.end());  // a new check must be added to the table
        CHECK(text(verdict.status) == text(found->second.status));
        check_evidence(verdict, found->second.evidence);
    }
    CHECK(evaluated == expected.size());
    CHECK(windowed_checks >= 20);
    check_snowflake_only_skipped(verdicts, dialect);
    check_non_sql_steps(verdicts);
}

// The verdicts of another path (SQLite, ODBC) must equal the PostgreSQL ones, step
// by step.
void check_same_verdicts(const Verdicts& postgres, const Verdicts& sqlite,
                         const std::string& other = "SQLite") {
    REQUIRE(postgres.size() == sqlite.size());
    size_t compared = 0;
    for (const auto& [id, pg] : postgres) {
        INFO(id << ": PostgreSQL " << describe(pg));
        REQUIRE(sqlite.count(id) == 1);
        const Verdict& lite = sqlite.at(id);
        INFO(other << " " << describe(lite));
        CHECK(text(lite.status) == text(pg.status));
        CHECK(lite.keys == pg.keys);
        CHECK(lite.violation_count == pg.violation_count);
        CHECK(lite.row_count == pg.row_count);
        ++compared;
    }
    CHECK(compared > 100);
}

std::string build_sqlite(const opsctl::test::TempDir& dir, opsctl::StandinScenario scenario) {
    opsctl::StandinOptions options;
    options.sql_dir = OPSCTL_SOURCE_DIR "/sql";
    options.anchor = opsctl::itest::as_of();
    options.scale = 2000;
    options.scenario = scenario;
    const std::string path = dir.file(opsctl::to_string(scenario) + ".db");
    opsctl::load_standin_sqlite(path, options);
    return path;
}

Verdicts postgres_verdicts(const std::string& database) {
    opsctl::PostgresConnector connector(opsctl::test::pg_uri(database));
    return run_catalogue(connector);
}

Verdicts odbc_verdicts(const std::string& database) {
    opsctl::OdbcConnector connector(opsctl::test::pg_odbc(database));
    REQUIRE(connector.dialect() == "postgresql");
    return run_catalogue(connector);
}

Verdicts sqlite_verdicts(const std::string& path) {
    opsctl::SqliteConnector connector(path);
    return run_catalogue(connector);
}

}  // namespace

TEST_CASE("catalogue: every runbook loads without a diagnostic", "[integration][catalogue]") {
    const Catalog& loaded = catalog();
    std::string problems;
    for (const auto& diagnostic : loaded.diagnostics) problems += diagnostic.to_string() + "\n";
    INFO(problems);
    CHECK(loaded.diagnostics.empty());
    CHECK(loaded.files == 10);
    CHECK(loaded.names() == std::vector<std::string>{"backup", "cost", "daily", "incident", "ml",
                                                     "monthly", "performance", "pipeline",
                                                     "security", "weekly"});
    size_t checklists = 0;
    for (const auto& runbook : loaded.runbooks) checklists += runbook.checklists.size();
    CHECK(checklists == 24);
    CHECK(count_steps(StepKind::Sql) >= 30);
}

TEST_CASE("catalogue on PostgreSQL: healthy data passes every SQL step",
          "[integration][catalogue][postgres]") {
    check_healthy(postgres_verdicts("wh_healthy"), "postgresql");
}

TEST_CASE("catalogue on PostgreSQL: faults trip exactly the README's steps and keys",
          "[integration][catalogue][postgres]") {
    check_faults(postgres_verdicts("wh_faults"), "postgresql");
}

TEST_CASE("catalogue on SQLite: healthy data passes every SQL step, as on PostgreSQL",
          "[integration][catalogue][sqlite]") {
    opsctl::test::TempDir dir;
    const Verdicts sqlite = sqlite_verdicts(build_sqlite(dir, StandinScenario::Healthy));
    check_healthy(sqlite, "sqlite");
    check_same_verdicts(postgres_verdicts("wh_healthy"), sqlite);
}

TEST_CASE("catalogue on SQLite: faults give the same verdicts as on PostgreSQL",
          "[integration][catalogue][sqlite]") {
    opsctl::test::TempDir dir;
    const Verdicts sqlite = sqlite_verdicts(build_sqlite(dir, StandinScenario::Faults));
    check_faults(sqlite, "sqlite");
    check_same_verdicts(postgres_verdicts("wh_faults"), sqlite);
}

TEST_CASE("catalogue on PostgreSQL: with every feed stopped 40 days ago, no windowed check passes",
          "[integration][catalogue][postgres]") {
    check_feeds_stopped(postgres_verdicts("wh_feeds_stopped"), "postgresql");
}

TEST_CASE("catalogue on SQLite: feeds stopped give the same verdicts as on PostgreSQL",
          "[integration][catalogue][sqlite]") {
    opsctl::test::TempDir dir;
    const Verdicts sqlite = sqlite_verdicts(build_sqlite(dir, StandinScenario::FeedsStopped));
    check_feeds_stopped(sqlite, "sqlite");
    check_same_verdicts(postgres_verdicts("wh_feeds_stopped"), sqlite);
}

TEST_CASE("catalogue through ODBC: healthy data gives the native connector's verdicts",
          "[integration][catalogue][odbc]") {
    const Verdicts odbc = odbc_verdicts("wh_healthy");
    check_healthy(odbc, "postgresql");
    check_same_verdicts(postgres_verdicts("wh_healthy"), odbc, "ODBC");
}

TEST_CASE("catalogue through ODBC: faults give the native connector's verdicts, step by step",
          "[integration][catalogue][odbc]") {
    const Verdicts odbc = odbc_verdicts("wh_faults");
    check_faults(odbc, "postgresql");
    check_same_verdicts(postgres_verdicts("wh_faults"), odbc, "ODBC");
}

// Empties every relation of a stand-in SQLite file but standin_meta, as a reader
// without grants, or filtered out by row-level security, would see it.
void empty_every_relation(const std::string& path) {
    std::vector<std::string> tables;
    {
        opsctl::SqliteConnector connector(path);
        const auto names = opsctl::itest::collect(
            connector,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'standin_meta' "
            "AND name NOT LIKE 'sqlite_%'");
        for (const auto& row : names.rows) tables.push_back(row[0].text);
    }
    REQUIRE(tables.size() == 18);
    opsctl::itest::SqliteFile file(path);
    for (const auto& table : tables) file.exec("DELETE FROM " + table);
}

TEST_CASE("catalogue on SQLite: with every relation empty, no check passes",
          "[integration][catalogue][sqlite]") {
    opsctl::test::TempDir dir;
    const std::string path = build_sqlite(dir, StandinScenario::Healthy);
    empty_every_relation(path);
    const Verdicts verdicts = sqlite_verdicts(path);
    const auto stopped = expected_feeds_stopped();
    const auto steps = steps_by_id();
    size_t evaluated = 0;
    for (const auto& [id, verdict] : verdicts) {
        INFO(id << ": " << describe(verdict));
        CHECK((verdict.status != Status::Error || verdict.kind == StepKind::Shell));
        if (verdict.kind != StepKind::Sql || kSnowflakeOnly.count(id) || steps.at(id)->report) {
            continue;
        }
        ++evaluated;
        REQUIRE(stopped.count(id) == 1);
        // A window that was empty when the feeds stopped ends the same way; every other
        // check's on_empty is fail (its relation is never empty on a working platform),
        // and the aggregates fail on a count of 0 or a NULL date.
        const Evidence evidence = stopped.at(id).evidence;
        const Status expected = evidence == Evidence::NoRows ? stopped.at(id).status : Status::Fail;
        CHECK(text(verdict.status) == text(expected));
        REQUIRE(verdict.row_count.has_value());
        if (evidence == Evidence::OneAggregateRow) {
            CHECK(*verdict.row_count == 1);
        } else {
            CHECK(*verdict.row_count == 0);
        }
        if (evidence != Evidence::OneAggregateRow && evidence != Evidence::RowCountRule) {
            CHECK_THAT(verdict.message, Catch::Contains("no rows in the window"));
        }
    }
    CHECK(evaluated == stopped.size());
}

TEST_CASE("catalogue through ODBC: feeds stopped give the native connector's verdicts",
          "[integration][catalogue][odbc]") {
    const Verdicts odbc = odbc_verdicts("wh_feeds_stopped");
    check_feeds_stopped(odbc, "postgresql");
    check_same_verdicts(postgres_verdicts("wh_feeds_stopped"), odbc, "ODBC");
}

TEST_CASE("catalogue: shell steps are errors without dbt, warehouse-status on both dialects",
          "[integration][catalogue]") {
    WithoutDbt no_dbt;
    REQUIRE_FALSE(on_path("dbt"));
    const opsctl::Runbook* daily = catalog().find("daily");
    REQUIRE(daily);
    const opsctl::Checklist* morning = daily->find_checklist("morning");
    REQUIRE(morning);
    RunOptions options;
    options.as_of = opsctl::itest::as_of();
    options.as_of_given = true;
    options.only = {"dbt-incremental-run", "warehouse-status"};

    opsctl::test::TempDir dir;
    opsctl::PostgresConnector postgres(opsctl::test::pg_uri("wh_healthy"));
    opsctl::SqliteConnector sqlite(build_sqlite(dir, StandinScenario::Healthy));
    for (opsctl::Connector* connector :
         {static_cast<opsctl::Connector*>(&postgres), static_cast<opsctl::Connector*>(&sqlite)}) {
        INFO(connector->dialect());
        ChecklistRunner runner(connector, "stand-in", connector->dialect());
        const auto result = runner.run(*daily, *morning, options);
        REQUIRE(result.steps.size() == 2);
        CHECK(result.steps[0].id == "dbt-incremental-run");
        CHECK(result.steps[0].status == Status::Error);
        CHECK_THAT(result.steps[0].message, Catch::StartsWith("dbt is not on PATH (PATH="));
        CHECK(result.steps[1].id == "warehouse-status");
        CHECK(result.steps[1].status == Status::Skipped);
        CHECK_THAT(result.steps[1].message,
                   Catch::Contains("no SQL for dialect " + connector->dialect()) &&
                       Catch::Contains("snowflake"));
        // A skipped step never decides the run; a shell step that could not run does.
        CHECK(result.status == Status::Error);
        CHECK_FALSE(opsctl::needs_connection(*morning, connector->dialect(), options));
    }
}
