// The real runbook steps on rows placed exactly on and just past their thresholds and
// windows, in a fresh PostgreSQL database and in an SQLite file holding small
// versions of the relations the steps read. Each step runs through ChecklistRunner
// with RunOptions.only, as `opsctl <runbook> <checklist> --only <step>` would.

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "integration_support.h"
#include "opsctl/connect/postgres_connector.h"
#include "opsctl/connect/sqlite_connector.h"
#include "opsctl/evaluate/checklist_runner.h"
#include "opsctl/runbook/catalog.h"
#include "opsctl/runbook/loader.h"
#include "support/test_support.h"

using opsctl::Severity;
using opsctl::Status;
using opsctl::StepResult;
using opsctl::Violation;
using opsctl::itest::text;

namespace {

const opsctl::Catalog& catalog() {
    static const opsctl::Catalog loaded = opsctl::load_catalog({OPSCTL_SOURCE_DIR "/runbooks"});
    return loaded;
}

// A warehouse of our own: setup SQL runs with write access; the step runs through
// opsctl's read-only connector.
class Backend {
  public:
    virtual ~Backend() = default;
    virtual std::string dialect() const = 0;
    virtual void exec(const std::string& sql) = 0;
    virtual opsctl::Connector& connector() = 0;
    virtual std::string database() const { return {}; }  // PostgreSQL only

    // A timestamp `seconds` before the as-of time, as an SQL literal of this dialect.
    std::string before(std::int64_t seconds) const {
        const opsctl::Timestamp at{opsctl::itest::as_of().epoch_seconds - seconds, false};
        const std::string text = opsctl::format_timestamp(at);
        return dialect() == "postgresql" ? "'" + text + "+00'" : "'" + text + "'";
    }

    void replace(const std::string& table, const std::string& values) {
        exec("DELETE FROM " + table + ";" +
             (values.empty() ? "" : "INSERT INTO " + table + " VALUES " + values + ";"));
    }
};

class PostgresBackend : public Backend {
  public:
    explicit PostgresBackend(const std::string& name)
        : database_(opsctl::test::fresh_pg_database(name)) {
        exec(
            "CREATE TABLE vw_data_freshness_monitoring (table_name text, minutes_since_sync "
            "integer);"
            "CREATE TABLE vw_backup_status (table_name text, last_backup_time timestamptz, "
            "backup_size_gb numeric(10,2), backup_status text);"
            "CREATE TABLE vw_ml_feature_monitoring (feature_name text, drift_score numeric(6,2), "
            "threshold numeric(6,2), evaluation_timestamp timestamp);"
            "CREATE TABLE vw_dbt_run_results (model_name text, run_duration_seconds integer, "
            "status text, error_message text, last_run_at timestamp);"
            "CREATE TABLE vw_data_quality_summary (table_name text, row_count bigint, null_keys "
            "bigint, evaluation_timestamp timestamp, sla_result text);");
        connector_ = std::make_unique<opsctl::PostgresConnector>(opsctl::test::pg_uri(database_));
    }
    std::string dialect() const override { return "postgresql"; }
    std::string database() const override { return database_; }
    void exec(const std::string& sql) override { opsctl::test::pg_admin(database_, sql); }
    opsctl::Connector& connector() override { return *connector_; }

  private:
    std::string database_;
    std::unique_ptr<opsctl::Connector> connector_;
};

class SqliteBackend : public Backend {
  public:
    SqliteBackend() : file_(dir_.file("boundaries.db")) {
        exec(
            "CREATE TABLE vw_data_freshness_monitoring (table_name TEXT, minutes_since_sync "
            "INTEGER);"
            "CREATE TABLE vw_backup_status (table_name TEXT, last_backup_time TEXT, "
            "backup_size_gb REAL, backup_status TEXT);"
            "CREATE TABLE vw_ml_feature_monitoring (feature_name TEXT, drift_score REAL, "
            "threshold REAL, evaluation_timestamp TEXT);"
            "CREATE TABLE vw_dbt_run_results (model_name TEXT, run_duration_seconds INTEGER, "
            "status TEXT, error_message TEXT, last_run_at TEXT);"
            "CREATE TABLE vw_data_quality_summary (table_name TEXT, row_count INTEGER, null_keys "
            "INTEGER, evaluation_timestamp TEXT, sla_result TEXT);");
        connector_ = std::make_unique<opsctl::SqliteConnector>(file_.path());
    }
    std::string dialect() const override { return "sqlite"; }
    void exec(const std::string& sql) override { file_.exec(sql); }
    opsctl::Connector& connector() override { return *connector_; }

  private:
    opsctl::test::TempDir dir_;
    opsctl::itest::SqliteFile file_;
    std::unique_ptr<opsctl::Connector> connector_;
};

std::vector<std::unique_ptr<Backend>> backends(const std::string& name) {
    std::vector<std::unique_ptr<Backend>> all;
    all.push_back(std::make_unique<PostgresBackend>(name));
    all.push_back(std::make_unique<SqliteBackend>());
    return all;
}

// Runs one step of the shipped catalogue as of the tests' as-of time.
StepResult run_step(Backend& backend, const std::string& runbook_name,
                    const std::string& checklist_name, const std::string& step_id,
                    const opsctl::VariableValues& overrides = {}) {
    const opsctl::Runbook* runbook = catalog().find(runbook_name);
    REQUIRE(runbook);
    const opsctl::Checklist* checklist = runbook->find_checklist(checklist_name);
    REQUIRE(checklist);
    REQUIRE(checklist->find_step(step_id));
    opsctl::RunOptions options;
    options.as_of = opsctl::itest::as_of();
    options.as_of_given = true;
    options.only = {step_id};
    options.overrides = overrides;
    opsctl::ChecklistRunner runner(&backend.connector(), "boundaries", backend.dialect());
    const opsctl::ChecklistResult result = runner.run(*runbook, *checklist, options);
    REQUIRE(result.steps.size() == 1);
    REQUIRE(result.steps[0].id == step_id);
    return result.steps[0];
}

std::string describe(const StepResult& result) {
    std::string out = text(result.status) + ": " + result.message + "\nSQL: " + result.sql;
    for (const auto& v : result.violations) {
        out +=
            "\n  " + v.key + " " + v.rule + " " + v.value.value_or("NULL") + " (" + v.reason + ")";
    }
    return out;
}

std::vector<std::string> keys_of(const StepResult& result) {
    std::vector<std::string> keys;
    for (const auto& violation : result.violations) keys.push_back(violation.key);
    std::sort(keys.begin(), keys.end());
    return keys;
}

const Violation& violation_for(const StepResult& result, const std::string& key) {
    for (const auto& violation : result.violations) {
        if (violation.key == key) return violation;
    }
    FAIL("no violation for " << key << "\n" << describe(result));
    throw std::logic_error("unreachable");
}

// The cell of `column` in the result row whose first column is `key`.
std::string cell_for(const StepResult& result, const std::string& key, const std::string& column) {
    const auto at = std::find(result.columns.begin(), result.columns.end(), column);
    REQUIRE(at != result.columns.end());
    for (const auto& row : result.rows) {
        if (!row.empty() && row[0].text == key) {
            const opsctl::Cell& cell = row[static_cast<size_t>(at - result.columns.begin())];
            return cell.is_null ? "NULL" : cell.text;
        }
    }
    FAIL("no row " << key << "\n" << describe(result));
    return {};
}

}  // namespace

TEST_CASE("boundaries: daily/morning data-freshness fails above 360 minutes",
          "[integration][boundaries]") {
    for (auto& backend : backends("itest_bound_freshness")) {
        INFO(backend->dialect());
        struct Case {
            std::string minutes;
            Status status;
        };
        for (const Case& c :
             {Case{"0", Status::Pass}, Case{"359", Status::Pass}, Case{"360", Status::Pass},
              Case{"361", Status::Fail}, Case{"100000", Status::Fail}}) {
            INFO("minutes_since_sync " << c.minutes);
            backend->replace("vw_data_freshness_monitoring", "('tbl_x', " + c.minutes + ")");
            const StepResult result = run_step(*backend, "daily", "morning", "data-freshness");
            INFO(describe(result));
            CHECK(text(result.status) == text(c.status));
            CHECK(result.row_count == std::optional<size_t>(1));
            if (c.status == Status::Fail) {
                REQUIRE(result.violations.size() == 1);
                CHECK(result.violations[0].key == "tbl_x");
                CHECK(result.violations[0].rule == "fail_above");
                CHECK(result.violations[0].value == std::optional<std::string>(c.minutes));
                CHECK(result.violations[0].threshold == "360");
            } else {
                CHECK(result.violations.empty());
            }
        }

        // NULL minutes: a table never synced fails, and the reason says NULL.
        backend->replace("vw_data_freshness_monitoring", "('tbl_never_synced', NULL)");
        StepResult result = run_step(*backend, "daily", "morning", "data-freshness");
        INFO(describe(result));
        CHECK(result.status == Status::Fail);
        REQUIRE(result.violations.size() == 1);
        CHECK(result.violations[0].key == "tbl_never_synced");
        CHECK(result.violations[0].rule == "on_null");
        CHECK_FALSE(result.violations[0].value.has_value());
        CHECK_THAT(result.violations[0].reason, Catch::Contains("NULL"));
        CHECK_THAT(result.message, Catch::Contains("NULL"));

        // Several rows: each is judged on its own, a Unicode table name is the key.
        backend->replace("vw_data_freshness_monitoring",
                         "('t_360', 360), ('t_361', 361), ('t_null', NULL), ('tbl_配送_ü', 1000), "
                         "('t_5', 5)");
        result = run_step(*backend, "daily", "morning", "data-freshness");
        INFO(describe(result));
        CHECK(result.status == Status::Fail);
        CHECK(result.row_count == std::optional<size_t>(5));
        CHECK(keys_of(result) == std::vector<std::string>{"t_361", "t_null", "tbl_配送_ü"});
        CHECK(result.violation_count == 3);
        const Violation& unicode = violation_for(result, "tbl_配送_ü");
        CHECK(unicode.value == std::optional<std::string>("1000"));
        CHECK_THAT(unicode.reason, Catch::Contains("1000 > 360"));

        // --set freshness_fail_minutes=361 moves the line by one minute.
        backend->replace("vw_data_freshness_monitoring", "('tbl_x', 361)");
        result = run_step(*backend, "daily", "morning", "data-freshness",
                          {{"freshness_fail_minutes", "361"}});
        INFO(describe(result));
        CHECK(result.status == Status::Pass);
        CHECK(result.violations.empty());
    }
}

TEST_CASE("boundaries: a PostgreSQL numeric just above the threshold fails",
          "[integration][boundaries][postgres]") {
    // numeric keeps digits a double cannot: 360.000000000000000000001 is above 360 even
    // though it reads as the double 360.
    const std::string db = opsctl::test::fresh_pg_database("itest_bound_numeric");
    opsctl::test::pg_admin(
        db,
        "CREATE TABLE vw_data_freshness_monitoring (table_name text, minutes_since_sync numeric);"
        "INSERT INTO vw_data_freshness_monitoring VALUES ('t_exact', 360.000000000000000000000), "
        "('t_below', 359.999999999999999999999), ('t_above', 360.000000000000000000001)");
    opsctl::PostgresConnector connector(opsctl::test::pg_uri(db));
    const opsctl::Runbook* daily = catalog().find("daily");
    REQUIRE(daily);
    opsctl::RunOptions options;
    options.as_of = opsctl::itest::as_of();
    options.as_of_given = true;
    options.only = {"data-freshness"};
    opsctl::ChecklistRunner runner(&connector, "boundaries", "postgresql");
    const auto result = runner.run(*daily, *daily->find_checklist("morning"), options);
    REQUIRE(result.steps.size() == 1);
    const StepResult& step = result.steps[0];
    INFO(describe(step));
    CHECK(step.row_count == std::optional<size_t>(3));
    CHECK(step.status == Status::Fail);
    CHECK(keys_of(step) == std::vector<std::string>{"t_above"});
}

TEST_CASE("boundaries: pipeline/monitoring freshness-status bands 360/720",
          "[integration][boundaries]") {
    for (auto& backend : backends("itest_bound_bands")) {
        INFO(backend->dialect());
        struct Case {
            std::string minutes;
            Status status;
            std::string rule;
            std::string band;  // the step's own CASE, with the variables substituted
        };
        for (const Case& c :
             {Case{"60", Status::Pass, "", "EXCELLENT"}, Case{"360", Status::Pass, "", "GOOD"},
              Case{"361", Status::Warn, "warn_above", "ACCEPTABLE"},
              Case{"720", Status::Warn, "warn_above", "ACCEPTABLE"},
              Case{"721", Status::Fail, "fail_above", "POOR"}}) {
            INFO("minutes_since_sync " << c.minutes);
            backend->replace("vw_data_freshness_monitoring", "('tbl_x', " + c.minutes + ")");
            const StepResult result =
                run_step(*backend, "pipeline", "monitoring", "freshness-status");
            INFO(describe(result));
            CHECK(text(result.status) == text(c.status));
            CHECK(cell_for(result, "tbl_x", "freshness_status") == c.band);
            if (c.rule.empty()) {
                CHECK(result.violations.empty());
            } else {
                // One violation per row: the worst rule it breaches.
                REQUIRE(result.violations.size() == 1);
                CHECK(result.violations[0].rule == c.rule);
                CHECK(result.violations[0].key == "tbl_x");
                CHECK(result.violations[0].severity ==
                      (c.status == Status::Fail ? Severity::Fail : Severity::Warn));
            }
        }
        backend->replace("vw_data_freshness_monitoring", "('tbl_never', NULL), ('tbl_ok', 10)");
        const StepResult result = run_step(*backend, "pipeline", "monitoring", "freshness-status");
        INFO(describe(result));
        CHECK(result.status == Status::Fail);
        CHECK(keys_of(result) == std::vector<std::string>{"tbl_never"});
        CHECK_THAT(violation_for(result, "tbl_never").reason, Catch::Contains("NULL"));
    }
}

TEST_CASE("boundaries: backup/daily backup-status allows exactly 24 hours",
          "[integration][boundaries]") {
    for (auto& backend : backends("itest_bound_backup")) {
        INFO(backend->dialect());
        struct Case {
            std::string name;
            std::string time;
            std::string status;
            Status expected;
            std::string rule;
        };
        const std::vector<Case> cases = {
            {"b_fresh", backend->before(3600), "'SUCCESS'", Status::Pass, ""},
            {"b_exact_24h", backend->before(24 * 3600), "'SUCCESS'", Status::Pass, ""},
            {"b_24h_1s", backend->before(24 * 3600 + 1), "'SUCCESS'", Status::Fail,
             "fail_older_than"},
            {"b_failed", backend->before(3600), "'FAILED'", Status::Fail, "fail_unless"},
            {"b_never", "NULL", "'SUCCESS'", Status::Fail, "on_null"},
            {"b_no_status", backend->before(3600), "NULL", Status::Fail, "on_null"},
        };
        std::string all;
        for (const auto& c : cases) {
            INFO(c.name);
            const std::string row = "('" + c.name + "', " + c.time + ", 12.50, " + c.status + ")";
            all += (all.empty() ? "" : ", ") + row;
            backend->replace("vw_backup_status", row);
            const StepResult result = run_step(*backend, "backup", "daily", "backup-status");
            INFO(describe(result));
            CHECK(text(result.status) == text(c.expected));
            CHECK(result.row_count == std::optional<size_t>(1));
            if (c.rule.empty()) {
                CHECK(result.violations.empty());
            } else {
                REQUIRE(result.violations.size() == 1);
                CHECK(result.violations[0].key == c.name);
                CHECK(result.violations[0].rule == c.rule);
            }
        }
        backend->replace("vw_backup_status", all);
        const StepResult result = run_step(*backend, "backup", "daily", "backup-status");
        INFO(describe(result));
        CHECK(result.status == Status::Fail);
        CHECK(keys_of(result) ==
              std::vector<std::string>{"b_24h_1s", "b_failed", "b_never", "b_no_status"});
        CHECK_THAT(violation_for(result, "b_24h_1s").reason, Catch::Contains("older than 1d"));
    }
}

TEST_CASE("boundaries: ml/daily feature-drift fails only above its own threshold, in its window",
          "[integration][boundaries]") {
    for (auto& backend : backends("itest_bound_drift")) {
        INFO(backend->dialect());
        struct Case {
            std::string drift, threshold;
            Status expected;
        };
        for (const Case& c :
             {Case{"0.20", "0.20", Status::Pass}, Case{"0.19", "0.20", Status::Pass},
              Case{"0.21", "0.20", Status::Fail}, Case{"0.45", "0.50", Status::Pass},
              Case{"0.55", "0.50", Status::Fail}}) {
            INFO("drift " << c.drift << ", threshold " << c.threshold);
            backend->replace("vw_ml_feature_monitoring", "('feature_x', " + c.drift + ", " +
                                                             c.threshold + ", " +
                                                             backend->before(35 * 60) + ")");
            const StepResult result = run_step(*backend, "ml", "daily", "feature-drift");
            INFO(describe(result));
            CHECK(text(result.status) == text(c.expected));
            CHECK(result.row_count == std::optional<size_t>(1));
            CHECK(cell_for(result, "feature_x", "drift_status") ==
                  (c.expected == Status::Fail ? "DRIFT_DETECTED" : "NORMAL"));
            if (c.expected == Status::Fail) {
                REQUIRE(result.violations.size() == 1);
                CHECK(result.violations[0].rule == "fail_above_column");
                CHECK(result.violations[0].key == "feature_x");
            }
        }
        // The 1-day window: a drift evaluated exactly one day ago counts, one second
        // earlier it does not.
        backend->replace("vw_ml_feature_monitoring",
                         "('at_threshold', 0.20, 0.20, " + backend->before(35 * 60) + "), " +
                             "('above', 0.21, 0.20, " + backend->before(3600) + "), " +
                             "('edge_of_window', 0.50, 0.20, " + backend->before(86400) + "), " +
                             "('too_old', 0.90, 0.20, " + backend->before(86400 + 1) + ")");
        const StepResult result = run_step(*backend, "ml", "daily", "feature-drift");
        INFO(describe(result));
        CHECK(result.status == Status::Fail);
        CHECK(result.row_count == std::optional<size_t>(3));
        CHECK(keys_of(result) == std::vector<std::string>{"above", "edge_of_window"});
    }
}

TEST_CASE("boundaries: rows outside a step's time window are ignored",
          "[integration][boundaries]") {
    for (auto& backend : backends("itest_bound_window")) {
        INFO(backend->dialect());
        // pipeline/monitoring dbt-run-results looks back 4 hours.
        const std::string ok = "('stg_ok', 120, 'SUCCESS', NULL, " + backend->before(3600) + ")";
        backend->replace("vw_dbt_run_results", ok + ", ('old_failure', 60, 'FAILED', 'boom', " +
                                                   backend->before(4 * 3600 + 1) + ")");
        StepResult result = run_step(*backend, "pipeline", "monitoring", "dbt-run-results");
        INFO(describe(result));
        CHECK(result.status == Status::Pass);
        CHECK(result.row_count == std::optional<size_t>(1));
        CHECK(result.violations.empty());

        // The same failures inside the window do fail (so the pass above is not vacuous).
        backend->replace("vw_dbt_run_results", ok + ", ('edge_failure', 60, 'FAIL', 'boom', " +
                                                   backend->before(4 * 3600) + ")" +
                                                   ", ('recent_error', 60, 'ERROR', 'boom', " +
                                                   backend->before(90 * 60) + ")");
        result = run_step(*backend, "pipeline", "monitoring", "dbt-run-results");
        INFO(describe(result));
        CHECK(result.status == Status::Fail);
        CHECK(result.row_count == std::optional<size_t>(3));
        CHECK(keys_of(result) == std::vector<std::string>{"edge_failure", "recent_error"});
    }
}

TEST_CASE("boundaries: null-percentage steps take a zero-row table as 0 %",
          "[integration][boundaries]") {
    for (auto& backend : backends("itest_bound_nulls")) {
        INFO(backend->dialect());
        const std::string recent = backend->before(3600);
        const auto both = [&](const std::function<void(const StepResult&)>& check) {
            check(run_step(*backend, "pipeline", "monitoring", "null-percentage"));
            check(run_step(*backend, "weekly", "wednesday", "null-percentage-trend"));
        };

        // A table that has no rows: no division by zero, no NULL, no breach.
        backend->replace("vw_data_quality_summary", "('tbl_empty', 0, 0, " + recent + ", 'PASS')");
        both([](const StepResult& result) {
            INFO(result.id << ": " << describe(result));
            CHECK(result.status == Status::Pass);
            CHECK(result.row_count == std::optional<size_t>(1));
            CHECK(result.violations.empty());
            const std::string column =
                result.id == "null-percentage" ? "null_percentage" : "avg_null_percentage";
            const std::string value = cell_for(result, "tbl_empty", column);
            const auto number = std::stod(value);
            CHECK(number == 0.0);
        });

        // No evaluation at all: nothing confirms health, so it never passes; nor is it
        // an error.
        backend->replace("vw_data_quality_summary", "");
        both([](const StepResult& result) {
            INFO(result.id << ": " << describe(result));
            CHECK((result.status == Status::Warn || result.status == Status::Fail));
            CHECK(result.row_count == std::optional<size_t>(0));
        });

        // Exactly 5 % passes, just above warns; the zero-row table still passes.
        backend->replace("vw_data_quality_summary",
                         "('tbl_empty', 0, 0, " + recent + ", 'PASS'), ('tbl_five', 100, 5, " +
                             recent + ", 'PASS'), ('tbl_above', 10000, 501, " + recent +
                             ", 'PASS')");
        both([](const StepResult& result) {
            INFO(result.id << ": " << describe(result));
            CHECK(result.status == Status::Warn);
            CHECK(result.row_count == std::optional<size_t>(3));
            CHECK(keys_of(result) == std::vector<std::string>{"tbl_above"});
        });
    }
}

TEST_CASE("boundaries: a step that outlives its timeout ends as error, and the next step runs",
          "[integration][boundaries][timeout]") {
    const opsctl::LoadResult loaded = opsctl::load_runbook_text(R"({
      "runbook": "itest-timeouts",
      "checklists": [{
        "name": "slow",
        "steps": [
          {"id": "slow-query", "title": "A query that never ends in time", "timeout": "300ms",
           "sql": {"postgresql": "SELECT pg_sleep(5) AS slept",
                   "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) AS c FROM n"},
           "report": true},
          {"id": "after", "title": "The next check",
           "sql": "SELECT 1 AS one", "expect": [{"column": "one", "fail_below": 1}]}
        ]
      }]
    })",
                                                                "itest-timeouts.json");
    std::string problems;
    for (const auto& diagnostic : loaded.diagnostics) problems += diagnostic.to_string() + "\n";
    INFO(problems);
    REQUIRE(loaded.runbook);
    const opsctl::Runbook& runbook = *loaded.runbook;
    for (auto& backend : backends("itest_bound_timeout")) {
        INFO(backend->dialect());
        opsctl::RunOptions options;
        options.as_of = opsctl::itest::as_of();
        options.as_of_given = true;
        opsctl::ChecklistRunner runner(&backend->connector(), "timeouts", backend->dialect());
        const auto start = std::chrono::steady_clock::now();
        const opsctl::ChecklistResult result =
            runner.run(runbook, runbook.checklists.at(0), options);
        const auto elapsed = std::chrono::steady_clock::now() - start;
        REQUIRE(result.steps.size() == 2);
        INFO(describe(result.steps[0]));
        CHECK(result.steps[0].status == Status::Error);
        CHECK_THAT(result.steps[0].message, Catch::Contains("timed out after 300ms"));
        CHECK(elapsed < std::chrono::seconds(3));
        CHECK(result.steps[1].status == Status::Pass);
        CHECK(result.status == Status::Error);
        if (backend->dialect() == "postgresql") {
            // The cancelled query is not left running on the server.
            CHECK(opsctl::itest::running_sleeps(backend->database()) == "0");
        }
    }
}
