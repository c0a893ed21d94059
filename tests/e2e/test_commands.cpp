// The commands that run nothing: list, show, render, --version and --help.

#include <catch2/catch.hpp>
#include <cstdio>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "e2e/e2e_support.h"

using namespace opsctl::e2e;
using opsctl::test::Process;
using opsctl::test::run_opsctl;

namespace {

// (runbook, checklist) of every checklist of the shipped runbook files.
std::set<std::pair<std::string, std::string>> shipped_checklists() {
    std::set<std::pair<std::string, std::string>> names;
    for (const auto& runbook : runbook_files(kSourceDir + "/runbooks")) {
        for (const auto& checklist : runbook.at("checklists")) {
            names.emplace(runbook.at("runbook").get<std::string>(),
                          checklist.at("name").get<std::string>());
        }
    }
    return names;
}

}  // namespace

TEST_CASE("commands: list shows the 24 checklists as text", "[e2e][commands]") {
    const Process run = run_opsctl({"list"});
    INFO("stdout:\n" << run.out << "\nstderr:\n" << run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(run.err.empty());
    const auto lines = lines_of(run.out);
    REQUIRE(lines.size() == 25);
    CHECK(starts_with(lines[0], "CHECKLIST"));
    CHECK(contains(lines[0], "SCHEDULE"));
    CHECK(contains(lines[0], "OWNER"));

    const auto expected = shipped_checklists();
    REQUIRE(expected.size() == 24);
    std::set<std::pair<std::string, std::string>> listed;
    for (size_t i = 1; i < lines.size(); ++i) {
        std::istringstream words(lines[i]);
        std::string runbook, checklist;
        words >> runbook >> checklist;
        listed.emplace(runbook, checklist);
    }
    CHECK(listed == expected);

    bool morning = false;
    for (const auto& line : lines) {
        if (!starts_with(line, "daily morning ")) continue;
        morning = true;
        CHECK(contains(line, "0 8 * * *"));
        CHECK(contains(line, "Daily at 08:00"));
        CHECK(contains(line, "Data Engineering Team"));
        CHECK(contains(line, "30 min"));
    }
    CHECK(morning);
    for (const auto& line : lines) {
        if (starts_with(line, "incident p1 ")) CHECK(contains(line, "on demand"));
    }
}

TEST_CASE("commands: list --format json shows the 24 checklists", "[e2e][commands]") {
    const Process run = run_opsctl({"list", "--format", "json"});
    REQUIRE(run.exit_code == 0);
    const json list = run.json();
    REQUIRE(list.is_array());
    REQUIRE(list.size() == 24);
    std::set<std::pair<std::string, std::string>> listed;
    for (const auto& entry : list) {
        listed.emplace(entry.at("runbook").get<std::string>(),
                       entry.at("checklist").get<std::string>());
        for (const char* key :
             {"title", "schedule", "schedule_text", "owner", "duration_minutes", "steps"}) {
            CHECK(entry.contains(key));
        }
        if (entry.at("runbook") == "daily" && entry.at("checklist") == "morning") {
            CHECK(entry.at("schedule") == "0 8 * * *");
            CHECK(entry.at("steps") == 11);
            CHECK(entry.at("duration_minutes") == 30);
            CHECK(entry.at("owner") == "Data Engineering Team");
        }
        if (entry.at("runbook") == "incident") CHECK(entry.at("schedule").is_null());
    }
    CHECK(listed == shipped_checklists());
}

TEST_CASE("commands: show daily morning lists the steps and their thresholds", "[e2e][commands]") {
    const Process run = run_opsctl({"show", "daily", "morning"});
    INFO("stdout:\n" << run.out << "\nstderr:\n" << run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(run.err.empty());
    CHECK(starts_with(run.out, "daily / morning - Morning Checklist\n"));
    CHECK(contains(run.out, "  schedule  0 8 * * *  (Daily at 08:00)\n"));

    // Every step, numbered in the runbook's order, with its kind.
    const json checklist = shipped_checklist("daily", "morning");
    size_t position = 0;
    int number = 0;
    for (const auto& step : checklist.at("steps")) {
        ++number;
        const std::string kind = step.contains("sql")     ? "sql"
                                 : step.contains("shell") ? "shell"
                                                          : "manual";
        const std::string line = (number < 10 ? "   " : "  ") + std::to_string(number) + ". [" +
                                 kind + "] " + step.at("id").get<std::string>();
        INFO(line);
        const size_t found = run.out.find(line, position);
        REQUIRE(found != std::string::npos);
        position = found;
    }
    CHECK(number == 11);

    CHECK(
        contains(run.out, "expect minutes_since_sync: fail_above 360 (${freshness_fail_minutes})"));
    CHECK(contains(run.out, "expect sla_result: fail_if FAIL"));
    CHECK(contains(run.out, "expect test_result: fail_if FAIL"));
    CHECK(contains(
        run.out, "expect total_elapsed_time_seconds: fail_above 300 (${slow_query_fail_seconds})"));
    CHECK(contains(run.out, "expect daily_cost_usd: fail_above 1000 (${daily_cost_fail_usd})"));
    CHECK(contains(run.out, "$ dbt run --select tag:incremental --store-failures"));
    CHECK(contains(run.out, "freshness_fail_minutes = 360"));

    // --set shows the thresholds the run would use.
    const Process raised =
        run_opsctl({"show", "daily", "morning", "--set", "freshness_fail_minutes=400"});
    REQUIRE(raised.exit_code == 0);
    CHECK(contains(raised.out,
                   "expect minutes_since_sync: fail_above 400 (${freshness_fail_minutes})"));
}

TEST_CASE("commands: render for PostgreSQL as of a time uses literals, never CURRENT_DATE",
          "[e2e][commands]") {
    const Process run =
        run_opsctl({"render", "daily", "morning", "--dialect", "postgresql", "--as-of", kAsOf});
    INFO("stdout:\n" << run.out << "\nstderr:\n" << run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(run.err.empty());
    CHECK(
        starts_with(run.out, "-- daily / morning for postgresql as of 2026-11-26 08:00:00 UTC\n"));
    CHECK(contains(run.out, "DATE '2026-11-26'"));
    CHECK(contains(run.out, "TIMESTAMP '2026-11-26 08:00:00'"));
    CHECK_FALSE(contains(run.out, "CURRENT_DATE"));
    CHECK_FALSE(contains(run.out, "CURRENT_TIMESTAMP"));
    CHECK_FALSE(contains(run.out, "DATEADD"));
    CHECK(contains(run.out, "-- warehouse-status: Check warehouse status\n-- skipped"));
    // Only SQL steps: no shell command and no manual step.
    CHECK_FALSE(contains(run.out, "dbt"));
    CHECK_FALSE(contains(run.out, "review-overnight-alerts"));
}

TEST_CASE("commands: render for SQLite as of a time uses plain string literals",
          "[e2e][commands]") {
    const Process run =
        run_opsctl({"render", "daily", "morning", "--dialect", "sqlite", "--as-of", kAsOf});
    INFO("stdout:\n" << run.out << "\nstderr:\n" << run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(starts_with(run.out, "-- daily / morning for sqlite as of 2026-11-26 08:00:00 UTC\n"));
    CHECK(contains(run.out, "'2026-11-26'"));
    CHECK(contains(run.out, "'2026-11-26 08:00:00'"));
    CHECK_FALSE(contains(run.out, "CURRENT_"));
    // PostgreSQL's typed literals and intervals mean nothing to SQLite.
    CHECK_FALSE(contains(run.out, "DATE '"));
    CHECK_FALSE(contains(run.out, "TIMESTAMP '"));
    CHECK_FALSE(contains(run.out, "INTERVAL"));
}

TEST_CASE("commands: render of the afternoon counts today's shipments by the as-of date",
          "[e2e][commands]") {
    const Process pg =
        run_opsctl({"render", "daily", "afternoon", "--dialect", "postgresql", "--as-of", kAsOf});
    REQUIRE(pg.exit_code == 0);
    CHECK(contains(pg.out, "DATE '2026-11-26'"));
    CHECK_FALSE(contains(pg.out, "CURRENT_DATE"));
    const Process lite =
        run_opsctl({"render", "daily", "afternoon", "--dialect", "sqlite", "--as-of", kAsOf});
    REQUIRE(lite.exit_code == 0);
    CHECK(contains(lite.out, "'2026-11-26'"));
    CHECK_FALSE(contains(lite.out, "CURRENT_DATE"));
}

TEST_CASE("commands: --version prints the name, the version and the commit", "[e2e][commands]") {
    const Process run = run_opsctl({"--version"});
    CHECK(run.exit_code == 0);
    CHECK(std::regex_match(
        run.out,
        std::regex(R"(opsctl \d+\.\d+\.\d+ \(commit ([0-9a-f]{12}(-dirty)?|unknown)\)\n)")));
    CHECK(run.err.empty());
    // The tests build from a checkout: the commit is the one the source tree is at.
    FILE* git =
        popen(("git -C " + kSourceDir + " rev-parse --short=12 HEAD 2>/dev/null").c_str(), "r");
    REQUIRE(git);
    char head[64] = {};
    const bool read = fgets(head, sizeof head, git) != nullptr;
    pclose(git);
    if (read) CHECK(contains(run.out, "(commit " + std::string(head, 12)));
}

TEST_CASE("commands: --help works for the main command and every subcommand", "[e2e][commands]") {
    const std::vector<std::vector<std::string>> commands{
        {}, {"list"}, {"show"}, {"validate"}, {"render"}, {"standin"}, {"standin", "load"},
    };
    for (const auto& command : commands) {
        std::vector<std::string> args = command;
        std::string name = "opsctl";
        for (const auto& word : command) name += " " + word;
        for (const char* flag : {"--help", "-h"}) {
            args = command;
            args.emplace_back(flag);
            const Process run = run_opsctl(args);
            INFO(name << " " << flag << "\nstdout:\n" << run.out << "\nstderr:\n" << run.err);
            CHECK(run.exit_code == 0);
            CHECK(run.err.empty());
            CHECK(contains(run.out, "Usage: " + name));
        }
    }
    const Process main_help = run_opsctl({"--help"});
    for (const char* word : {"list", "show", "validate", "render", "standin", "--target",
                             "--format", "--output", "--only", "--set", "--as-of", "--version"}) {
        INFO(word);
        CHECK(contains(main_help.out, word));
    }
    CHECK(contains(main_help.out, "0 pass, 1 warn, 2 fail, 3 error"));
    CHECK(contains(run_opsctl({"render", "--help"}).out, "--dialect"));
    CHECK(contains(run_opsctl({"standin", "load", "--help"}).out, "--scale"));
}

TEST_CASE("commands: show --format json has the steps, their rules and show columns",
          "[e2e][commands][json]") {
    const Process run = run_opsctl(
        {"show", "daily", "morning", "--format", "json", "--set", "freshness_fail_minutes=400"});
    INFO(run.out << run.err);
    REQUIRE(run.exit_code == 0);
    const json shown = run.json();
    CHECK(shown.at("runbook") == "daily");
    CHECK(shown.at("checklist") == "morning");
    CHECK(shown.at("schedule") == "0 8 * * *");
    CHECK(shown.at("duration_minutes") == 30);
    CHECK(shown.at("variables").at("freshness_fail_minutes") == "400");
    REQUIRE(shown.at("steps").size() == 11);
    const json& freshness = step_of(shown, "data-freshness");
    CHECK(freshness.at("kind") == "sql");
    CHECK(freshness.at("key") == json::array({"table_name"}));
    const json& rules = freshness.at("expect")[0].at("rules");
    CHECK(freshness.at("expect")[0].at("column") == "minutes_since_sync");
    CHECK(rules[0].at("rule") == "fail_above");
    CHECK(rules[0].at("threshold") == "400");  // bound, as text exactly as written
    CHECK(rules[0].at("variable") == "freshness_fail_minutes");
    const json& sla = step_of(shown, "data-quality-sla");
    CHECK(sla.at("show") == json::array({"evaluation_timestamp"}));
    CHECK(sla.at("on_empty") == "fail");
    CHECK(sla.at("on_empty_default") == false);
    CHECK(step_of(shown, "warehouse-status").at("report") == true);
    CHECK(step_of(shown, "dbt-incremental-run").at("kind") == "shell");
    CHECK(step_of(shown, "dbt-incremental-run").at("sql").is_null());
    CHECK(contains(require_usage_error(run_opsctl({"show", "daily", "morning", "--format", "x"})),
                   "unknown --format \"x\""));
}
