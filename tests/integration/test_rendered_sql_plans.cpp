// Every SQL step of the shipped catalogue, translated for PostgreSQL and SQLite with
// and without an as-of time, is accepted by the real engine: PostgreSQL plans it
// (EXPLAIN on the stand-in), SQLite compiles it (sqlite3_prepare_v2 on a stand-in
// file, with opsctl's DATEADD and DATE_TRUNC registered as the connector does).
// Nothing is run: a plan proves the spellings, the verdict suites prove the data.

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <functional>
#include <pqxx/pqxx>
#include <string>

#include "integration_support.h"
#include "opsctl/connect/sqlite_functions.h"
#include "opsctl/evaluate/checklist_runner.h"
#include "opsctl/runbook/catalog.h"
#include "opsctl/runbook/variables.h"
#include "opsctl/standin/standin_loader.h"
#include "support/test_support.h"

namespace {

using SqlCheck = std::function<void(const std::string& where, const std::string& sql)>;

// Calls `check` with every SQL step of the catalogue as sent to `dialect`, once
// without and once with an as-of time; returns how many statements it saw.
int for_each_rendered_step(const std::string& dialect, const SqlCheck& check) {
    const opsctl::Catalog catalog = opsctl::load_catalog({OPSCTL_SOURCE_DIR "/runbooks"});
    REQUIRE(catalog.diagnostics.empty());
    int statements = 0;
    for (const bool with_as_of : {false, true}) {
        opsctl::RunOptions options;
        options.as_of = opsctl::itest::as_of();
        options.as_of_given = with_as_of;
        for (const auto& runbook : catalog.runbooks) {
            for (const auto& checklist : runbook.checklists) {
                const auto values = opsctl::effective_variables(runbook, checklist, {});
                for (const auto& step : checklist.steps) {
                    if (step.kind != opsctl::StepKind::Sql) continue;
                    const auto sql =
                        opsctl::sql_for_target(runbook, step, dialect, values, options);
                    if (!sql) continue;
                    check(runbook.name + "/" + checklist.name + "/" + step.id +
                              (with_as_of ? " (as of)" : ""),
                          *sql);
                    ++statements;
                }
            }
        }
    }
    return statements;
}

}  // namespace

TEST_CASE("PostgreSQL plans every rendered step of the catalogue", "[translate][postgres]") {
    pqxx::connection connection(opsctl::test::pg_uri("wh_healthy"));
    const int statements =
        for_each_rendered_step("postgresql", [&](const auto& where, const auto& sql) {
            INFO(where << ":\n" << sql);
            pqxx::read_transaction transaction(connection);
            CHECK_NOTHROW(transaction.exec("EXPLAIN " + sql));
        });
    CHECK(statements >= 2 * 30);  // the catalogue has some 36 SQL steps
}

TEST_CASE("SQLite compiles every rendered step of the catalogue", "[translate][sqlite]") {
    const opsctl::test::TempDir dir;
    opsctl::StandinOptions standin;
    standin.sql_dir = OPSCTL_SOURCE_DIR "/sql";
    standin.anchor = opsctl::itest::as_of();
    standin.scale = 50;
    const std::string path = dir.file("standin.db");
    opsctl::load_standin_sqlite(path, standin);

    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    REQUIRE(opsctl::register_sqlite_date_functions(db) == SQLITE_OK);
    const int statements =
        for_each_rendered_step("sqlite", [&](const auto& where, const auto& sql) {
            sqlite3_stmt* statement = nullptr;
            const int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr);
            INFO(where << ":\n" << sql << "\n" << sqlite3_errmsg(db));
            CHECK(rc == SQLITE_OK);
            sqlite3_finalize(statement);
        });
    sqlite3_close(db);
    CHECK(statements >= 2 * 30);  // the catalogue has some 36 SQL steps
}
