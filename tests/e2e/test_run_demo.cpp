// opsctl without a warehouse: the embedded SQLite demo, built once in
// $XDG_DATA_HOME/opsctl and reused.

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "e2e/e2e_support.h"

using namespace opsctl::e2e;
using opsctl::test::pg_uri;
using opsctl::test::Process;
using opsctl::test::run_opsctl;
using opsctl::test::TempDir;

namespace fs = std::filesystem;

namespace {

// The files of `folder` whose name starts with `prefix`.
std::vector<std::string> files_starting(const std::string& folder, const std::string& prefix) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        if (starts_with(name, prefix)) names.push_back(name);
    }
    return names;
}

std::vector<std::string> all_files(const std::string& folder) {
    return files_starting(folder, "");
}

}  // namespace

TEST_CASE("run demo: without a target and without a terminal, opsctl refuses to guess",
          "[e2e][demo][unattended]") {
    const TempDir data_home;
    const std::string error = require_usage_error(
        run_opsctl({"daily", "morning"}, {{"XDG_DATA_HOME", data_home.path()}}));
    CHECK(error ==
          "opsctl: error: no target: pass --target NAME|SPEC, set OPSCTL_TARGET or "
          "default_target (--target demo for the demo)");
    // stdout alone on a terminal is not someone watching: cron with a pty logger.
    const Process half = run_opsctl_on_terminal({"daily", "morning"});
    CHECK(half.exit_code == 3);
    CHECK(contains(half.err, "no target"));
    CHECK(all_files(data_home.path()).empty());
}

TEST_CASE("run demo: without a target, in a terminal, opsctl says it uses the embedded demo",
          "[e2e][demo]") {
    const TempDir data_home;
    const Process run = run_opsctl_on_terminal(
        {"daily", "morning"}, {{"XDG_DATA_HOME", data_home.path()}, {"NO_COLOR", "1"}}, true);
    INFO("stdout:\n" << run.out << "\nstderr:\n" << run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(contains(run.err, "embedded demo"));
    const auto err_lines = lines_of(run.err);
    REQUIRE(err_lines.size() == 1);
    CHECK(starts_with(err_lines[0], "opsctl: warning: "));

    const auto lines = lines_of(run.out);
    REQUIRE(lines.size() > 3);
    CHECK(lines[0] == "daily / morning - Morning Checklist");
    CHECK(starts_with(lines[1], "  target   demo "));
    CHECK(contains(lines[1], "demo warehouse, not your warehouse"));
    CHECK(contains(lines[1], "dialect sqlite"));
    CHECK(contains(lines[2], "(now)"));  // no --as-of: the run is as of now
    CHECK(starts_with(lines.back(), "PASS  daily/morning: 5 pass, 2 skipped, 4 manual"));
    CHECK(files_starting(data_home.path() + "/opsctl", "demo-healthy-").size() == 1);
}

TEST_CASE("run demo: demo:faults fails on the same steps and keys as the PostgreSQL stand-in",
          "[e2e][demo][faults]") {
    const TempDir data_home;
    const std::map<std::string, std::string> env{{"XDG_DATA_HOME", data_home.path()},
                                                 {"PATH", stub_dbt_path()}};
    const Process demo = run_opsctl(
        {"daily", "morning", "--target", "demo:faults", "--as-of", kAsOf, "--format", "json"}, env);
    INFO("stderr:\n" << demo.err);
    REQUIRE(demo.exit_code == 2);
    const json demo_report = demo.json();
    CHECK(demo_report.at("status") == "fail");
    CHECK(demo_report.at("dialect") == "sqlite");
    CHECK(starts_with(demo_report.at("target").get<std::string>(), "demo:faults"));
    CHECK_FALSE(contains(demo.err, "no --target"));  // a target was given
    CHECK(files_starting(data_home.path() + "/opsctl", "demo-faults-").size() == 1);

    const Process postgres = run_opsctl(
        {"daily", "morning", "--target", pg_uri("wh_faults"), "--as-of", kAsOf, "--format", "json"},
        env);
    REQUIRE(postgres.exit_code == 2);
    const json postgres_report = postgres.json();
    REQUIRE(step_ids(demo_report) == step_ids(postgres_report));
    for (const auto& id : step_ids(demo_report)) {
        INFO("step " << id);
        const json& a = step_of(demo_report, id);
        const json& b = step_of(postgres_report, id);
        CHECK(a.at("status") == b.at("status"));
        CHECK(offending_keys(a, "test_name") == offending_keys(b, "test_name"));
    }
    CHECK(offending_keys(step_of(demo_report, "data-freshness")) ==
          std::multiset<std::string>{"tbl_stale_carrier_events", "tbl_never_synced_returns"});
}

TEST_CASE("run demo: demo:feeds-stopped gives the PostgreSQL feeds-stopped stand-in's verdicts",
          "[e2e][demo]") {
    const TempDir data_home;
    const std::map<std::string, std::string> env{{"XDG_DATA_HOME", data_home.path()},
                                                 {"PATH", stub_dbt_path()}};
    const Process demo = run_opsctl({"pipeline", "monitoring", "--target", "demo:feeds-stopped",
                                     "--as-of", kAsOf, "--format", "json"},
                                    env);
    INFO("stderr:\n" << demo.err);
    REQUIRE(demo.exit_code == 2);
    const json demo_report = demo.json();
    CHECK(starts_with(demo_report.at("target").get<std::string>(), "demo:feeds-stopped"));
    CHECK(files_starting(data_home.path() + "/opsctl", "demo-feeds-stopped-").size() == 1);

    const Process postgres =
        run_opsctl({"pipeline", "monitoring", "--target", pg_uri("wh_feeds_stopped"), "--as-of",
                    kAsOf, "--format", "json"},
                   env);
    REQUIRE(postgres.exit_code == 2);
    const json postgres_report = postgres.json();
    REQUIRE(step_ids(demo_report) == step_ids(postgres_report));
    for (const auto& id : step_ids(demo_report)) {
        INFO("step " << id);
        const json& a = step_of(demo_report, id);
        const json& b = step_of(postgres_report, id);
        CHECK(a.at("status") == b.at("status"));
        CHECK(a.at("row_count") == b.at("row_count"));
        CHECK(offending_keys(a) == offending_keys(b));
    }
}

TEST_CASE("run demo: OPSCTL_TARGET chooses the warehouse like --target", "[e2e][demo]") {
    const TempDir data_home;
    const Process run =
        run_opsctl({"daily", "morning", "--as-of", kAsOf},
                   {{"XDG_DATA_HOME", data_home.path()}, {"OPSCTL_TARGET", "demo:faults"}});
    INFO("stdout:\n" << run.out << "\nstderr:\n" << run.err);
    CHECK(run.exit_code == 2);
    CHECK(contains(run.out, "  target   demo:faults "));
    CHECK_FALSE(contains(run.err, "no --target"));
}

TEST_CASE("run demo: a second run reuses the demo warehouse file", "[e2e][demo]") {
    const TempDir data_home;
    const std::string folder = data_home.path() + "/opsctl";
    const std::map<std::string, std::string> env{{"XDG_DATA_HOME", data_home.path()}};

    const Process first =
        run_opsctl({"daily", "morning", "--target", "demo", "--as-of", kAsOf}, env);
    REQUIRE(first.exit_code == 0);
    const auto built = files_starting(folder, "demo-healthy-");
    REQUIRE(built.size() == 1);
    CHECK(fs::path(built[0]).extension() == ".sqlite");
    struct stat before {};
    REQUIRE(stat((folder + "/" + built[0]).c_str(), &before) == 0);

    const Process second =
        run_opsctl({"daily", "morning", "--target", "demo", "--as-of", kAsOf}, env);
    REQUIRE(second.exit_code == 0);
    CHECK(files_starting(folder, "demo-healthy-") == built);
    for (const auto& name : all_files(folder)) CHECK_FALSE(contains(name, ".tmp."));
    struct stat after {};
    REQUIRE(stat((folder + "/" + built[0]).c_str(), &after) == 0);
    CHECK(after.st_ino == before.st_ino);  // the same file, not a rebuilt one
    CHECK(after.st_mtim.tv_sec == before.st_mtim.tv_sec);
    CHECK(after.st_mtim.tv_nsec == before.st_mtim.tv_nsec);

    // Two runs as of now reuse their file too.
    REQUIRE(run_opsctl({"daily", "morning", "--target", "demo"}, env).exit_code == 0);
    REQUIRE(run_opsctl({"daily", "afternoon", "--target", "demo"}, env).exit_code == 0);
    CHECK(files_starting(folder, "demo-healthy-").size() == 1);
}
