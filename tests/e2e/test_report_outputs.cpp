// Several reports from one run (--report FORMAT:PATH, --output-json and friends), each
// read back by its format's parser; report files written atomically, checked before
// anything runs, written on interruption too; Prometheus's last success kept
// across a failing run.

#include <signal.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "e2e/e2e_support.h"
#include "support/report_parsers.h"

using namespace opsctl::e2e;
using opsctl::test::BackgroundOpsctl;
using opsctl::test::eventually;
using opsctl::test::parse_nagios;
using opsctl::test::parse_prometheus;
using opsctl::test::pg_scalar;
using opsctl::test::pg_uri;
using opsctl::test::Process;
using opsctl::test::read_file;
using opsctl::test::TempDir;

namespace fs = std::filesystem;

namespace {

std::vector<std::string> morning(const std::string& database,
                                 const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"daily",          "morning", "--target",
                                  pg_uri(database), "--as-of", kAsOf};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

// xmllint's verdict on `path` against tests/junit.xsd (0 = valid), with its output.
std::pair<int, std::string> validate_junit(const std::string& path) {
    const std::string command =
        "xmllint --noout --schema '" + kSourceDir + "/tests/junit.xsd' '" + path + "' 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string out;
    char buffer[4096];
    while (const size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    const int status = pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

const std::map<std::string, std::string> kMorning{{"runbook", "daily"}, {"checklist", "morning"}};
const std::string kLastSuccess = "opsctl_checklist_last_success_timestamp_seconds";

}  // namespace

TEST_CASE("reports: text on stdout and json, junit, prometheus, nagios, markdown files in one run",
          "[e2e][reports]") {
    const TempDir folder;
    const Process run = run_opsctl_with_stub_dbt(morning(
        "wh_faults",
        {"--output-json", folder.file("run.json"), "--output-junit", folder.file("junit.xml"),
         "--report", "prometheus:" + folder.file("opsctl.prom"), "--report",
         "nagios:" + folder.file("nagios.txt"), "--output-markdown", folder.file("run.md")}));
    INFO("stdout:\n" << run.out << "\nstderr:\n" << run.err);
    CHECK(run.exit_code == 2);
    CHECK(folder_entries(folder.path()) ==
          std::vector<std::string>{"junit.xml", "nagios.txt", "opsctl.prom", "run.json", "run.md"});

    // stdout: the text report, as without the files.
    const auto text = text_steps(run.out);
    CHECK(text_step(text, "data-freshness").label == "FAIL");

    // Every file says the same about each step as the JSON report.
    const json report = json::parse(read_file(folder.file("run.json")));
    CHECK(report.at("status") == "fail");
    const auto [valid, xmllint] = validate_junit(folder.file("junit.xml"));
    INFO(xmllint);
    CHECK(valid == 0);
    const auto prom = parse_prometheus(read_file(folder.file("opsctl.prom")));
    const auto nagios = parse_nagios(read_file(folder.file("nagios.txt")));
    CHECK(nagios.state == "CRITICAL");
    const std::string junit = read_file(folder.file("junit.xml"));
    const std::string markdown = read_file(folder.file("run.md"));
    const std::map<std::string, int> gauge{{"pass", 0},  {"warn", 1},     {"fail", 2},
                                           {"error", 3}, {"skipped", -1}, {"manual", -2}};
    for (const auto& s : report.at("steps")) {
        const std::string id = s.at("id");
        const std::string status = s.at("status");
        INFO(id << " " << status);
        auto labels = kMorning;
        labels["step"] = id;
        CHECK(prom.value("opsctl_step_status", labels) == gauge.at(status));
        CHECK(text_step(text, id).label.size() > 0);
        CHECK(contains(markdown, "| " + id + " |"));
        const std::string testcase = "<testcase classname=\"daily.morning\" name=\"" + id + "\"";
        CHECK(contains(junit, testcase));
        bool detailed = false;
        for (const auto& line : nagios.long_text) {
            if (starts_with(line, status + " " + id + ":")) detailed = true;
        }
        CHECK(detailed);
    }
    CHECK(prom.value("opsctl_checklist_status", kMorning) == 2);
    CHECK(prom.find(kLastSuccess).empty());  // never passed
    // The freshness step's measure: the stalest table of the faults, against 360.
    bool measured = false;
    for (const auto& datum : nagios.perfdata) {
        if (datum.label != "data-freshness") continue;
        measured = true;
        CHECK(std::stod(datum.value) > 360);
        CHECK(datum.crit == "360");
    }
    CHECK(measured);
    CHECK(nagios.perfdata.back().label == "duration");
}

TEST_CASE("reports: the last success is kept across a failing run", "[e2e][reports]") {
    const TempDir folder;
    const std::string prom = folder.file("opsctl.prom");
    const auto before = std::chrono::system_clock::now();
    const Process healthy =
        run_opsctl_with_stub_dbt(morning("wh_healthy", {"--output-prometheus", prom}));
    INFO(healthy.err);
    REQUIRE(healthy.exit_code == 0);
    const auto passed = parse_prometheus(read_file(prom));
    const double success = passed.value(kLastSuccess, kMorning);
    const double start = std::chrono::duration<double>(before.time_since_epoch()).count();
    CHECK(success >= std::floor(start));
    CHECK(success == passed.value("opsctl_checklist_last_run_timestamp_seconds", kMorning));

    // Make the last success recognisable, then fail: it stays.
    std::string content = read_file(prom);
    const std::string stamp = std::to_string(static_cast<long long>(success));
    const size_t at = content.rfind(stamp);
    REQUIRE(at != std::string::npos);
    content.replace(at, stamp.size(), "1700000000");
    folder.write("opsctl.prom", content);
    REQUIRE(parse_prometheus(content).value(kLastSuccess, kMorning) == 1700000000);

    const Process failing =
        run_opsctl_with_stub_dbt(morning("wh_faults", {"--output-prometheus", prom}));
    CHECK(failing.exit_code == 2);
    const auto failed = parse_prometheus(read_file(prom));
    CHECK(failed.value(kLastSuccess, kMorning) == 1700000000);
    CHECK(failed.value("opsctl_checklist_last_run_timestamp_seconds", kMorning) >= success);
    CHECK(failed.value("opsctl_checklist_status", kMorning) == 2);
    CHECK(folder_entries(folder.path()) == std::vector<std::string>{"opsctl.prom"});

    // --format prometheus --output: the same file format, the same carry-over.
    const Process again = run_opsctl_with_stub_dbt(
        morning("wh_faults", {"--format", "prometheus", "--output", prom}));
    CHECK(again.exit_code == 2);
    CHECK(again.out.empty());
    CHECK(parse_prometheus(read_file(prom)).value(kLastSuccess, kMorning) == 1700000000);
}

TEST_CASE("reports: an unwritable report path fails before anything runs", "[e2e][reports]") {
    const TempDir folder;
    const std::string kept = folder.write("run.json", "{\"previous\": true}\n");
    const std::string missing = folder.file("nosuch/junit.xml");
    // The target cannot be reached: had anything run, the error would be about it.
    const std::vector<std::string> base{"daily", "morning", "--target",
                                        "postgresql://u@127.0.0.1:1/db", "--no-lock"};
    auto args = base;
    args.insert(args.end(), {"--output-json", kept, "--report", "junit:" + missing});
    const std::string line = require_usage_error(run_opsctl_with_stub_dbt(args));
    CHECK(contains(line, "--report"));
    CHECK(contains(line, missing));
    CHECK_FALSE(contains(line, "connect"));
    CHECK(read_file(kept) == "{\"previous\": true}\n");
    CHECK(folder_entries(folder.path()) == std::vector<std::string>{"run.json"});

    // A folder where the file should be.
    fs::create_directory(folder.file("taken.prom"));
    args = base;
    args.insert(args.end(), {"--output-prometheus", folder.file("taken.prom")});
    const std::string taken = require_usage_error(run_opsctl_with_stub_dbt(args));
    CHECK(contains(taken, "--output-prometheus"));
    CHECK(contains(taken, "folder"));

    // A folder without write permission (root writes anywhere: then skip this part).
    if (geteuid() != 0) {
        const std::string locked = folder.file("locked");
        fs::create_directory(locked);
        fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
        args = base;
        args.insert(args.end(), {"--report", "markdown:" + locked + "/run.md"});
        CHECK(contains(require_usage_error(run_opsctl_with_stub_dbt(args)), "Permission denied"));
        fs::permissions(locked, fs::perms::owner_all);
    }
}

TEST_CASE("reports: bad --report and --format combinations are one clear error",
          "[e2e][reports][bad-input]") {
    const TempDir folder;
    const std::string no_file = require_usage_error(
        run_opsctl_with_stub_dbt(morning("wh_healthy", {"--format", "prometheus"})));
    CHECK(contains(no_file, "--format prometheus"));
    CHECK(contains(no_file, "--output"));

    const std::string no_colon = require_usage_error(
        run_opsctl_with_stub_dbt(morning("wh_healthy", {"--report", "junit.xml"})));
    CHECK(contains(no_colon, "FORMAT:PATH"));

    const std::string typo = require_usage_error(run_opsctl_with_stub_dbt(
        morning("wh_healthy", {"--report", "junti:" + folder.file("j.xml")})));
    CHECK(contains(typo, "\"junti\""));
    CHECK(contains(typo, "did you mean \"junit\""));

    const std::string twice = require_usage_error(run_opsctl_with_stub_dbt(morning(
        "wh_healthy",
        {"--output-json", folder.file("r"), "--report", "junit:" + folder.path() + "/./r"})));
    CHECK(contains(twice, "already"));

    const std::string format =
        require_usage_error(run_opsctl_with_stub_dbt(morning("wh_healthy", {"--format", "junti"})));
    CHECK(contains(format, "junit"));
    CHECK(folder_entries(folder.path()).empty());
}

TEST_CASE("reports: SIGTERM mid-run still writes every report file", "[e2e][reports]") {
    const TempDir folder;
    folder.write("control.json",
                 R"({"runbook": "control", "checklists": [{"name": "run", "steps": [
                     {"id": "first", "sql": {"postgresql": "SELECT 1 AS one"},
                      "expect": [{"column": "one", "fail_above": 1}]},
                     {"id": "slow", "sql": {"postgresql": "SELECT pg_sleep(60) AS x -- marker-reports"},
                      "report": true}]}]})");
    const TempDir out;
    BackgroundOpsctl run({"--runbooks", folder.path(), "control", "run", "--target",
                          pg_uri("wh_healthy"), "--jobs", "1", "--no-lock", "--output-junit",
                          out.file("junit.xml"), "--report", "prometheus:" + out.file("o.prom")});
    const auto running = [] {
        return pg_scalar("postgres",
                         "SELECT count(*) FROM pg_stat_activity WHERE query LIKE "
                         "'%marker-reports%' AND query NOT LIKE '%pg_stat_activity%'") == "1";
    };
    REQUIRE(eventually(running, 10.0));
    run.signal(SIGTERM);
    const Process done = run.wait();
    CHECK(done.exit_code == 3);
    CHECK(validate_junit(out.file("junit.xml")).first == 0);
    CHECK(contains(read_file(out.file("junit.xml")), "<error type=\"error\""));
    const auto prom = parse_prometheus(read_file(out.file("o.prom")));
    CHECK(prom.value("opsctl_step_status", {{"step", "first"}}) == 0);
    CHECK(prom.value("opsctl_step_status", {{"step", "slow"}}) == 3);
    CHECK(folder_entries(out.path()) == std::vector<std::string>{"junit.xml", "o.prom"});
}
