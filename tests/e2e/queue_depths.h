#pragma once
// The SQLite table `queues (region, depth)` the history and ack tests run their
// checklist on, rewritten between runs to make violations appear, last and go.

#include <sqlite3.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "e2e/e2e_support.h"

namespace opsctl::e2e {

// Replaces the rows of `database`'s queues with `rows`: "eu=400,us=100" ("" for none).
inline void write_queue_depths(const std::string& database, const std::string& rows) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(database.c_str(), &db) == SQLITE_OK);
    std::string sql = "DROP TABLE IF EXISTS queues; CREATE TABLE queues (region TEXT, depth INT);";
    size_t at = 0;
    while (at < rows.size()) {
        const size_t comma = std::min(rows.find(',', at), rows.size());
        const std::string pair = rows.substr(at, comma - at);
        const size_t equals = pair.find('=');
        sql += "INSERT INTO queues VALUES ('" + pair.substr(0, equals) + "', " +
               pair.substr(equals + 1) + ");";
        at = comma + 1;
    }
    const int status = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    REQUIRE(status == SQLITE_OK);
}

// The checklist RUNBOOK/run, one step "depth" with `expect` on each region's depth, on a
// SQLite file of queue depths, with a history store of `kind` ("sqlite" or a fresh
// PostgreSQL database named `pg_database`).
struct QueueChecklist {
    opsctl::test::TempDir dir;
    std::string runbook;
    std::string runbooks;
    std::string database;
    std::string store;

    QueueChecklist(const std::string& kind, const std::string& runbook_name,
                   const std::string& expect, const std::string& pg_database)
        : runbook(runbook_name) {
        std::filesystem::create_directories(dir.file("runbooks"));
        dir.write("runbooks/" + runbook + ".json",
                  R"({"runbook": ")" + runbook + R"(", "checklists": [{"name": "run", "steps": [
            {"id": "depth", "sql": "SELECT region, depth FROM queues ORDER BY region",
             "key": ["region"], "expect": )" +
                      expect + "}]}]}");
        runbooks = dir.path() + "/runbooks";
        database = dir.file("queues.db");
        store = kind == "sqlite"
                    ? dir.file("history.db")
                    : opsctl::test::pg_uri(opsctl::test::fresh_pg_database(pg_database));
        set("");
    }
    // Replaces the rows: "eu=400,us=100".
    void set(const std::string& rows) const { write_queue_depths(database, rows); }
    std::vector<std::string> common() const {
        return {"--runbooks", runbooks, "--target", "sqlite:" + database, "--history", store};
    }
    // A run of the checklist in `format`, with MORE arguments; it must print nothing on stderr.
    opsctl::test::Process run(const std::string& format, std::vector<std::string> more = {}) const {
        std::vector<std::string> args = common();
        for (const std::string& word : {std::string("--no-lock"), runbook, std::string("run"),
                                        std::string("--format"), format}) {
            args.push_back(word);
        }
        args.insert(args.end(), more.begin(), more.end());
        const opsctl::test::Process process = opsctl::test::run_opsctl(args);
        INFO(process.out << process.err);
        CHECK(process.err.empty());
        return process;
    }
};

// The violation of step "depth" for `key` in a JSON report.
inline const nlohmann::json& violation_of(const nlohmann::json& report, const std::string& key) {
    for (const auto& violation : step_of(report, "depth")["violations"]) {
        if (violation["key"] == key) return violation;
    }
    FAIL("no violation for " << key);
    throw std::logic_error("unreachable");
}

}  // namespace opsctl::e2e
