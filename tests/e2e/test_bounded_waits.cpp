// Every wait ends: a PostgreSQL backend stopped with SIGSTOP (it never answers the
// cancel) has its connection closed after the grace, and an sqlite: target that is a
// FIFO, a device or a folder is refused at once instead of read for ever.
#include <signal.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <string>

#include "e2e/e2e_support.h"

using namespace opsctl::e2e;
using opsctl::test::BackgroundOpsctl;
using opsctl::test::eventually;
using opsctl::test::pg_scalar;
using opsctl::test::pg_uri;
using opsctl::test::Process;
using opsctl::test::read_file;
using opsctl::test::run_opsctl;
using opsctl::test::TempDir;

namespace {

// Whether `pid` has ended (a zombie waiting to be reaped, or gone).
bool ended(int pid) {
    const std::string stat = read_file("/proc/" + std::to_string(pid) + "/stat");
    const size_t close_paren = stat.rfind(')');
    return close_paren == std::string::npos || stat.substr(close_paren + 2, 1) == "Z";
}

// Resumes a stopped backend and ends it, whatever the test's outcome.
struct StoppedBackend {
    int pid = 0;
    ~StoppedBackend() {
        if (pid == 0) return;
        kill(pid, SIGCONT);
        pg_scalar("postgres", "SELECT pg_terminate_backend(" + std::to_string(pid) + ")");
    }
};

}  // namespace

TEST_CASE("bounded waits: a backend stopped by SIGSTOP ends the step as error after the grace",
          "[e2e][unattended]") {
    const TempDir dir;
    dir.write("stopped.json",
              R"({"runbook": "stopped", "checklists": [{"name": "run", "steps": [
                  {"id": "stuck", "timeout": "1s", "report": true,
                   "sql": {"postgresql": "SELECT pg_sleep(20) AS x -- marker-sigstop"}},
                  {"id": "after", "sql": {"postgresql": "SELECT 1 AS one"},
                   "expect": [{"column": "one", "fail_above": 1}]}]}]})");
    const TempDir out;
    const std::string json_path = out.file("p.json");
    BackgroundOpsctl run({"--runbooks", dir.path(), "stopped", "run", "--target",
                          pg_uri("wh_healthy"), "--jobs", "1", "--no-lock", "--report",
                          "json:" + json_path});
    StoppedBackend backend;
    const auto backend_pid = [] {
        return pg_scalar("postgres",
                         "SELECT pid FROM pg_stat_activity WHERE query LIKE '%marker-sigstop%' "
                         "AND query NOT LIKE '%pg_stat_activity%'");
    };
    REQUIRE(eventually([&] { return !backend_pid().empty(); }, 10.0));
    backend.pid = std::stoi(backend_pid());
    REQUIRE(kill(backend.pid, SIGSTOP) == 0);
    // Far beyond the 1 s timeout and the 5 s grace: a guard against a hang, not a
    // measurement.
    const bool finished = eventually([&run] { return ended(run.pid()); }, 40.0);
    REQUIRE(finished);
    const Process done = run.wait();
    CHECK(done.exit_code == 3);
    const auto report = json::parse(read_file(json_path));
    const auto& stuck = report.at("steps").at(0);
    CHECK(stuck.at("status") == "error");
    CHECK(stuck.at("message") == "timed out after 1s; no answer from the server after cancelling");
    // The next step gets a connection of its own again.
    CHECK(report.at("steps").at(1).at("status") == "pass");
}

TEST_CASE("bounded waits: an sqlite: target that is a FIFO, a device or a folder is refused",
          "[e2e][unattended]") {
    const TempDir dir;
    const std::string fifo = dir.file("warehouse.db");
    REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
    for (const auto& [path, kind] : std::vector<std::pair<std::string, std::string>>{
             {fifo, "a FIFO"}, {"/dev/zero", "a device"}, {dir.path(), "a folder"}}) {
        INFO(path);
        const Process run =
            run_opsctl({"daily", "morning", "--target", "sqlite:" + path, "--no-lock"});
        CHECK(run.exit_code == 3);
        CHECK(contains(run.err, "it is " + kind + ", not a database file"));
    }
}
