// Issue 14, item 4: a role that can write is named before anything runs, against the
// tests' real PostgreSQL: the superuser, the SELECT-only role opsctl_secret, and that
// role once it holds INSERT on a table the checklist reads.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "e2e/e2e_support.h"

using namespace opsctl::e2e;
using opsctl::test::fresh_pg_database;
using opsctl::test::pg_admin;
using opsctl::test::pg_port;
using opsctl::test::pg_socket_dir;
using opsctl::test::pg_uri;
using opsctl::test::Process;
using opsctl::test::run_opsctl;
using opsctl::test::TempDir;

namespace {

std::string runbooks_reading_t(const TempDir& dir) {
    dir.write(
        "ro.json",
        json{{"runbook", "ro"},
             {"checklists",
              {{{"name", "main"},
                {"steps",
                 {{{"id", "rows"}, {"sql", "SELECT count(*) AS n FROM t"}, {"report", true}}}}}}}}
            .dump());
    return dir.path();
}

std::string role_uri(const std::string& db) {
    return "postgresql://opsctl_secret:" + std::string(opsctl::test::kSecretRolePassword) + "@/" +
           db + "?host=" + pg_socket_dir() + "&port=" + pg_port();
}

Process run_ro(const std::string& runbooks, const std::string& target,
               const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"--runbooks", runbooks,   "ro",   "main",     "--target",
                                  target,       "--format", "json", "--no-lock"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_opsctl(args, {{"PGPASSWORD", ""}});
}

size_t warning_lines(const std::string& err) {
    size_t count = 0;
    for (const auto& line : lines_of(err)) {
        if (contains(line, "can write")) ++count;
    }
    return count;
}

}  // namespace

TEST_CASE("read-only role: the superuser is named, in stderr, the report and ping",
          "[e2e][read-only-role]") {
    const std::string db = fresh_pg_database("ro_super");
    pg_admin(db, "CREATE TABLE t (id int)");
    const TempDir dir;
    const Process run = run_ro(runbooks_reading_t(dir), pg_uri(db));
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(warning_lines(run.err) == 1);
    CHECK(contains(run.err, "superuser"));
    const json report = run.json();
    REQUIRE(report.at("warnings").size() == 1);
    CHECK(contains(report.at("warnings").at(0).get<std::string>(), "superuser"));

    const Process text =
        run_opsctl({"--runbooks", dir.path(), "ro", "main", "--target", pg_uri(db), "--no-lock"},
                   {{"PGPASSWORD", ""}});
    CHECK(contains(text.out, "  warning  "));

    const Process ping = run_opsctl({"ping", "--target", pg_uri(db)}, {{"PGPASSWORD", ""}});
    INFO(ping.err);
    CHECK(ping.exit_code == 0);
    CHECK(warning_lines(ping.err) == 1);
    CHECK(contains(ping.out, "superuser"));
}

TEST_CASE("read-only role: SELECT only is no warning; INSERT on a read table is one",
          "[e2e][read-only-role]") {
    const std::string db = fresh_pg_database("ro_role");
    pg_admin(db, "CREATE TABLE t (id int); GRANT SELECT ON t TO opsctl_secret");
    const TempDir dir;
    const std::string runbooks = runbooks_reading_t(dir);

    const Process reader = run_ro(runbooks, role_uri(db));
    INFO(reader.err);
    CHECK(reader.exit_code == 0);
    CHECK(warning_lines(reader.err) == 0);
    CHECK(reader.json().at("warnings").empty());
    const Process ping = run_opsctl({"ping", "--target", role_uri(db)}, {{"PGPASSWORD", ""}});
    CHECK(ping.exit_code == 0);
    CHECK(warning_lines(ping.err) == 0);
    CHECK(run_ro(runbooks, role_uri(db), {"--require-read-only-role"}).exit_code == 0);

    pg_admin(db, "GRANT INSERT ON t TO opsctl_secret");
    const Process writer = run_ro(runbooks, role_uri(db));
    INFO(writer.err);
    CHECK(writer.exit_code == 0);
    CHECK(warning_lines(writer.err) == 1);
    CHECK(contains(writer.err, "public.t"));
    CHECK_FALSE(contains(writer.err, "superuser"));
}

TEST_CASE("read-only role: --require-read-only-role and the config stop the run first",
          "[e2e][read-only-role]") {
    const std::string db = fresh_pg_database("ro_require");
    pg_admin(db, "CREATE TABLE t (id int); GRANT SELECT, DELETE ON t TO opsctl_secret");
    const TempDir dir;
    const std::string runbooks = runbooks_reading_t(dir);

    const Process refused = run_ro(runbooks, role_uri(db), {"--require-read-only-role"});
    INFO(refused.err);
    CHECK(refused.exit_code == 3);
    CHECK(refused.out.empty());  // no report: no step ran
    CHECK(lines_of(refused.err).size() == 1);
    CHECK(contains(refused.err, "can write"));
    CHECK(contains(refused.err, "--require-read-only-role"));

    const Process ping = run_opsctl({"ping", "--target", role_uri(db), "--require-read-only-role"},
                                    {{"PGPASSWORD", ""}});
    CHECK(ping.exit_code == 3);

    const TempDir config_dir;
    const std::string dsn = "postgresql:///" + db + "?host=" + pg_socket_dir() +
                            "&port=" + pg_port() + "&user=opsctl_secret";
    config_dir.write(
        "opsctl.json",
        json{
            {"require_read_only_role", true},
            {"targets",
             {{"wh",
               {{"connector", "postgres"}, {"dsn", dsn}, {"password_env", "OPSCTL_RO_PASSWORD"}}}}}}
            .dump());
    const Process by_config =
        run_opsctl({"--runbooks", runbooks, "--config", config_dir.path() + "/opsctl.json", "ro",
                    "main", "--target", "wh", "--format", "json", "--no-lock"},
                   {{"PGPASSWORD", ""}, {"OPSCTL_RO_PASSWORD", opsctl::test::kSecretRolePassword}});
    INFO(by_config.err);
    CHECK(by_config.exit_code == 3);
    CHECK(by_config.out.empty());
}
