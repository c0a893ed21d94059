// Production-grade execution against a real PostgreSQL: timeouts that cancel on
// the server, SIGTERM mid-run, a server that dies mid-run, unreachable targets,
// writes refused, passwords never shown, locks, parallel runs and shell steps.
#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "e2e/e2e_support.h"
#include "support/test_support.h"

using opsctl::test::BackgroundOpsctl;
using opsctl::test::eventually;
using opsctl::test::pg_admin;
using opsctl::test::pg_scalar;
using opsctl::test::pg_uri;
using opsctl::test::Process;
using opsctl::test::run_opsctl;
using opsctl::test::TempDir;

namespace {

// A runbook folder with one checklist "control/run" of the given steps (JSON).
std::string runbook_dir(const TempDir& dir, const std::string& steps_json) {
    dir.write("control.json",
              R"({"runbook": "control", "checklists": [{"name": "run", "steps": [)" + steps_json +
                  "]}]}");
    return dir.path();
}

std::string sql_step(const std::string& id, const std::string& sql,
                     const std::string& extra = R"("report": true)") {
    return R"({"id": ")" + id + R"(", "sql": {"postgresql": ")" + sql + R"("}, )" + extra + "}";
}

// Queries of the tests' server still running `marker` (a comment in the SQL).
int running_queries(const std::string& marker) {
    return std::stoi(pg_scalar("postgres",
                               "SELECT count(*) FROM pg_stat_activity WHERE pid <> "
                               "pg_backend_pid() AND query LIKE '%" +
                                   marker + "%' AND query NOT LIKE '%pg_stat_activity%'"));
}

// Whether a process runs with exactly this command line (read from /proc).
bool process_running(const std::vector<std::string>& argv) {
    std::string wanted;
    for (const auto& arg : argv) wanted += arg + '\0';
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        const std::string name = entry.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        if (opsctl::test::read_file(entry.path().string() + "/cmdline") == wanted) return true;
    }
    return false;
}

const nlohmann::json& step(const nlohmann::json& report, const std::string& id) {
    for (const auto& s : report.at("steps")) {
        if (s.at("id") == id) return s;
    }
    FAIL("no step " << id << " in the report");
    static nlohmann::json none;
    return none;
}

}  // namespace

TEST_CASE("a timed-out step is cancelled on the server and the run goes on") {
    TempDir dir;
    const auto runbooks =
        runbook_dir(dir, sql_step("slow", "SELECT pg_sleep(30) AS x -- marker-timeout",
                                  R"("report": true, "timeout": "1s")") +
                             "," +
                             sql_step("after", "SELECT 1 AS one",
                                      R"("expect": [{"column": "one", "fail_above": 1}])"));
    const Process run = run_opsctl({"--runbooks", runbooks, "control", "run", "--target",
                                    pg_uri("wh_healthy"), "--format", "json", "--no-lock"});
    CHECK(run.exit_code == 3);
    const auto report = run.json();
    CHECK(step(report, "slow").at("status") == "error");
    CHECK(step(report, "slow").at("message") == "timed out after 1s");
    CHECK(step(report, "after").at("status") == "pass");
    CHECK(eventually([] { return running_queries("marker-timeout") == 0; }, 3.0));
}

TEST_CASE("SIGTERM mid-run cancels the query, writes a complete report and exits 3") {
    TempDir dir;
    const auto runbooks = runbook_dir(
        dir,
        sql_step("first", "SELECT 1 AS one", R"("expect": [{"column": "one", "fail_above": 1}])") +
            "," + sql_step("slow", "SELECT pg_sleep(60) AS x -- marker-sigterm") + "," +
            sql_step("never", "SELECT 2 AS two", R"("report": true)"));
    const std::string report_path = dir.file("report.json");
    BackgroundOpsctl run({"--runbooks", runbooks, "control", "run", "--target",
                          pg_uri("wh_healthy"), "--format", "json", "--output", report_path,
                          "--jobs", "1", "--no-lock"});
    REQUIRE(eventually([] { return running_queries("marker-sigterm") == 1; }, 10.0));
    run.signal(SIGTERM);
    const Process done = run.wait();
    CHECK(done.exit_code == 3);
    CHECK(done.err.find("interrupted") != std::string::npos);
    const auto report = nlohmann::json::parse(opsctl::test::read_file(report_path));
    CHECK(report.at("status") == "error");
    CHECK(report.at("steps").size() == 3);
    CHECK(step(report, "first").at("status") == "pass");
    CHECK(step(report, "slow").at("status") == "error");
    CHECK(step(report, "slow").at("message").get<std::string>().find("SIGTERM") !=
          std::string::npos);
    CHECK(step(report, "never").at("message") == "not run: interrupted by SIGTERM");
    CHECK(eventually([] { return running_queries("marker-sigterm") == 0; }, 3.0));
}

TEST_CASE("a server that dies mid-run turns the remaining steps into errors, exit 3") {
    // A server of this test's own, so that stopping it harms no other test.
    TempDir dir;
    const std::string pg_dir = "/tmp/opsctl-test-dying-" + std::to_string(getpid());
    const std::string port = std::to_string(56000 + getpid() % 3000);
    const std::string fixture =
        std::string(OPSCTL_SOURCE_DIR) + "/tests/support/postgres_fixture.sh";
    REQUIRE(std::system(
                (fixture + " start " + pg_dir + " " + port + " " + OPSCTL_BINARY + " >/dev/null")
                    .c_str()) == 0);
    struct StopServer {
        std::string command;
        ~StopServer() { [[maybe_unused]] int rc = std::system(command.c_str()); }
    } stop_server{fixture + " stop " + pg_dir + " " + port};

    const std::string target =
        "postgresql://postgres@/wh_healthy?host=" + pg_dir + "/socket&port=" + port;
    const auto runbooks =
        runbook_dir(dir, sql_step("slow", "SELECT pg_sleep(60) AS x") + "," +
                             sql_step("after", "SELECT 1 AS one",
                                      R"("expect": [{"column": "one", "fail_above": 1}])"));
    const std::string report_path = dir.file("report.json");
    BackgroundOpsctl run({"--runbooks", runbooks, "control", "run", "--target", target, "--format",
                          "json", "--output", report_path, "--jobs", "1", "--no-lock"});
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    const std::string pg_ctl =
        "bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1); "
        "if [ \"$(id -u)\" = 0 ]; then runuser -u postgres -- \"$bin/pg_ctl\" -D " +
        pg_dir + "/data -m immediate stop; else \"$bin/pg_ctl\" -D " + pg_dir +
        "/data -m immediate stop; fi >/dev/null";
    REQUIRE(std::system(pg_ctl.c_str()) == 0);
    const Process done = run.wait();
    CHECK(done.exit_code == 3);
    const auto report = nlohmann::json::parse(opsctl::test::read_file(report_path));
    CHECK(report.at("status") == "error");
    CHECK(step(report, "slow").at("status") == "error");
    CHECK(step(report, "after").at("status") == "error");
}

TEST_CASE("an unreachable target exits 3 within the connect timeout and never shows the password") {
    const auto start = std::chrono::steady_clock::now();
    const Process run = run_opsctl(
        {"daily", "morning", "--target", "postgresql://ops:s3cret@127.0.0.1:1/wh", "--no-lock"},
        {{"PGPASSWORD", "an0ther"}});
    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(run.exit_code == 3);
    CHECK(seconds < 10.0);  // the connect timeout; a bound on a hang, not a benchmark
    CHECK(run.out.empty());
    CHECK(run.err.find("opsctl: error: cannot connect to postgresql://ops:***@127.0.0.1:1/wh") ==
          0);
    CHECK(run.err.find("s3cret") == std::string::npos);
    CHECK(run.err.find("an0ther") == std::string::npos);
}

TEST_CASE("a password in the target appears in no output, log or report") {
    TempDir dir;
    // The tests' server trusts local connections, so the password is accepted and unused.
    std::string target = pg_uri("wh_healthy");
    target.replace(target.find("postgres@"), 9, "postgres:s3cret@");
    const std::string report_path = dir.file("report.json");
    const Process run =
        run_opsctl({"daily", "morning", "--target", target, "--as-of", opsctl::test::kAsOf,
                    "--format", "json", "--output", report_path, "-vv", "--no-lock"},
                   {{"PGPASSWORD", "an0ther"}, {"PATH", opsctl::e2e::stub_dbt_path()}});
    CHECK(run.exit_code == 0);
    const std::string report = opsctl::test::read_file(report_path);
    CHECK(report.find("postgres:***@") != std::string::npos);
    for (const std::string* text : {&run.out, &run.err, &report}) {
        CHECK(text->find("s3cret") == std::string::npos);
        CHECK(text->find("an0ther") == std::string::npos);
    }
}

TEST_CASE("a step that tries to write is refused and the data is untouched") {
    const std::string db = opsctl::test::fresh_pg_database("opsctl_write_refused");
    pg_admin(db, "CREATE TABLE victims (id int); INSERT INTO victims VALUES (1), (2), (3)");
    TempDir dir;
    const auto runbooks = runbook_dir(
        dir,
        sql_step("delete",
                 "WITH gone AS (DELETE FROM victims RETURNING id) SELECT count(*) AS n FROM gone") +
            "," + sql_step("sneaky", "SELECT 1 AS one; COMMIT; DELETE FROM victims") + "," +
            sql_step("update",
                     "WITH changed AS (UPDATE victims SET id = 0 RETURNING id) SELECT count(*) AS "
                     "n FROM changed"));
    const Process run = run_opsctl({"--runbooks", runbooks, "control", "run", "--target",
                                    pg_uri(db), "--format", "json", "--no-lock"});
    CHECK(run.exit_code == 3);
    const auto report = run.json();
    CHECK(step(report, "delete").at("status") == "error");
    CHECK(step(report, "delete").at("message").get<std::string>().find("25006") !=
          std::string::npos);
    CHECK(step(report, "sneaky").at("status") == "error");
    CHECK(step(report, "update").at("status") == "error");
    CHECK(pg_scalar(db, "SELECT count(*) FROM victims") == "3");
    CHECK(pg_scalar(db, "SELECT sum(id) FROM victims") == "6");
}

TEST_CASE("two runs with the same lock: one runs, the other exits 4 at once") {
    TempDir dir;
    const auto runbooks =
        runbook_dir(dir, sql_step("nap", "SELECT pg_sleep(3) AS x -- marker-lock"));
    const std::string lock = dir.file("control.lock");
    BackgroundOpsctl first({"--runbooks", runbooks, "control", "run", "--target",
                            pg_uri("wh_healthy"), "--lock", lock});
    REQUIRE(eventually([] { return running_queries("marker-lock") == 1; }, 10.0));
    const Process second = run_opsctl({"--runbooks", runbooks, "control", "run", "--target",
                                       pg_uri("wh_healthy"), "--lock", lock});
    CHECK(second.exit_code == 4);
    CHECK(second.out.empty());
    CHECK(second.err.find("another run holds the lock " + lock) != std::string::npos);
    CHECK(running_queries("marker-lock") == 1);  // the second never reached the warehouse
    CHECK(first.wait().exit_code == 0);
}

TEST_CASE("shell steps: a program not on PATH is an error, unless optional or on the demo") {
    // What cron does to a dbt step: its PATH has no dbt. The checklist did not do its
    // job, so a real warehouse's run is red; "optional" and the demo say skipped.
    TempDir dir;
    const auto runbooks =
        runbook_dir(dir, R"({"id": "needed", "shell": ["opsctl-no-such-program", "run"]},
               {"id": "optional", "shell": ["opsctl-no-such-program"], "optional": true},
               )" + sql_step("check", "SELECT 1 AS v",
                             R"("expect": [{"column": "v", "fail_above": 5}])"));
    const std::map<std::string, std::string> path{{"PATH", "/usr/bin:/bin"}};
    const auto run_on = [&](const std::string& target) {
        return run_opsctl({"--runbooks", runbooks, "control", "run", "--target", target, "--format",
                           "json", "--no-lock"},
                          path);
    };

    const Process postgres = run_on(pg_uri("wh_healthy"));
    INFO("stderr:\n" << postgres.err);
    CHECK(postgres.exit_code == 3);
    const auto report = postgres.json();
    CHECK(report.at("status") == "error");
    CHECK(step(report, "needed").at("status") == "error");
    CHECK(step(report, "needed").at("message") ==
          "opsctl-no-such-program is not on PATH (PATH=\"/usr/bin:/bin\"); set PATH, or mark "
          "the step \"optional\": true");
    CHECK(step(report, "optional").at("status") == "skipped");
    CHECK(step(report, "optional").at("message") ==
          "opsctl-no-such-program is not on PATH (the step is optional)");
    CHECK(step(report, "check").at("status") == "pass");  // the run went on

    // The demo is for trying opsctl, which needs no dbt: skipped, and the run passes
    // (its checks have no SQLite variant here, so only the shell steps count).
    const Process demo = run_on("demo");
    INFO("demo stderr:\n" << demo.err);
    CHECK(demo.exit_code == 0);
    const auto on_demo = demo.json();
    CHECK(step(on_demo, "needed").at("status") == "skipped");
    CHECK(step(on_demo, "needed").at("message") ==
          "opsctl-no-such-program is not on PATH (skipped on the demo warehouse)");
    CHECK(step(on_demo, "optional").at("status") == "skipped");
}

TEST_CASE("parallel steps are reported in the runbook's order with the same verdicts") {
    TempDir dir;
    std::string steps;
    for (int i = 0; i < 12; ++i) {
        if (i) steps += ",";
        // Later steps sleep less, so that they finish first.
        steps += sql_step("s" + std::to_string(i),
                          "SELECT " + std::to_string(i) + " AS v, pg_sleep(" +
                              std::to_string(0.05 * (12 - i)) + ") AS nap",
                          R"("expect": [{"column": "v", "fail_above": 9}])");
    }
    const auto runbooks = runbook_dir(dir, steps);
    const auto run_with = [&](const std::string& jobs) {
        return run_opsctl({"--runbooks", runbooks, "control", "run", "--target",
                           pg_uri("wh_healthy"), "--format", "json", "--jobs", jobs, "--no-lock"});
    };
    const Process serial = run_with("1");
    const Process parallel = run_with("6");
    CHECK(serial.exit_code == 2);
    CHECK(parallel.exit_code == 2);
    const auto a = serial.json();
    const auto b = parallel.json();
    REQUIRE(b.at("steps").size() == 12);
    for (size_t i = 0; i < 12; ++i) {
        CHECK(b.at("steps")[i].at("id") == "s" + std::to_string(i));
        CHECK(b.at("steps")[i].at("status") == a.at("steps")[i].at("status"));
        CHECK(b.at("steps")[i].at("status") == (i > 9 ? "fail" : "pass"));
    }
}

TEST_CASE("shell steps: exit status, a missing program, and a timeout that kills the group") {
    TempDir dir;
    const std::string marker = std::to_string(40000 + getpid() % 9999);
    const auto runbooks =
        runbook_dir(dir, R"({"id": "ok", "shell": ["true"]},
               {"id": "broken", "shell": ["sh", "-c", "echo boom; exit 3"]},
               {"id": "absent", "shell": ["opsctl-no-such-program"]},
               {"id": "stuck", "shell": ["sh", "-c", "sleep )" +
                             marker + R"( & sleep )" + marker + R"("], "timeout": "1s"})");
    const Process run = run_opsctl({"--runbooks", runbooks, "control", "run", "--target", "demo",
                                    "--format", "json", "--no-lock"});
    CHECK(run.exit_code == 2);  // the failure outranks the timeout's error
    const auto report = run.json();
    CHECK(step(report, "ok").at("status") == "pass");
    CHECK(step(report, "broken").at("status") == "fail");
    CHECK(step(report, "broken").at("output").get<std::string>().find("boom") != std::string::npos);
    CHECK(step(report, "absent").at("status") == "skipped");
    CHECK(step(report, "absent").at("message") ==
          "opsctl-no-such-program is not on PATH (skipped on the demo warehouse)");
    CHECK(step(report, "stuck").at("status") == "error");
    CHECK(step(report, "stuck").at("message").get<std::string>().find("timed out after 1s") == 0);
    // The sleeps, the background one included, went with their process group.
    CHECK(eventually([&] { return !process_running({"sleep", marker}); }, 3.0));
}
