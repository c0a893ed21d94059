// The history store against both engines it runs on: a real SQLite file and the tests'
// PostgreSQL. Each case runs once per store (the same SQL serves both).
#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "integration/integration_support.h"
#include "opsctl/history/baseline_query.h"
#include "opsctl/history/history_error.h"
#include "opsctl/history/history_query.h"
#include "opsctl/history/history_schema.h"
#include "opsctl/history/history_store.h"
#include "opsctl/history/postgres_store_session.h"
#include "opsctl/history/sqlite_store_session.h"

using opsctl::ChecklistResult;
using opsctl::HistoryError;
using opsctl::RunContext;
using opsctl::RunResult;
using opsctl::SqlRow;
using opsctl::StoreSession;
using opsctl::test::fresh_pg_database;
using opsctl::test::pg_uri;
using opsctl::test::TempDir;

namespace {

// A fresh store of the kind GENERATE picked: "sqlite" or "postgresql".
std::unique_ptr<StoreSession> fresh_store(const std::string& kind, const TempDir& dir,
                                          const std::string& name) {
    if (kind == "sqlite") {
        return std::make_unique<opsctl::SqliteStoreSession>(dir.file(name + ".db"));
    }
    return std::make_unique<opsctl::PostgresStoreSession>(pg_uri(fresh_pg_database(name)));
}

std::string scalar(StoreSession& store, const std::string& sql) {
    const std::vector<SqlRow> rows = store.query(sql);
    REQUIRE(rows.size() == 1);
    REQUIRE(rows[0][0].has_value());
    return *rows[0][0];
}

// One checklist's run: a passing step, a failing one with two violations, a manual
// step the operator confirmed.
ChecklistResult sample_run() {
    ChecklistResult run;
    run.runbook = "daily";
    run.checklist = "morning";
    run.target = "postgresql://ops:***@db/wh";
    run.dialect = "postgresql";
    run.as_of = opsctl::parse_timestamp("2026-11-26 08:00:00").value();
    run.started_at = run.as_of;
    run.finished_at = run.as_of;
    run.status = opsctl::Status::Fail;
    opsctl::StepResult ok;
    ok.id = "feeds";
    ok.row_count = 3;
    opsctl::StepResult failing;
    failing.id = "queue";
    failing.status = opsctl::Status::Fail;
    failing.message = "2 rows breach";
    failing.duration = std::chrono::milliseconds(12);
    for (const char* key : {"eu", "us"}) {
        opsctl::Violation violation;
        violation.rule = "fail_above";
        violation.column = "depth";
        violation.value = "400";
        violation.threshold = "360";
        violation.key = key;
        failing.violations.push_back(violation);
    }
    failing.violation_count = 2;
    opsctl::StepResult manual;
    manual.id = "sign-off";
    manual.kind = opsctl::StepKind::Manual;
    manual.status = opsctl::Status::Pass;
    run.steps = {ok, failing, manual};
    return run;
}

RunContext sample_context() {
    RunContext context;
    context.exit_code = 2;
    context.opsctl_version = "0.1.0";
    context.host = "runner-1";
    context.user = "ops";
    context.ci = {{"GITHUB_RUN_ID", "42"}};
    return context;
}

}  // namespace

TEST_CASE("history store: a run is recorded with its steps, violations and manual answers",
          "[integration][history]") {
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    SECTION(kind) {
        const TempDir dir;
        const auto store = fresh_store(kind, dir, "history_record");
        RunResult run;
        run.checklists.push_back(sample_run());
        opsctl::record_in_history(*store, run, sample_context());

        CHECK(scalar(*store, "SELECT COUNT(*) FROM runs") == "1");
        CHECK(scalar(*store,
                     "SELECT runbook || ' ' || checklist || ' ' || target || ' ' || "
                     "status || ' ' || exit_code || ' ' || host || ' ' || user_name "
                     "FROM runs") ==
              "daily morning postgresql://ops:***@db/wh fail 2 "
              "runner-1 ops");
        CHECK(scalar(*store, "SELECT ci FROM runs") == R"({"GITHUB_RUN_ID":"42"})");
        CHECK(scalar(*store, "SELECT started_at FROM runs") == "2026-11-26T08:00:00Z");
        CHECK(scalar(*store, "SELECT COUNT(*) FROM steps") == "3");
        CHECK(scalar(*store,
                     "SELECT status || ' ' || duration_ms || ' ' || violation_count "
                     "FROM steps WHERE step_id = 'queue'") == "fail 12 2");
        CHECK(scalar(*store, "SELECT row_count FROM steps WHERE step_id = 'feeds'") == "3");
        CHECK(scalar(*store,
                     "SELECT COUNT(*) FROM violations WHERE step_id = 'queue' AND "
                     "column_name = 'depth' AND value = '400' AND threshold = '360' "
                     "AND severity = 'fail'") == "2");
        CHECK(scalar(*store, "SELECT answer || ' ' || answered_by FROM manual_answers") ==
              "yes ops");
    }
}

TEST_CASE("history store: a store of the first schema version is migrated, its runs kept",
          "[integration][history]") {
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    SECTION(kind) {
        const TempDir dir;
        const auto store = fresh_store(kind, dir, "history_migrate");
        store->begin();
        CHECK(opsctl::migrate_schema(*store, 1) == 0);
        store->exec(
            "INSERT INTO runs (runbook, checklist, target, dialect, as_of, as_of_given, "
            "started_at, finished_at, duration_ms, status, exit_code, partial, opsctl_version, "
            "host, user_name, ci) VALUES ('daily', 'morning', 'demo', 'sqlite', "
            "'2026-11-25T08:00:00Z', 0, '2026-11-25T08:00:00Z', '2026-11-25T08:00:01Z', 900, "
            "'pass', 0, 0, '0.0.9', 'h', 'u', '{}')");
        store->commit();
        // Version 1 had no manual answers, nor acknowledgements.
        CHECK_THROWS_AS(store->query("SELECT COUNT(*) FROM manual_answers"), HistoryError);
        CHECK_THROWS_AS(store->query("SELECT COUNT(*) FROM acks"), HistoryError);

        RunResult run;
        run.checklists.push_back(sample_run());
        opsctl::record_in_history(*store, run, sample_context());
        CHECK(scalar(*store, "SELECT MAX(version) FROM schema_version") ==
              std::to_string(opsctl::latest_schema_version()));
        CHECK(scalar(*store, "SELECT COUNT(*) FROM runs") == "2");
        CHECK(scalar(*store, "SELECT opsctl_version FROM runs ORDER BY id LIMIT 1") == "0.0.9");
        CHECK(scalar(*store, "SELECT COUNT(*) FROM manual_answers") == "1");
        CHECK(opsctl::latest_schema_version() == 6);
        CHECK(scalar(*store, "SELECT COUNT(*) FROM acks") == "0");
        // Version 5: the steps' flapping flag (old rows have none) and the drift values.
        CHECK(scalar(*store, "SELECT COUNT(*) FROM steps WHERE flapping = 0") == "2");
        CHECK(scalar(*store, "SELECT COUNT(*) FROM key_values") == "0");
        // Version 6: the notification ledger.
        CHECK(scalar(*store, "SELECT COUNT(*) FROM notification_deliveries") == "0");
    }
}

TEST_CASE("history store: a store of version 3 gains the acks table, its runs kept",
          "[integration][history]") {
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    SECTION(kind) {
        const TempDir dir;
        const auto store = fresh_store(kind, dir, "history_migrate_3");
        store->begin();
        CHECK(opsctl::migrate_schema(*store, 3) == 0);
        store->commit();
        RunResult run;
        run.checklists.push_back(sample_run());
        opsctl::record_in_history(*store, run, sample_context());
        store->begin();
        CHECK(opsctl::migrate_schema(*store) == opsctl::latest_schema_version());
        store->commit();
        store->exec(
            "INSERT INTO acks (runbook, checklist, step_id, target, key_text, column_name, "
            "severity, acked_by, reason, created_at, until_at) VALUES ('daily', 'morning', 's', "
            "'demo', 'eu', NULL, 'warn', 'alice', 'r', '2026-11-25T08:00:00Z', "
            "'2099-01-01T00:00:00Z')");
        CHECK(scalar(*store, "SELECT acked_by || ' ' || severity FROM acks") == "alice warn");
        CHECK(scalar(*store, "SELECT COUNT(*) FROM runs") == "1");
    }
}

TEST_CASE("history store: a step that alternates 21 times flaps, and stops when steady",
          "[integration][history]") {
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    SECTION(kind) {
        const TempDir dir;
        const auto store = fresh_store(kind, dir, "history_flapping");
        std::optional<opsctl::FlapState> last;
        const auto record = [&](opsctl::Status status) {
            RunResult run;
            run.checklists.push_back(sample_run());
            run.checklists[0].steps[0].status = status;
            opsctl::record_in_history(*store, run, sample_context());
            last = run.checklists[0].steps[0].flap;
            REQUIRE(last);
        };
        for (int i = 0; i < 21; ++i) record(i % 2 ? opsctl::Status::Fail : opsctl::Status::Pass);
        CHECK(last->flapping);
        CHECK(last->runs == 21);
        CHECK(last->state_change_pct == Approx(100.0));
        CHECK(scalar(*store,
                     "SELECT flapping FROM steps WHERE step_id = 'feeds' ORDER BY "
                     "run_id DESC LIMIT 1") == "1");
        // Steady from now on: the changes age out; between 30% and 20% it still flaps.
        int steady = 0;
        while (last->flapping && steady < 21) {
            record(opsctl::Status::Pass);
            ++steady;
            if (last->flapping) CHECK(last->state_change_pct >= 20.0);
        }
        CHECK(!last->flapping);
        CHECK(last->state_change_pct < 20.0);
        // Hand-computed: after 15 steady runs 5 changes are left (weights 0.75 to 0.8553,
        // 20.07%: still flapping); after 16, 4 (0.75 to 0.8289, sum 3.1579: 15.79%).
        CHECK(steady == 16);
        CHECK(last->state_change_pct == Approx(15.789).epsilon(0.001));
        CHECK(scalar(*store,
                     "SELECT flapping FROM steps WHERE step_id = 'feeds' ORDER BY "
                     "run_id DESC LIMIT 1") == "0");
        // The manual step is never counted.
        CHECK(scalar(*store,
                     "SELECT COUNT(*) FROM steps WHERE step_id = 'sign-off' AND "
                     "flapping IS NOT NULL") == "0");
    }
}

TEST_CASE("history store: runs that skipped a step do not count toward its flapping",
          "[integration][history]") {
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    SECTION(kind) {
        const TempDir dir;
        const auto store = fresh_store(kind, dir, "history_flapping_skips");
        std::optional<opsctl::FlapState> last;
        for (int i = 0; i < 13; ++i) {
            RunResult run;
            run.checklists.push_back(sample_run());
            // P, skipped, F, skipped, P, ...: 7 counted results that alternate.
            run.checklists[0].steps[0].status = i % 2   ? opsctl::Status::Skipped
                                                : i % 4 ? opsctl::Status::Fail
                                                        : opsctl::Status::Pass;
            opsctl::record_in_history(*store, run, sample_context());
            last = run.checklists[0].steps[0].flap;
            if (i % 2) CHECK(!last);  // a skipped step has no flap state
        }
        REQUIRE(last);
        CHECK(last->runs == 7);
        // 6 changes into results 15..20 of the window: 7.1053 of 20, 35.53%.
        CHECK(last->state_change_pct == Approx(35.526).epsilon(0.0001));
        CHECK(last->flapping);
    }
}

TEST_CASE("history store: drift values are recorded, read back as baselines and pruned",
          "[integration][history]") {
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    SECTION(kind) {
        const TempDir dir;
        const auto store = fresh_store(kind, dir, "history_drift");
        for (const char* depth : {"100", "300", "200"}) {
            RunResult run;
            run.checklists.push_back(sample_run());
            run.checklists[0].steps[1].drift_values = {{"depth", "eu", std::string(depth)},
                                                       {"depth", "us", std::nullopt}};
            opsctl::record_in_history(*store, run, sample_context());
        }
        opsctl::Checklist checklist;
        checklist.name = "morning";
        opsctl::Step step;
        step.id = "queue";
        opsctl::Rule previous;
        previous.kind = opsctl::RuleKind::DropPct;
        opsctl::Rule median = previous;
        median.baseline_runs = 2;
        opsctl::Expectation expectation;
        expectation.column = "depth";
        expectation.rules = {previous, median};
        step.expectations = {expectation};
        checklist.steps = {step};
        const opsctl::RunBaselines baselines =
            opsctl::read_baselines(*store, "daily", {&checklist}, "postgresql://ops:***@db/wh");
        const opsctl::StepBaselines queue = baselines.for_step("morning", "queue");
        CHECK(queue.available);
        REQUIRE(queue.find("depth", 1, "eu"));
        CHECK(queue.find("depth", 1, "eu")->value == "200");
        REQUIRE(queue.find("depth", 2, "eu"));
        CHECK(queue.find("depth", 2, "eu")->value == "250");
        CHECK(queue.find("depth", 2, "eu")->values == 2);
        CHECK(!queue.find("depth", 1, "us"));  // NULL: no baseline
        // Another target has none.
        const opsctl::RunBaselines elsewhere =
            opsctl::read_baselines(*store, "daily", {&checklist}, "demo");
        CHECK(!elsewhere.for_step("morning", "queue").find("depth", 1, "eu"));
        CHECK(scalar(*store, "SELECT COUNT(*) FROM key_values") == "6");
        CHECK(opsctl::prune_runs(*store, opsctl::parse_timestamp("2030-01-01 00:00:00").value()) ==
              3);
        CHECK(scalar(*store, "SELECT COUNT(*) FROM key_values") == "0");
    }
}

TEST_CASE("history store: a store newer than this opsctl is refused, nothing recorded",
          "[integration][history]") {
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    SECTION(kind) {
        const TempDir dir;
        const auto store = fresh_store(kind, dir, "history_newer");
        RunResult run;
        run.checklists.push_back(sample_run());
        opsctl::record_in_history(*store, run, sample_context());
        store->exec("INSERT INTO schema_version (version) VALUES (99)");
        try {
            opsctl::record_in_history(*store, run, sample_context());
            FAIL("a newer store was written to");
        } catch (const HistoryError& e) {
            CHECK_THAT(e.what(), Catch::Contains("has schema version 99, newer than this "
                                                 "opsctl's"));
        }
        CHECK(scalar(*store, "SELECT COUNT(*) FROM runs") == "1");
    }
}

TEST_CASE("history store: a PostgreSQL store keeps its tables in the schema opsctl",
          "[integration][history]") {
    const std::string database = fresh_pg_database("history_schema");
    {
        opsctl::PostgresStoreSession store(pg_uri(database));
        RunResult run;
        run.checklists.push_back(sample_run());
        opsctl::record_in_history(store, run, sample_context());
    }
    CHECK(opsctl::test::pg_scalar(database, "SELECT COUNT(*) FROM opsctl.runs") == "1");
    CHECK(opsctl::test::pg_scalar(
              database, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'") == "0");
}

TEST_CASE("history store: a PostgreSQL server that does not listen is a HistoryError",
          "[integration][history]") {
    CHECK_THROWS_AS(opsctl::PostgresStoreSession("postgresql://127.0.0.1:1/nowhere"), HistoryError);
}
