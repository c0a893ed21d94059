// opsctl history and opsctl history prune against a SQLite and a PostgreSQL store
// (issue 17, item 4).
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "e2e/e2e_support.h"
#include "opsctl/history/postgres_store_session.h"
#include "opsctl/history/sqlite_store_session.h"

using namespace opsctl::e2e;
using opsctl::test::fresh_pg_database;
using opsctl::test::pg_uri;
using opsctl::test::Process;
using opsctl::test::run_opsctl;
using opsctl::test::TempDir;

namespace {

// Three runs of "looks/run" recorded in a fresh store of `kind`.
struct Recorded {
    TempDir dir;
    std::string store;
    std::string target;
    explicit Recorded(const std::string& kind) {
        std::filesystem::create_directories(dir.file("runbooks"));
        dir.write("runbooks/looks.json",
                  R"({"runbook": "looks", "checklists": [{"name": "run", "steps": [
            {"id": "one", "sql": "SELECT 1 AS one", "report": true},
            {"id": "depth", "sql": "SELECT 'eu' AS region, 400 AS depth", "key": ["region"],
             "expect": [{"column": "depth", "fail_above": 360}]}]}]})");
        target = "sqlite:" + dir.write("empty.db", "");
        store = kind == "sqlite" ? dir.file("history.db") : pg_uri(fresh_pg_database("looks"));
        for (int i = 0; i < 3; ++i) {
            REQUIRE(run_opsctl({"--runbooks", dir.file("runbooks"), "--target", target, "--history",
                                store, "--no-lock", "looks", "run"})
                        .exit_code == 2);
        }
    }
    Process history(std::vector<std::string> args) const {
        args.insert(args.begin(), {"--history", store, "history"});
        const Process process = run_opsctl(args);
        INFO(process.out << process.err);
        CHECK(process.exit_code == 0);
        CHECK(process.err.empty());
        return process;
    }
    // Moves the first run back to 2020 (the store's own SQL is the same on both).
    void age_first_run(const std::string& kind) const {
        std::unique_ptr<opsctl::StoreSession> session;
        if (kind == "sqlite") {
            session = std::make_unique<opsctl::SqliteStoreSession>(store);
        } else {
            session = std::make_unique<opsctl::PostgresStoreSession>(store);
        }
        session->exec(
            "UPDATE runs SET started_at = '2020-01-01T00:00:00Z' WHERE id = "
            "(SELECT MIN(id) FROM runs)",
            {});
    }
    std::string count(const std::string& kind, const std::string& table) const {
        std::unique_ptr<opsctl::StoreSession> session;
        if (kind == "sqlite") {
            session = std::make_unique<opsctl::SqliteStoreSession>(store);
        } else {
            session = std::make_unique<opsctl::PostgresStoreSession>(store);
        }
        return session->query("SELECT COUNT(*) FROM " + table, {}).at(0).at(0).value_or("");
    }
};

}  // namespace

TEST_CASE("history command: the runs, one step as a strip and a key's value, then prune",
          "[e2e][history]") {
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    SECTION(kind) {
        const Recorded recorded(kind);
        const auto runs = recorded.history({"looks", "run", "--format", "json"}).json()["runs"];
        REQUIRE(runs.size() == 3);
        CHECK(runs[0]["status"] == "fail");
        CHECK(runs[0]["exit_code"] == 2);
        CHECK(runs[0]["target"] == recorded.target);
        CHECK(runs[0]["counts"] == nlohmann::json::parse(R"({"fail": 1, "pass": 1})"));
        CHECK(runs[0]["id"] < runs[2]["id"]);  // oldest first

        const Process text = recorded.history({"looks", "run"});
        CHECK(lines_of(text.out).size() == 3);
        CHECK(contains(text.out, "looks/run  " + recorded.target + "  fail   1 pass, 1 fail"));
        CHECK(recorded.history({"--limit", "2", "--format", "json"}).json()["runs"].size() == 2);
        CHECK(recorded.history({"other", "--format", "json"}).json()["runs"].empty());

        const Process strip = recorded.history({"looks", "run", "depth", "--key", "eu"});
        CHECK(starts_with(strip.out, "looks/run depth: FFF  (oldest first"));
        CHECK(contains(strip.out, "eu = 400"));
        const auto results =
            recorded.history({"looks", "run", "depth", "--key", "eu", "--format", "json"})
                .json()["results"];
        REQUIRE(results.size() == 3);
        CHECK(results[2]["value"] == "400");
        CHECK(results[2]["status"] == "fail");

        recorded.age_first_run(kind);
        CHECK(recorded.history({"looks", "run", "--since", "1d", "--format", "json"})
                  .json()["runs"]
                  .size() == 2);
        const Process prune = recorded.history({"prune", "--older-than", "90d"});
        CHECK(starts_with(prune.out, "pruned 1 run(s) older than 90d"));
        CHECK(recorded.count(kind, "runs") == "2");
        CHECK(recorded.count(kind, "steps") == "4");
        CHECK(recorded.count(kind, "violations") == "2");
    }
}

TEST_CASE("history command: bad input is one error line", "[e2e][history]") {
    const TempDir dir;
    const std::string store = dir.file("h.db");
    CHECK(contains(require_usage_error(run_opsctl({"--history", store, "history", "--since", "x"})),
                   "--since \"x\" is not a duration"));
    CHECK(contains(require_usage_error(run_opsctl({"--history", "none", "history"})),
                   "no run history"));
    CHECK(contains(require_usage_error(run_opsctl({"--history", store, "history", "prune"})),
                   "--older-than"));
    CHECK(contains(
        require_usage_error(run_opsctl({"--history", store, "history", "a", "b", "--key", "k"})),
        "--key needs a STEP"));
    // A store never written reads as empty.
    const Process empty = run_opsctl({"--history", store, "history"});
    CHECK(empty.exit_code == 0);
    CHECK(empty.out == "no recorded runs\n");
}
