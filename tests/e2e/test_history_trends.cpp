// Rules against the run history and flapping (issue 17, items 5 and 6), end to end,
// with a SQLite and a PostgreSQL store: drop and rise rules against the previous run
// or a median, keys without a baseline yet, and a step marked flapping in every report
// format without a changed status or exit code.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "e2e/e2e_support.h"
#include "e2e/queue_depths.h"
#include "support/report_parsers.h"

using namespace opsctl::e2e;
using opsctl::test::Process;
using opsctl::test::run_opsctl;
using opsctl::test::TempDir;

namespace {

struct Flaps : QueueChecklist {
    explicit Flaps(const std::string& kind)
        : QueueChecklist(kind, "flaps", R"([{"column": "depth", "fail_above": 360}])", "flaps") {}
};

// Drop and rise rules on each region's depth, with `extra` members in the expectation;
// `pg_database` names the PostgreSQL store, one per test (they run in parallel).
struct Drifts : QueueChecklist {
    Drifts(const std::string& kind, const std::string& extra, const std::string& pg_database)
        : QueueChecklist(
              kind, "drifts",
              R"([{"column": "depth", "fail_drop_pct": 50, "warn_rise_pct": 100)" + extra + "}]",
              pg_database) {}
};

}  // namespace

TEST_CASE("history trends: 21 alternating runs flap; steady runs stop it below 20%",
          "[e2e][history]") {
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    SECTION(kind) {
        const Flaps flaps(kind);
        for (int i = 0; i < 20; ++i) {
            flaps.set(i % 2 ? "eu=400" : "eu=100");
            flaps.run("json");
        }
        flaps.set("eu=100");
        const Process flapping = flaps.run("json");
        // Flapping changes no status and no exit code.
        CHECK(flapping.exit_code == 0);
        const json report = flapping.json();
        CHECK(step_of(report, "depth")["status"] == "pass");
        CHECK(step_of(report, "depth")["flapping"] == true);
        CHECK(step_of(report, "depth")["state_change_pct"] == 100.0);
        CHECK(contains(flaps.run("text").out, "FLAPPING (94% state change over 21 runs)"));
        // 15 steady runs (the text one included): 5 changes left, 20.07%, still flapping
        // (hysteresis) ...
        for (int i = 0; i < 13; ++i) flaps.run("json");
        const json still = flaps.run("json").json();
        CHECK(step_of(still, "depth")["flapping"] == true);
        CHECK(step_of(still, "depth")["state_change_pct"] == 20.07);
        // ... one more: 4 changes, 15.79%, below the low threshold.
        const json stopped = flaps.run("json").json();
        CHECK(step_of(stopped, "depth")["flapping"] == false);
        CHECK(step_of(stopped, "depth")["state_change_pct"] == 15.79);
        CHECK(!contains(flaps.run("text").out, "FLAPPING"));
    }
}

TEST_CASE("history trends: JUnit, Markdown, Nagios and Prometheus show flapping",
          "[e2e][history]") {
    const Flaps flaps("sqlite");
    for (int i = 0; i < 8; ++i) {
        flaps.set(i % 2 ? "eu=400" : "eu=100");
        flaps.run("json");
    }
    // 9 results, 8 changes into the window's results 13..20: 9.2632 of 20, 46.32%.
    const std::string line = "FLAPPING (46% state change over 9 runs)";
    flaps.set("eu=100");
    const TempDir out;
    const std::string prom = out.file("opsctl.prom");
    const Process nagios = flaps.run("nagios", {"--output-prometheus", prom});
    CHECK(nagios.exit_code == 0);
    CHECK(contains(nagios.out, line));
    opsctl::test::parse_nagios(nagios.out);
    const auto metrics = opsctl::test::parse_prometheus(opsctl::test::read_file(prom));
    CHECK(metrics.value("opsctl_step_flapping", {{"step", "depth"}}) == 1);
    CHECK(metrics.value("opsctl_step_status", {{"step", "depth"}}) == 0);
    flaps.set("eu=400");
    const Process junit = flaps.run("junit");
    CHECK(contains(junit.out, "<property name=\"flapping\" value=\"depth: FLAPPING ("));
    const Process markdown = flaps.run("markdown");
    CHECK(contains(markdown.out, "**depth**: FLAPPING ("));
}

TEST_CASE("history trends: without a history no step is said to flap", "[e2e][history]") {
    const Flaps flaps("sqlite");
    flaps.set("eu=100");
    const Process run =
        run_opsctl({"--runbooks", flaps.runbooks, "--target", "sqlite:" + flaps.database,
                    "--history", "none", "--no-lock", "flaps", "run", "--format", "json"});
    const json report = run.json();
    CHECK(!step_of(report, "depth").contains("flapping"));
    CHECK(!step_of(report, "depth").contains("state_change_pct"));
}

TEST_CASE("history trends: drop and rise rules against the previous run, a new key",
          "[e2e][history]") {
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    SECTION(kind) {
        const Drifts drifts(kind, "", "drifts_previous");
        drifts.set("eu=100,us=100");
        const Process first = drifts.run("json");
        CHECK(first.exit_code == 0);
        CHECK(contains(step_of(first.json(), "depth")["message"], "no baseline yet for 2 keys"));

        drifts.set("eu=40,us=250");
        const Process second = drifts.run("json");
        CHECK(second.exit_code == 2);
        const json report = second.json();
        CHECK(violation_of(report, "eu")["rule"] == "fail_drop_pct");
        CHECK(violation_of(report, "eu")["severity"] == "fail");
        CHECK(violation_of(report, "eu")["reason"] ==
              "depth 40 is 60% below the previous run's 100 (more than 50%)");
        CHECK(violation_of(report, "us")["rule"] == "warn_rise_pct");
        CHECK(violation_of(report, "us")["severity"] == "warn");

        // Exactly 50% down and 100% up are not beyond the thresholds; a new key has no
        // baseline and passes, and the message says so.
        drifts.set("eu=20,us=500,asia=7");
        const Process third = drifts.run("json");
        CHECK(third.exit_code == 0);
        CHECK(contains(step_of(third.json(), "depth")["message"], "no baseline yet for 1 key"));
        // The baseline is the previous run's value of each key, kept for every key.
        drifts.set("eu=9,us=500,asia=7");
        const Process fourth = drifts.run("json");
        CHECK(fourth.exit_code == 2);
        CHECK(violation_of(fourth.json(), "eu")["reason"] ==
              "depth 9 is 55% below the previous run's 20 (more than 50%)");
        // A NULL today is what on_null says.
        drifts.set("eu=NULL,us=500,asia=7");
        CHECK(violation_of(drifts.run("json").json(), "eu")["rule"] == "on_null");
    }
}

TEST_CASE("history trends: a median baseline over the last N runs", "[e2e][history]") {
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    SECTION(kind) {
        const Drifts drifts(kind, R"(, "baseline": "median:3")", "drifts_median");
        for (const char* depth : {"eu=100", "eu=110", "eu=90"}) {
            drifts.set(depth);
            CHECK(drifts.run("json").exit_code == 0);
        }
        // 45 is exactly 50% below the previous run's 90, but 55% below the median 100.
        drifts.set("eu=45");
        const Process run = drifts.run("json");
        CHECK(run.exit_code == 2);
        CHECK(violation_of(run.json(), "eu")["reason"] ==
              "depth 45 is 55% below the median 100 of the last 3 runs (more than 50%)");
        // The next median is over 110, 90, 45: 90.
        drifts.set("eu=44");
        CHECK(violation_of(drifts.run("json").json(), "eu")["reason"] ==
              "depth 44 is 51.1% below the median 90 of the last 3 runs (more than 50%)");
    }
}

TEST_CASE("history trends: without a history the drift rules say they were not evaluated",
          "[e2e][history]") {
    const Drifts drifts("sqlite", "", "");
    drifts.set("eu=100");
    const Process run =
        run_opsctl({"--runbooks", drifts.runbooks, "--target", "sqlite:" + drifts.database,
                    "--history", "none", "--no-lock", "drifts", "run", "--format", "json"});
    CHECK(run.exit_code == 0);
    CHECK(contains(step_of(run.json(), "depth")["message"],
                   "drop/rise rules not evaluated: no run history (--history none)"));
    // A store that cannot be opened: the same, and one warning.
    const TempDir dir;
    dir.write("file", "");
    const Process broken = run_opsctl(
        {"--runbooks", drifts.runbooks, "--target", "sqlite:" + drifts.database, "--history",
         dir.file("file") + "/history.db", "--no-lock", "drifts", "run", "--format", "json"});
    CHECK(broken.exit_code == 0);
    CHECK(contains(step_of(broken.json(), "depth")["message"],
                   "drop/rise rules not evaluated: the run history could not be read"));
    CHECK(lines_of(broken.err).size() == 1);
}

TEST_CASE("history trends: show lists the rules, a bad baseline is one clear error",
          "[e2e][history]") {
    const Drifts drifts("sqlite", R"(, "baseline": "median:7")", "");
    const Process show = run_opsctl({"--runbooks", drifts.runbooks, "show", "drifts", "run"});
    CHECK(show.exit_code == 0);
    CHECK(contains(show.out, "fail_drop_pct 50% against the median of the last 7 runs"));
    // A bad baseline is one problem, named where it is.
    const Drifts bad("sqlite", R"(, "baseline": "median:0")", "");
    const Process invalid = run_opsctl({"validate", bad.runbooks + "/drifts.json"});
    CHECK(invalid.exit_code == 3);
    REQUIRE(lines_of(invalid.out).size() == 2);
    CHECK(contains(lines_of(invalid.out)[0],
                   "checklists[0].steps[0].expect[0].baseline: \"baseline\" is \"previous\" or "
                   "\"median:N\" with N from 1 to 100, found \"median:0\""));
    bad.dir.write("runbooks/other.json", R"({"runbook": "other", "checklists": [
        {"name": "run", "steps": [{"id": "s", "sql": "SELECT 1 AS n",
         "expect": [{"column": "n", "fail_above": 5, "baseline": "previous"}]}]}]})");
    const Process misplaced = run_opsctl({"validate", bad.runbooks + "/other.json"});
    CHECK(misplaced.exit_code == 3);
    CHECK(contains(misplaced.out, "\"baseline\" is for drop and rise rules"));
}
