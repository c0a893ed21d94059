// Change awareness against the run history (issue 17, item 2): each violation new or
// ongoing with its first run and runs in a row, the previous run's violations that are
// gone listed as resolved, in every report format, with a SQLite and a PostgreSQL store.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "e2e/e2e_support.h"
#include "e2e/queue_depths.h"
#include "support/report_parsers.h"

using namespace opsctl::e2e;
using opsctl::test::fresh_pg_database;
using opsctl::test::pg_uri;
using opsctl::test::Process;
using opsctl::test::run_opsctl;
using opsctl::test::TempDir;

namespace {

// The checklist "changes/run" on a SQLite file whose queue depths a test sets.
struct Queues : QueueChecklist {
    explicit Queues(const std::string& kind)
        : QueueChecklist(kind, "changes", R"([{"column": "depth", "fail_above": 360}])",
                         "changes") {}
};

}  // namespace

TEST_CASE("history changes: new, then ongoing with first_seen and consecutive_runs, then resolved",
          "[e2e][history]") {
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    SECTION(kind) {
        const Queues queues(kind);
        queues.set("eu=400,us=100");
        const auto first = queues.run("json").json();
        const auto& eu1 = violation_of(first, "eu");
        CHECK(eu1["state"] == "new");
        CHECK(eu1["consecutive_runs"] == 1);
        CHECK(eu1["first_seen"] == first["started_at"]);
        CHECK(step_of(first, "depth")["resolved"] == nlohmann::json::array());

        // A run that did not evaluate the step is not "the previous run".
        CHECK(queues.run("json", {"--skip", "depth"}).exit_code == 0);

        queues.set("eu=400,us=500");
        const auto second = queues.run("json").json();
        CHECK(violation_of(second, "eu")["state"] == "ongoing");
        CHECK(violation_of(second, "eu")["consecutive_runs"] == 2);
        CHECK(violation_of(second, "eu")["first_seen"] == first["started_at"]);
        CHECK(violation_of(second, "us")["state"] == "new");

        queues.set("eu=100,us=500");
        const Process third = queues.run("json");
        CHECK(third.exit_code == 2);
        const auto report = third.json();
        CHECK(violation_of(report, "us")["state"] == "ongoing");
        CHECK(violation_of(report, "us")["first_seen"] == second["started_at"]);
        CHECK(step_of(report, "depth")["resolved"] ==
              nlohmann::json::parse(R"([{"column": "depth", "key": "eu"}])"));

        // The text report says the same.
        queues.set("us=500");
        const Process text = queues.run("text");
        CHECK(contains(text.out, "depth 500 > 360  since " +
                                     report["started_at"].get<std::string>().substr(0, 10)));
        CHECK(contains(text.out, "(3 runs)"));
        queues.set("us=500,xx=999");
        const Process fresh = queues.run("text");
        CHECK(contains(fresh.out, "depth 999 > 360  NEW"));
        queues.set("");
        const Process gone = queues.run("text");
        CHECK(contains(gone.out, "resolved since the last run: us (depth), xx (depth)"));
    }
}

TEST_CASE("history changes: JUnit, Markdown, Nagios and Prometheus say the same",
          "[e2e][history]") {
    const Queues queues("sqlite");
    queues.set("eu=400");
    queues.run("json");
    queues.set("eu=400,us=500");
    const Process markdown = queues.run("markdown");
    CHECK(contains(markdown.out, "| change |"));
    CHECK(contains(markdown.out, "| NEW |"));
    CHECK(contains(markdown.out, "(2 runs) |"));
    queues.set("us=500");
    const Process nagios = queues.run("nagios");
    CHECK(contains(nagios.out, "resolved since the last run: eu (depth)"));
    CHECK(contains(nagios.out, "(2 runs)"));
    opsctl::test::parse_nagios(nagios.out);
    const Process junit = queues.run("junit");
    CHECK(contains(junit.out, "(3 runs)"));
    const TempDir out;
    const std::string prom = out.file("opsctl.prom");
    queues.set("us=500,xx=999");
    queues.run("json", {"--output-prometheus", prom});
    const auto metrics = opsctl::test::parse_prometheus(opsctl::test::read_file(prom));
    CHECK(metrics.value("opsctl_step_violations", {{"step", "depth"}, {"state", "new"}}) == 1);
    CHECK(metrics.value("opsctl_step_violations", {{"step", "depth"}, {"state", "ongoing"}}) == 1);
}

TEST_CASE("history changes: without a history no state is shown", "[e2e][history]") {
    const Queues queues("sqlite");
    queues.set("eu=400");
    const Process run =
        run_opsctl({"--runbooks", queues.runbooks, "--target", "sqlite:" + queues.database,
                    "--history", "none", "--no-lock", "changes", "run", "--format", "json"});
    const json report = run.json();  // kept: step_of returns a reference into it
    const json& violation = step_of(report, "depth").at("violations").at(0);
    CHECK(!violation.contains("state"));
    CHECK(!step_of(run.json(), "depth").contains("resolved"));
}
