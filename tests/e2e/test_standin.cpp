// opsctl standin load: the stand-in warehouse into a database of the user's, then runs
// against it.

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "e2e/e2e_support.h"

using namespace opsctl::e2e;
using opsctl::test::fresh_pg_database;
using opsctl::test::pg_uri;
using opsctl::test::Process;
using opsctl::test::run_opsctl;
using opsctl::test::TempDir;

namespace {

long long count_rows(const std::string& database, const std::string& relation) {
    pqxx::connection connection(pg_uri(database));
    pqxx::nontransaction tx(connection);
    return tx.exec1("SELECT COUNT(*) FROM " + relation)[0].as<long long>();
}

// Runs `sql` on the SQLite file `path`; returns the first column of the last row.
std::string sqlite_sql(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    std::string last;
    char* error = nullptr;
    const int rc = sqlite3_exec(
        db, sql.c_str(),
        [](void* out, int, char** values, char**) {
            *static_cast<std::string*>(out) = values[0] ? values[0] : "";
            return 0;
        },
        &last, &error);
    const std::string message = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    INFO(message);
    REQUIRE(rc == SQLITE_OK);
    return last;
}

}  // namespace

TEST_CASE("standin: load --scale 1000 into a fresh database, then daily afternoon passes",
          "[e2e][postgres][standin]") {
    const std::string database = fresh_pg_database("e2e_standin_small");
    const std::string secret = "e2e-load-pw";
    const std::string uri = pg_uri(database);
    const std::string user = "postgresql://postgres@";
    REQUIRE(starts_with(uri, user));
    const std::string target = "postgresql://postgres:" + secret + "@" + uri.substr(user.size());

    const Process load =
        run_opsctl({"standin", "load", "--target", target, "--scale", "1000", "--as-of", kAsOf});
    INFO("stdout:\n" << load.out << "\nstderr:\n" << load.err);
    REQUIRE(load.exit_code == 0);
    CHECK(contains(load.out, "1000 shipments"));
    CHECK(contains(load.out, "healthy"));
    CHECK(contains(load.out, "2026-11-26 08:00:00"));
    CHECK_FALSE(contains(load.out, secret));
    CHECK_FALSE(contains(load.err, secret));
    CHECK(count_rows(database, "tbl_fact_shipments") == 1000);

    const Process run =
        run_opsctl({"daily", "afternoon", "--target", uri, "--as-of", kAsOf, "--format", "json"});
    INFO("run stdout:\n" << run.out << "\nrun stderr:\n" << run.err);
    REQUIRE(run.exit_code == 0);
    const json report = run.json();
    CHECK(report.at("status") == "pass");
    CHECK(report.at("counts").at("pass") == 2);
    CHECK(report.at("counts").at("manual") == 8);
    CHECK(step_of(report, "shipments-today").at("status") == "pass");
    CHECK(step_of(report, "ml-feature-freshness").at("status") == "pass");

    // Loading again is idempotent, and --faults turns the same checklist to fail.
    const Process faults = run_opsctl({"standin", "load", "--target", uri, "--scale", "1000",
                                       "--as-of", kAsOf, "--faults", "-q"});
    REQUIRE(faults.exit_code == 0);
    CHECK(faults.out.empty());  // -q: nothing to say
    const Process failing =
        run_opsctl({"daily", "afternoon", "--target", uri, "--as-of", kAsOf, "--format", "json"});
    CHECK(failing.exit_code == 2);
    CHECK(step_of(failing.json(), "shipments-today").at("status") == "fail");
}

TEST_CASE("standin: load without --target is unusable input", "[e2e][standin]") {
    const std::string line =
        require_usage_error(run_opsctl({"standin", "load", "--scale", "1000"}));
    CHECK(contains(line, "--target"));
    // standin alone needs its subcommand.
    const Process bare = run_opsctl({"standin"});
    CHECK(bare.exit_code == 3);
    CHECK(bare.out.empty());
}

TEST_CASE("standin: --scenario feeds-stopped loads every feed 40 days old, --faults is an alias",
          "[e2e][standin]") {
    const TempDir dir;
    const std::string target = "sqlite:" + dir.file("feeds.db");
    const Process load = run_opsctl({"standin", "load", "--target", target, "--scale", "1000",
                                     "--as-of", kAsOf, "--scenario", "feeds-stopped"});
    INFO("stdout:\n" << load.out << "\nstderr:\n" << load.err);
    REQUIRE(load.exit_code == 0);
    CHECK(contains(load.out, "feeds-stopped"));

    const Process run = run_opsctl(
        {"pipeline", "monitoring", "--target", target, "--as-of", kAsOf, "--format", "json"});
    INFO("run stdout:\n" << run.out << "\nrun stderr:\n" << run.err);
    CHECK(run.exit_code == 2);
    const json report = run.json();
    // The newest sync is 40 days (57,600 minutes) and 5 minutes old.
    const json& freshness = step_of(report, "freshness-status");
    CHECK(freshness.at("status") == "fail");
    CHECK(freshness.at("violations").size() == freshness.at("row_count").get<size_t>());
    CHECK(step_of(report, "dbt-run-results").at("row_count") == 0);

    // --scenario faults and --faults load the same data.
    for (const std::vector<std::string>& how :
         {std::vector<std::string>{"--faults"}, std::vector<std::string>{"--scenario", "faults"}}) {
        std::vector<std::string> args = {"standin", "load",    "--target", target, "--scale",
                                         "1000",    "--as-of", kAsOf,      "-q"};
        args.insert(args.end(), how.begin(), how.end());
        REQUIRE(run_opsctl(args).exit_code == 0);
        const Process faulty = run_opsctl(
            {"daily", "afternoon", "--target", target, "--as-of", kAsOf, "--format", "json"});
        CHECK(faulty.exit_code == 2);
        CHECK(step_of(faulty.json(), "shipments-today").at("status") == "fail");
        CHECK(step_of(faulty.json(), "ml-feature-freshness").at("status") == "fail");
    }
}

TEST_CASE("standin: an unknown --scenario, or --faults with --scenario, is unusable input",
          "[e2e][standin]") {
    const TempDir dir;
    const std::string target = "sqlite:" + dir.file("never.db");
    const std::string unknown = require_usage_error(
        run_opsctl({"standin", "load", "--target", target, "--scenario", "feeds-stoped"}));
    CHECK(contains(unknown, "\"feeds-stoped\""));
    CHECK(contains(unknown, "healthy, faults, feeds-stopped"));
    CHECK(contains(unknown, "did you mean \"feeds-stopped\""));
    const std::string both = require_usage_error(
        run_opsctl({"standin", "load", "--target", target, "--faults", "--scenario", "healthy"}));
    CHECK(contains(both, "--faults"));
    CHECK(contains(both, "--scenario"));
    CHECK_FALSE(std::filesystem::exists(dir.file("never.db")));  // nothing was written
}

TEST_CASE(
    "standin: a database with a real table and a view on it is refused unchanged, "
    "--replace replaces them",
    "[e2e][postgres][standin]") {
    const std::string database = fresh_pg_database("e2e_standin_real");
    {
        pqxx::connection connection(pg_uri(database));
        pqxx::nontransaction tx(connection);
        tx.exec(
            "CREATE TABLE tbl_fact_shipments (id int); INSERT INTO tbl_fact_shipments "
            "SELECT generate_series(1, 7); CREATE VIEW my_report AS SELECT count(*) AS n FROM "
            "tbl_fact_shipments; CREATE TABLE my_own (x int)");
    }
    const std::vector<std::string> load = {"standin", "load", "--target", pg_uri(database),
                                           "--scale", "100",  "--as-of",  kAsOf};
    const std::string line = require_usage_error(run_opsctl(load));
    CHECK(contains(line, "refusing to load the stand-in into "));
    CHECK(contains(line, "table tbl_fact_shipments without the stand-in's marker"));
    CHECK(contains(line, "view my_report"));
    CHECK(contains(line, "nothing was changed"));
    CHECK(count_rows(database, "tbl_fact_shipments") == 7);
    CHECK(count_rows(database, "my_report") == 1);
    CHECK(count_rows(database, "information_schema.tables WHERE table_name = 'standin_meta'") == 0);

    std::vector<std::string> replace = load;
    replace.push_back("--replace");
    const Process replaced = run_opsctl(replace);
    INFO(replaced.err);
    REQUIRE(replaced.exit_code == 0);
    CHECK(contains(replaced.out, "created 20 relations: standin_meta, "));
    CHECK(contains(replaced.out,
                   "replaced (--replace), without the stand-in's marker: "
                   "tbl_fact_shipments\n"));
    CHECK(contains(replaced.out, "dropped (--replace), as they depended on them: view my_report"));
    CHECK(count_rows(database, "tbl_fact_shipments") == 100);
    CHECK(count_rows(database, "my_own") == 0);  // what it does not replace is left alone

    // Its own stand-in is replaced without a word, but not under a view of the user's.
    REQUIRE(run_opsctl(load).exit_code == 0);
    {
        pqxx::connection connection(pg_uri(database));
        pqxx::nontransaction tx(connection);
        tx.exec("CREATE VIEW my_costs AS SELECT * FROM vw_cost_monitoring");
    }
    const std::string again = require_usage_error(run_opsctl(load));
    CHECK(contains(again,
                   "objects the stand-in did not make depend on its relations: view "
                   "my_costs"));
    CHECK_FALSE(contains(again, "without the stand-in's marker"));
    CHECK(count_rows(database, "my_costs") == count_rows(database, "vw_cost_monitoring"));
}

TEST_CASE(
    "standin: an SQLite file with a real table, a view or a foreign key to it is refused "
    "unchanged",
    "[e2e][standin]") {
    const TempDir dir;
    const std::string path = dir.file("real.db");
    sqlite_sql(path,
               "CREATE TABLE vw_backup_status (x); INSERT INTO vw_backup_status VALUES (1), (2); "
               "CREATE VIEW mine AS SELECT * FROM vw_backup_status; "
               "CREATE TABLE child (id REFERENCES tbl_fact_shipments)");
    const std::vector<std::string> load = {"standin", "load", "--target", "sqlite:" + path,
                                           "--scale", "100",  "--as-of",  kAsOf};
    const std::string line = require_usage_error(run_opsctl(load));
    CHECK(contains(line, "table vw_backup_status without the stand-in's marker"));
    CHECK(contains(line, "view mine"));
    CHECK(contains(line, "table child (a foreign key)"));
    const auto rows = [&](const std::string& relation) {
        return sqlite_sql(path, "SELECT count(*) FROM " + relation);
    };
    CHECK(rows("vw_backup_status") == "2");
    CHECK(rows("sqlite_master WHERE name = 'standin_meta'") == "0");
    std::vector<std::string> replace = load;
    replace.push_back("--replace");
    const Process replaced = run_opsctl(replace);
    INFO(replaced.err);
    REQUIRE(replaced.exit_code == 0);
    CHECK(contains(replaced.out, "left in place (--replace), now over the new relations: "));
    CHECK(rows("standin_meta") == "1");
    CHECK(rows("mine") == rows("vw_backup_status"));  // the view reads the stand-in now
}
