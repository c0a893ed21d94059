// The run history end to end: every run recorded in the store --history names (a
// SQLite file or PostgreSQL), and a store that cannot be written never changes a
// run's report or exit code (issue 17, items 1 and 7).
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "e2e/e2e_support.h"
#include "opsctl/history/sqlite_store_session.h"

using namespace opsctl::e2e;
using opsctl::test::BackgroundOpsctl;
using opsctl::test::fresh_pg_database;
using opsctl::test::pg_scalar;
using opsctl::test::pg_uri;
using opsctl::test::Process;
using opsctl::test::run_opsctl;
using opsctl::test::TempDir;

namespace fs = std::filesystem;

namespace {

// The checklist "quick/run" on an empty SQLite file: one passing step, one failing.
struct QuickRun {
    TempDir dir;
    std::string runbooks;
    std::string target;
    QuickRun() {
        std::filesystem::create_directories(dir.file("runbooks"));
        dir.write("runbooks/quick.json",
                  R"({"runbook": "quick", "checklists": [{"name": "run", "steps": [
            {"id": "one", "sql": "SELECT 1 AS one", "report": true},
            {"id": "many", "sql": "SELECT 400 AS depth", "key": ["depth"],
             "expect": [{"column": "depth", "fail_above": 360}]}]}]})");
        runbooks = dir.path() + "/runbooks";
        target = "sqlite:" + dir.write("empty.db", "");
    }
    std::vector<std::string> args(const std::string& history) const {
        return {"--runbooks", runbooks, "--target", target,     "--history", history,
                "--no-lock",  "quick",  "run",      "--format", "json"};
    }
};

std::string sqlite_scalar(const std::string& path, const std::string& sql) {
    opsctl::SqliteStoreSession store(path);
    const auto rows = store.query(sql, {});
    REQUIRE(rows.size() == 1);
    return rows[0][0].value_or("NULL");
}

// The run's verdict, as with --history none, and one warning naming the store.
void require_verdict_kept(const QuickRun& quick, const Process& run) {
    const Process reference = run_opsctl(quick.args("none"));
    INFO("stdout:\n" << run.out << "\nstderr:\n" << run.err);
    CHECK(run.exit_code == reference.exit_code);
    CHECK(run.exit_code == 2);
    const auto report = run.json();
    CHECK(report["status"] == reference.json()["status"]);
    const auto warnings = lines_of(run.err);
    REQUIRE(warnings.size() == 1);
    CHECK(contains(warnings[0], "opsctl: warning: run history not recorded: "));
    REQUIRE(report["warnings"].size() == 1);
    CHECK(contains(report["warnings"][0].get<std::string>(), "run history not recorded"));
}

// Root may write any file: take the capability away from the opsctl this test starts.
void drop_file_override_capability() {
    if (::geteuid() != 0) return;
    for (const int capability : {CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH}) {
        if (::prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0) {
            skip_test("cannot drop CAP_DAC_OVERRIDE for a read-only file");
        }
    }
}

}  // namespace

TEST_CASE("history: every run is recorded in a SQLite store, with its exit code and steps",
          "[e2e][history]") {
    const QuickRun quick;
    const std::string store = quick.dir.file("history.db");
    for (int run = 1; run <= 2; ++run) {
        const Process process = run_opsctl(quick.args(store));
        INFO(process.err);
        CHECK(process.exit_code == 2);
        CHECK(process.err.empty());
    }
    CHECK(sqlite_scalar(store, "SELECT COUNT(*) FROM runs") == "2");
    CHECK(sqlite_scalar(store, "SELECT MIN(exit_code) || ' ' || MIN(status) FROM runs") ==
          "2 fail");
    CHECK(sqlite_scalar(store, "SELECT target FROM runs LIMIT 1") == quick.target);
    CHECK(sqlite_scalar(store, "SELECT COUNT(*) FROM steps") == "4");
    CHECK(sqlite_scalar(store,
                        "SELECT COUNT(*) FROM violations WHERE step_id = 'many' AND "
                        "key_text = '400' AND value = '400' AND threshold = '360'") == "2");
    // The same file named as sqlite:PATH.
    CHECK(run_opsctl(quick.args("sqlite:" + store)).exit_code == 2);
    CHECK(sqlite_scalar(store, "SELECT COUNT(*) FROM runs") == "3");
}

TEST_CASE("history: the default store is private, in the state folder", "[e2e][history]") {
    const QuickRun quick;
    const TempDir state;
    std::vector<std::string> args = quick.args("x");
    args.erase(args.begin() + 4, args.begin() + 6);  // no --history
    const Process process =
        run_opsctl(args, {{"XDG_STATE_HOME", state.path()}, {"OPSCTL_HISTORY", ""}});
    CHECK(process.exit_code == 2);
    const std::string store = state.path() + "/opsctl/history.db";
    REQUIRE(fs::exists(store));
    CHECK((fs::status(state.path() + "/opsctl").permissions() & fs::perms::all) ==
          fs::perms::owner_all);
    CHECK(sqlite_scalar(store, "SELECT COUNT(*) FROM runs") == "1");
    // OPSCTL_HISTORY names another store, and none records nothing.
    const std::string other = quick.dir.file("other.db");
    CHECK(
        run_opsctl(args, {{"XDG_STATE_HOME", state.path()}, {"OPSCTL_HISTORY", other}}).exit_code ==
        2);
    CHECK(sqlite_scalar(other, "SELECT COUNT(*) FROM runs") == "1");
    CHECK(run_opsctl(args, {{"XDG_STATE_HOME", state.path()}, {"OPSCTL_HISTORY", "none"}})
              .exit_code == 2);
    CHECK(sqlite_scalar(store, "SELECT COUNT(*) FROM runs") == "1");
}

TEST_CASE("history: a store where a file stands in the folder's place keeps the verdict",
          "[e2e][history]") {
    const QuickRun quick;
    const std::string file = quick.dir.write("not-a-folder", "x");
    require_verdict_kept(quick, run_opsctl(quick.args(file + "/history.db")));
    // The default store, when its folder is a file.
    const TempDir state;
    std::vector<std::string> args = quick.args("x");
    args.erase(args.begin() + 4, args.begin() + 6);
    state.write("opsctl", "x");
    require_verdict_kept(
        quick, run_opsctl(args, {{"XDG_STATE_HOME", state.path()}, {"OPSCTL_HISTORY", ""}}));
}

TEST_CASE("history: a read-only store file keeps the verdict", "[e2e][history]") {
    const QuickRun quick;
    const std::string store = quick.dir.file("history.db");
    REQUIRE(run_opsctl(quick.args(store)).exit_code == 2);
    for (const std::string& file : {store, store + "-wal", store + "-shm"}) {
        if (fs::exists(file)) fs::permissions(file, fs::perms(0444));
    }
    drop_file_override_capability();
    require_verdict_kept(quick, run_opsctl(quick.args(store)));
    CHECK(sqlite_scalar(store, "SELECT COUNT(*) FROM runs") == "1");
}

TEST_CASE("history: a stopped PostgreSQL store keeps the verdict", "[e2e][history]") {
    const QuickRun quick;
    // Port 1: nothing listens there, the connect is refused at once.
    const Process run = run_opsctl(quick.args("postgresql://127.0.0.1:1/history"));
    require_verdict_kept(quick, run);
}

TEST_CASE("history: a PostgreSQL store URI with a password is refused before anything runs",
          "[e2e][history]") {
    const QuickRun quick;
    const std::string line =
        require_usage_error(run_opsctl(quick.args("postgresql://ops:S3cret-pw@127.0.0.1/h")));
    CHECK(contains(line, ".pgpass"));
    CHECK(!contains(line, "S3cret"));
}

TEST_CASE("history: a PostgreSQL store records in the schema opsctl", "[e2e][history]") {
    const QuickRun quick;
    const std::string database = fresh_pg_database("history_e2e");
    const Process process = run_opsctl(quick.args(pg_uri(database)));
    INFO(process.err);
    CHECK(process.exit_code == 2);
    CHECK(process.err.empty());
    CHECK(pg_scalar(database, "SELECT COUNT(*) FROM opsctl.runs") == "1");
    CHECK(pg_scalar(database, "SELECT COUNT(*) FROM opsctl.steps") == "2");
}

TEST_CASE("history: 8 runs ending at once make 8 records", "[e2e][history]") {
    const QuickRun quick;
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    SECTION(kind) {
        const std::string database = kind == "postgresql" ? fresh_pg_database("history_8") : "";
        const std::string store =
            kind == "sqlite" ? quick.dir.file("history.db") : pg_uri(database);
        std::vector<std::unique_ptr<BackgroundOpsctl>> runs;
        for (int i = 0; i < 8; ++i) {
            runs.push_back(std::make_unique<BackgroundOpsctl>(quick.args(store)));
        }
        for (auto& run : runs) {
            const Process process = run->wait();
            INFO(process.err);
            CHECK(process.exit_code == 2);
            CHECK(process.err.empty());
        }
        const std::string count = "SELECT COUNT(*) FROM opsctl.runs";
        CHECK((kind == "sqlite" ? sqlite_scalar(store, "SELECT COUNT(*) FROM runs")
                                : pg_scalar(database, count)) == "8");
    }
}

TEST_CASE("history: the config file's history names the store, relative to its folder",
          "[e2e][history]") {
    const QuickRun quick;
    const std::string config = quick.dir.write(
        "opsctl.json",
        R"({"history": "runs.db", "targets": {"q": {"connector": "sqlite", "path": "empty.db"}}})");
    const Process process = run_opsctl({"--runbooks", quick.runbooks, "--config", config,
                                        "--target", "q", "--no-lock", "quick", "run"},
                                       {{"OPSCTL_HISTORY", ""}});
    INFO(process.err);
    CHECK(process.exit_code == 2);
    CHECK(sqlite_scalar(quick.dir.file("runs.db"), "SELECT COUNT(*) FROM runs") == "1");
    // --history wins over the config's.
    const std::string other = quick.dir.file("other.db");
    CHECK(run_opsctl({"--runbooks", quick.runbooks, "--config", config, "--target", "q",
                      "--history", other, "--no-lock", "quick", "run"})
              .exit_code == 2);
    CHECK(sqlite_scalar(other, "SELECT COUNT(*) FROM runs") == "1");
    CHECK(sqlite_scalar(quick.dir.file("runs.db"), "SELECT COUNT(*) FROM runs") == "1");
}
