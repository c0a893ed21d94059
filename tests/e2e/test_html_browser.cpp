// The HTML report in a real browser: headless Chromium (Debian's chromium, from
// scripts/install-deps) opens a copy of the report with tests/support/browser_probe.js
// injected first in <head>, and the test reads the probe's verdict from the DOM it
// dumps: no window error or console error, every chart's canvas painted, the
// offending keys on the page, and nothing fetched. A screenshot of each report is
// kept in <build>/browser/ (a CI artifact).
//
// "No URL": the page's style and scripts hold no "://", url(), @import or fetch(
// outside the licence comments ("/*! ... */") of the inlined Chart.js and
// @kurkle/color, which name their home pages and are kept as their licence asks (the
// page's text may show a target's spec: text, not a reference); every src or href on
// the page is a "#" anchor; and the browser fetched no resource.

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "e2e/e2e_support.h"
#include "e2e/queue_depths.h"

using namespace opsctl::e2e;
using opsctl::test::pg_uri;
using opsctl::test::Process;
using opsctl::test::read_file;
using opsctl::test::run_opsctl;
using opsctl::test::TempDir;

namespace fs = std::filesystem;

namespace {

const std::string kChromium = "/usr/bin/chromium";

// Runs `command` with sh; returns its stdout (stderr goes to a file, Chromium's
// chatter about D-Bus is not the page's).
std::string run_shell(const std::string& command, int& exit_code) {
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string out;
    char buffer[65536];
    while (const size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    const int status = pclose(pipe);
    exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
}

std::string chromium(const TempDir& profile, const std::string& arguments) {
    INFO("Debian's chromium is installed by scripts/install-deps");
    REQUIRE(fs::exists(kChromium));
    int code = -1;
    const std::string out =
        run_shell(kChromium + " --headless=new --no-sandbox --disable-gpu --hide-scrollbars " +
                      "--user-data-dir='" + profile.path() + "' --virtual-time-budget=10000 " +
                      arguments + " 2>'" + profile.file("stderr") + "'",
                  code);
    INFO("chromium stderr:\n" << read_file(profile.file("stderr")));
    REQUIRE(code == 0);
    return out;
}

std::string unescape_html_text(std::string text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 4, "&lt;") == 0) {
            out += '<', i += 3;
        } else if (text.compare(i, 4, "&gt;") == 0) {
            out += '>', i += 3;
        } else if (text.compare(i, 5, "&amp;") == 0) {
            out += '&', i += 4;
        } else if (text.compare(i, 6, "&nbsp;") == 0) {
            out += "\xC2\xA0", i += 5;
        } else {
            out += text[i];
        }
    }
    return out;
}

// Opens `report` (a file) in Chromium with the probe; returns its verdict. Keeps a
// screenshot of the report itself as <build>/browser/<name>.png.
json open_in_browser(const std::string& report, const std::string& name) {
    const TempDir dir;
    std::string page = read_file(report);
    const size_t head = page.find("<head>");
    REQUIRE(head != std::string::npos);
    page.insert(head + 6, "<script>" + read_file(kSourceDir + "/tests/support/browser_probe.js") +
                              "</script>");
    const std::string probed = dir.write("probed.html", page);
    const TempDir profile;
    const std::string dom = chromium(profile, "--dump-dom 'file://" + probed + "'");
    const std::string open = "<pre id=\"probe-verdict\">";
    const size_t start = dom.rfind(open);  // the last element of the body
    INFO("the probe wrote no verdict; the DOM ends with:\n"
         << dom.substr(dom.size() > 2000 ? dom.size() - 2000 : 0));
    REQUIRE(start != std::string::npos);
    const size_t end = dom.find("</pre>", start);
    const json verdict =
        json::parse(unescape_html_text(dom.substr(start + open.size(), end - start - open.size())));

    const std::string shots = std::string(OPSCTL_BUILD_DIR) + "/browser";
    fs::create_directories(shots);
    chromium(profile, "--window-size=1280,2400 --screenshot='" + shots + "/" + name +
                          ".png' 'file://" + report + "'");
    return verdict;
}

// The page text outside its licence comments ("/*! ... */"), where no URL may be.
std::string without_licence_comments(const std::string& page) {
    std::string out;
    size_t at = 0;
    while (true) {
        const size_t start = page.find("/*!", at);
        out += page.substr(at, start == std::string::npos ? std::string::npos : start - at);
        if (start == std::string::npos) return out;
        const size_t end = page.find("*/", start);
        if (end == std::string::npos) return out;
        at = end + 2;
    }
}

// The page's code: the contents of its <style> and <script> elements, where a
// reference could be; the page's text (a target's spec shown in the header) is not.
std::string code_of(const std::string& page) {
    std::string code;
    for (const std::string tag : {"style", "script"}) {
        const std::string open = "<" + tag;
        const std::string close = "</" + tag + ">";
        for (size_t at = page.find(open); at != std::string::npos; at = page.find(open, at)) {
            const size_t end = page.find(close, at);
            REQUIRE(end != std::string::npos);
            code += page.substr(at, end - at) + "\n";
            at = end;
        }
    }
    return code;
}

void check_page(const std::string& report, const json& verdict, size_t least_charts) {
    INFO("verdict: " << verdict.dump(2).substr(0, 4000));
    CHECK(verdict.at("errors").empty());
    CHECK(verdict.at("canvases").size() >= least_charts);
    for (const auto& canvas : verdict.at("canvases")) {
        INFO(canvas.dump());
        CHECK(canvas.at("painted").get<long>() > 0);
    }
    CHECK(verdict.at("resources").empty());
    for (const auto& link : verdict.at("links")) CHECK(starts_with(link.get<std::string>(), "#"));
    const std::string page = read_file(report);
    CHECK(page.find("/*!\n * Chart.js v3.9") != std::string::npos);  // the licence is kept
    const std::string code = without_licence_comments(code_of(page));
    CHECK(code.find("://") == std::string::npos);
    CHECK(code.find("url(") == std::string::npos);
    CHECK(code.find("@import") == std::string::npos);
    CHECK(code.find("fetch(") == std::string::npos);
}

std::vector<std::string> planning(const std::vector<std::string>& extra) {
    std::vector<std::string> args{"monthly", "planning", "--target", pg_uri("wh_healthy"),
                                  "--as-of", kAsOf};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

}  // namespace

TEST_CASE("html in chromium: monthly planning, every chart drawn, nothing fetched",
          "[e2e][html][browser]") {
    const TempDir folder;
    const std::string report = folder.file("planning.html");
    const Process run = run_opsctl(planning({"--format", "html", "--output", report}));
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const json verdict = open_in_browser(report, "monthly-planning");
    check_page(report, verdict, 2);
    const std::string text = verdict.at("text");
    CHECK(contains(text, "monthly/planning"));
    CHECK(contains(text, "2026-11-01"));  // the table, beside the charts
}

TEST_CASE("html in chromium: daily morning with faults shows every offending key",
          "[e2e][html][browser]") {
    const TempDir folder;
    const std::string report = folder.file("morning.html");
    const std::string json_report = folder.file("morning.json");
    const Process run = run_opsctl_with_stub_dbt(
        {"daily", "morning", "--target", pg_uri("wh_faults"), "--as-of", kAsOf, "--format", "html",
         "--output", report, "--output-json", json_report});
    INFO(run.err);
    REQUIRE(run.exit_code == 2);
    const json verdict = open_in_browser(report, "daily-morning-faults");
    check_page(report, verdict, 0);
    const std::string text = verdict.at("text");
    std::set<std::string> keys;
    const json report_json = json::parse(read_file(json_report));
    for (const auto& step : report_json.at("steps")) {
        for (const auto& violation : step.value("violations", json::array()))
            keys.insert(violation.at("key").get<std::string>());
    }
    REQUIRE(keys.size() >= 3);
    for (const auto& key : keys) {
        INFO(key);
        CHECK(contains(text, key));
    }
    CHECK(contains(text, "FAIL"));
}

TEST_CASE("html in chromium: a run with its history, and the history page",
          "[e2e][html][browser][history]") {
    const QueueChecklist queues("sqlite", "queues", R"([{"column": "depth", "fail_above": 360}])",
                                "");
    queues.set("eu=400,us=500");
    queues.run("json");
    queues.set("eu=400");
    const std::string report = queues.dir.file("run.html");
    queues.run("html", {"--output", report});
    const json run_verdict = open_in_browser(report, "queues-run-with-history");
    check_page(report, run_verdict, 1);  // the offending values per run
    CHECK(contains(run_verdict.at("text"), "last 2 runs"));

    const std::string page = queues.dir.file("history.html");
    std::vector<std::string> args = queues.common();
    for (const std::string word : {"report", "--output", page.c_str()}) args.push_back(word);
    REQUIRE(run_opsctl(args).exit_code == 0);
    const json verdict = open_in_browser(page, "history-page");
    check_page(page, verdict, 1);  // the runs per day
    CHECK(contains(verdict.at("text"), "queues/run"));
    CHECK(contains(verdict.at("text"), "Steps that failed most"));
}
