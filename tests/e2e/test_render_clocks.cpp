// One clock: with --as-of, `opsctl render` and a run send no clock of the server's
// beside the literal; a clock that cannot be pinned is an error that names it.

#include "e2e_support.h"

using namespace opsctl::e2e;

namespace {

const std::string kClockRunbook = R"({"runbook": "clock", "dialect": "postgres", "checklists": [
  {"name": "c", "steps": [
    {"id": "pinned", "sql": "SELECT now() AS t, LOCALTIMESTAMP AS u, 1 AS n",
     "expect": [{"column": "n", "fail_below": 1}]},
    {"id": "text-clock", "sql": "SELECT timeofday() AS t, 1 AS n",
     "expect": [{"column": "n", "fail_below": 1}]}
  ]}]})";

}  // namespace

TEST_CASE("render: every clock becomes the as-of literal, or the render fails naming it",
          "[render][clock]") {
    const opsctl::test::TempDir dir;
    dir.write("clock.json", kClockRunbook);
    const Process render =
        opsctl::test::run_opsctl({"render", "clock", "c", "--runbooks", dir.path(), "--dialect",
                                  "postgres", "--as-of", kAsOf});
    CHECK(render.exit_code == 3);
    CHECK(render.err ==
          "opsctl: error: step text-clock: cannot translate the SQL to postgresql: TIMEOFDAY "
          "reads the server's clock and cannot be pinned to the as-of time; use "
          "CURRENT_TIMESTAMP\n");

    // Without --as-of the server's clocks are the run's clock: left as written.
    const Process live = opsctl::test::run_opsctl(
        {"render", "clock", "c", "--runbooks", dir.path(), "--dialect", "postgresql"});
    CHECK(live.exit_code == 0);
    CHECK(live.out.find("SELECT now() AS t, LOCALTIMESTAMP AS u, 1 AS n;") != std::string::npos);
}

TEST_CASE("run: a clock that cannot be pinned makes its step error, the others run",
          "[run][clock]") {
    const opsctl::test::TempDir dir;
    dir.write("clock.json", kClockRunbook);
    const Process run =
        opsctl::test::run_opsctl({"clock", "c", "--runbooks", dir.path(), "--target", "demo",
                                  "--as-of", kAsOf, "--format", "json"});
    CHECK(run.exit_code == 3);
    const json report = run.json();
    INFO(report.dump(2));
    const json& steps = report.at("steps");
    REQUIRE(steps.size() == 2);
    CHECK(steps.at(0).at("status") == "pass");
    CHECK(steps.at(1).at("status") == "error");
    CHECK(steps.at(1).at("message").get<std::string>().find("TIMEOFDAY") != std::string::npos);
}
