// tests/golden-reports/<runbook>.<checklist>.{txt,md} hold the text and Markdown
// reports of every report step of the shipped catalogue (steps with "report": true,
// run with --only) on the healthy stand-in as of the tests' fixed time, as they read
// when last reviewed by eye. With OPSCTL_REGEN_GOLDEN_REPORTS=1 the test writes the
// files instead (scripts/regen-golden-reports); otherwise a report that changes fails
// here, naming the file and the first line that differs.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "e2e_support.h"

using namespace opsctl::e2e;
using opsctl::test::pg_uri;
using opsctl::test::run_opsctl;

namespace {

const std::string kGoldenDir = kSourceDir + "/tests/golden-reports";

std::string read_whole_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

// What differs from one run to the next: the fixture's socket folder in the target,
// and each step's duration ("   12 ms" becomes "    ? ms", keeping the columns).
std::string stable(std::string report, const std::string& target) {
    replace_all(report, target, "postgresql://stand-in/wh_healthy");
    for (size_t at = report.find(" ms  "); at != std::string::npos;
         at = report.find(" ms  ", at + 1)) {
        size_t digits = at;
        while (digits > 0 && report[digits - 1] >= '0' && report[digits - 1] <= '9') --digits;
        if (digits == at) continue;
        report.replace(digits, at - digits, std::string(at - digits - 1, ' ') + "?");
    }
    return report;
}

// "" when equal; else where they first differ, as a diff would show it.
std::string first_difference(const std::string& file, const std::string& expected,
                             const std::string& actual) {
    if (expected == actual) return {};
    const auto want = lines_of(expected);
    const auto got = lines_of(actual);
    size_t line = 0;
    while (line < want.size() && line < got.size() && want[line] == got[line]) ++line;
    std::string message = file + ":" + std::to_string(line + 1) + ": the report differs\n";
    message += "- " + (line < want.size() ? want[line] : std::string("(end of file)")) + "\n";
    message += "+ " + (line < got.size() ? got[line] : std::string("(end of report)")) + "\n";
    return message + "(scripts/regen-golden-reports rewrites the files; review them first)";
}

// The report steps of one checklist, as `opsctl show --format json` lists them.
std::vector<std::string> report_steps(const std::string& runbook, const std::string& checklist) {
    const Process show = run_opsctl({"show", runbook, checklist, "--format", "json"});
    REQUIRE(show.exit_code == 0);
    const json shown = show.json();  // kept: a range-for over a temporary's member dangles
    std::vector<std::string> ids;
    for (const auto& step : shown.at("steps")) {
        if (step.at("report") == true) ids.push_back(step.at("id").get<std::string>());
    }
    return ids;
}

}  // namespace

TEST_CASE("golden reports: every report step of the catalogue in text and Markdown",
          "[golden][report]") {
    const bool regenerate = std::getenv("OPSCTL_REGEN_GOLDEN_REPORTS") != nullptr;
    if (regenerate) std::filesystem::create_directories(kGoldenDir);
    const std::string target = pg_uri("wh_healthy");
    const Process list = run_opsctl({"list", "--format", "json"});
    REQUIRE(list.exit_code == 0);
    std::set<std::string> expected_files;
    for (const auto& entry : list.json()) {
        const std::string runbook = entry.at("runbook");
        const std::string checklist = entry.at("checklist");
        const std::vector<std::string> ids = report_steps(runbook, checklist);
        if (ids.empty()) continue;
        for (const std::string format : {"text", "markdown"}) {
            const std::string file =
                runbook + "." + checklist + (format == "text" ? ".txt" : ".md");
            expected_files.insert(file);
            std::vector<std::string> args{runbook, checklist,  "--target", target,     "--as-of",
                                          kAsOf,   "--format", format,     "--no-lock"};
            for (const auto& id : ids) {
                args.push_back("--only");
                args.push_back(id);
            }
            const Process run = run_opsctl(args);
            INFO(file << "\n" << run.out << run.err);
            REQUIRE(run.exit_code <= 2);  // a report step that errors would say nothing
            const std::string report = stable(run.out, target);
            const std::string path = kGoldenDir + "/" + file;
            if (regenerate) {
                std::ofstream(path, std::ios::binary) << report;
                continue;
            }
            if (!std::filesystem::exists(path))
                FAIL(file << ": missing (run scripts/regen-golden-reports)");
            const std::string difference = first_difference(file, read_whole_file(path), report);
            if (!difference.empty()) FAIL(difference);
        }
    }
    CHECK(expected_files.size() == 2 * 10);  // the catalogue's report steps are in 10 checklists
    // No file is left over from a checklist or a report step that is gone.
    for (const auto& entry : std::filesystem::directory_iterator(kGoldenDir)) {
        INFO(entry.path());
        if (regenerate && !expected_files.count(entry.path().filename().string())) {
            std::filesystem::remove(entry.path());
            continue;
        }
        CHECK(expected_files.count(entry.path().filename().string()) == 1);
    }
}
