// opsctl validate: the shipped runbooks are valid; each hostile file of
// tests/fixtures/bad-runbooks has one problem, reported as "file:line:col: path: message"
// on stdout with exit 3.

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "e2e/e2e_support.h"

using namespace opsctl::e2e;
using opsctl::test::Process;
using opsctl::test::run_opsctl;
using opsctl::test::TempDir;

namespace {

const std::string kBad = kFixturesDir + "/bad-runbooks/";
const std::string kGood = kFixturesDir + "/good-runbooks/minimal.json";

struct Hostile {
    std::string file;
    std::string location;  // line:col
    std::string path;      // JSON path, empty for a syntax error
    std::vector<std::string> message_parts;
};

// Validates one file and checks that opsctl reports exactly `expected`.
void check_reported(const Hostile& expected) {
    const std::string file = kBad + expected.file;
    const Process run = run_opsctl({"validate", file});
    INFO("stdout:\n" << run.out << "\nstderr:\n" << run.err);
    CHECK(run.exit_code == 3);
    CHECK(run.err.empty());
    const auto lines = lines_of(run.out);
    REQUIRE(lines.size() == 2);
    const std::string prefix =
        file + ":" + expected.location + ": " + (expected.path.empty() ? "" : expected.path + ": ");
    CHECK(starts_with(lines[0], prefix));
    for (const auto& part : expected.message_parts) CHECK(contains(lines[0], part));
    CHECK(lines[1] == "1 problem(s) in 1 file(s)");
}

}  // namespace

TEST_CASE("validate: the shipped runbooks are valid", "[e2e][validate]") {
    const Process run = run_opsctl({"validate"});
    INFO("stdout:\n" << run.out << "\nstderr:\n" << run.err);
    CHECK(run.exit_code == 0);
    CHECK(run.err.empty());
    CHECK(run.out == "ok: 10 file(s), 10 runbook(s), 24 checklist(s), 134 step(s)\n");

    // The runbooks of the source tree, named explicitly, are the same.
    const Process source = run_opsctl({"validate", kSourceDir + "/runbooks"});
    CHECK(source.exit_code == 0);
    CHECK(source.out == run.out);
}

TEST_CASE("validate: a truncated file is invalid JSON where the input ends", "[e2e][validate]") {
    // The file's ten lines end with a newline, so the input ends at 11:1.
    check_reported({"truncated.json", "11:1", "", {"invalid JSON", "end of input"}});
    // Cut inside a string on line 10, no final newline: the string runs to 10:27.
    check_reported({"truncated-in-string.json", "10:27", "", {"invalid JSON", "closing quote"}});
}

TEST_CASE("validate: a missing comma is reported at the token that follows it", "[e2e][validate]") {
    // Line 5 ends without a comma; the parser stops on the key "steps" of line 6.
    check_reported({"missing-comma.json", "6:7", "", {"invalid JSON", "unexpected string"}});
}

TEST_CASE("validate: an unknown key is named at the key, with a did-you-mean", "[e2e][validate]") {
    check_reported({"unknown-key.json",
                    "11:55",
                    "checklists[0].steps[0].expect[0].colum",
                    {"unknown key \"colum\"", "did you mean \"column\""}});
}

TEST_CASE("validate: a value of the wrong type is named at the value", "[e2e][validate]") {
    check_reported({"wrong-type.json",
                    "6:27",
                    "checklists[0].duration_minutes",
                    {"must be an integer", "found a string"}});
    check_reported(
        {"wrong-type-number.json", "6:16", "checklists[0].owner", {"must be a string", "number"}});
}

TEST_CASE("validate: a duplicate step id is named at the second id", "[e2e][validate]") {
    check_reported({"duplicate-step-id.json",
                    "14:17",
                    "checklists[0].steps[1].id",
                    {"duplicate step id \"freshness\""}});
}

TEST_CASE("validate: a key given twice in one object is reported", "[e2e][validate]") {
    check_reported({"duplicate-key.json", "10:11", "checklists[0].steps[0].id", {"duplicate key"}});
}

TEST_CASE("validate: an expectation without a column", "[e2e][validate]") {
    check_reported({"expectation-without-column.json",
                    "12:13",
                    "checklists[0].steps[0].expect[0]",
                    {"no column"}});
}

TEST_CASE("validate: a step with both sql and shell", "[e2e][validate]") {
    check_reported({"sql-and-shell.json",
                    "7:9",
                    "checklists[0].steps[0]",
                    {"exactly one of \"sql\", \"shell\""}});
}

TEST_CASE("validate: a timeout that is not a duration", "[e2e][validate]") {
    check_reported({"bad-timeout.json",
                    "11:22",
                    "checklists[0].steps[0].timeout",
                    {"\"5 minutes\" is not a duration"}});
}

TEST_CASE("validate: a schedule that is not a valid cron expression", "[e2e][validate]") {
    check_reported({"bad-schedule.json",
                    "6:19",
                    "checklists[0].schedule",
                    {"invalid schedule \"0 25 * * *\"", "hour"}});
}

TEST_CASE("validate: a good and a bad file together report only the bad one", "[e2e][validate]") {
    const std::string bad = kBad + "bad-timeout.json";
    const Process run = run_opsctl({"validate", kGood, bad});
    INFO("stdout:\n" << run.out << "\nstderr:\n" << run.err);
    CHECK(run.exit_code == 3);
    CHECK(run.err.empty());
    const auto lines = lines_of(run.out);
    REQUIRE(lines.size() == 2);
    CHECK(starts_with(lines[0], bad + ":11:22: checklists[0].steps[0].timeout: "));
    CHECK(lines[1] == "1 problem(s) in 2 file(s)");
    CHECK_FALSE(contains(run.out, "minimal.json"));

    // The good file alone is valid.
    const Process good = run_opsctl({"validate", kGood});
    CHECK(good.exit_code == 0);
    CHECK(good.out == "ok: 1 file(s), 1 runbook(s), 1 checklist(s), 2 step(s)\n");
}

TEST_CASE("validate: the whole folder of hostile files reports one problem per file",
          "[e2e][validate]") {
    const Process run = run_opsctl({"validate", kBad});
    INFO("stdout:\n" << run.out);
    CHECK(run.exit_code == 3);
    const auto lines = lines_of(run.out);
    size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(kBad)) {
        if (entry.path().extension() == ".json") ++files;
    }
    REQUIRE(files >= 8);
    REQUIRE(lines.size() == files + 1);
    for (size_t i = 0; i + 1 < lines.size(); ++i) CHECK(starts_with(lines[i], kBad));
    CHECK(lines.back() ==
          std::to_string(files) + " problem(s) in " + std::to_string(files) + " file(s)");
}

TEST_CASE("validate: a path that does not exist", "[e2e][validate]") {
    const TempDir folder;
    const std::string line =
        require_usage_error(run_opsctl({"validate", folder.path() + "/nosuch.json"}));
    CHECK(contains(line, "nosuch.json"));
}

TEST_CASE("validate --format json: each problem with file, line, column, path and message",
          "[e2e][validate][json]") {
    const std::string bad = kBad + "unknown-key.json";
    const std::string truncated = kBad + "truncated.json";
    const Process run = run_opsctl({"validate", "--format", "json", kGood, bad, truncated});
    INFO("stdout:\n" << run.out << "\nstderr:\n" << run.err);
    CHECK(run.exit_code == 3);
    CHECK(run.err.empty());
    const json report = run.json();
    CHECK(report.at("ok") == false);
    CHECK(report.at("files") == 3);
    REQUIRE(report.at("problems").size() == 2);
    const json& unknown = report.at("problems")[0].at("file") == bad ? report.at("problems")[0]
                                                                     : report.at("problems")[1];
    CHECK(unknown == json({{"file", bad},
                           {"line", 11},
                           {"column", 55},
                           {"path", "checklists[0].steps[0].expect[0].colum"},
                           {"message", "unknown key \"colum\" (did you mean \"column\"?)"}}));
    const json& syntax =
        &unknown == &report.at("problems")[0] ? report.at("problems")[1] : report.at("problems")[0];
    CHECK(syntax.at("file") == truncated);
    CHECK(syntax.at("line") == 11);
    CHECK(syntax.at("column") == 1);
    CHECK(syntax.at("path") == "");  // a syntax error has no JSON path yet
    CHECK(contains(syntax.at("message").get<std::string>(), "end of input"));

    const Process good = run_opsctl({"validate", "--format", "json"});
    CHECK(good.exit_code == 0);
    CHECK(good.json() == json({{"ok", true},
                               {"files", 10},
                               {"runbooks", 10},
                               {"checklists", 24},
                               {"steps", 134},
                               {"problems", json::array()}}));
    CHECK(contains(require_usage_error(run_opsctl({"validate", "--format", "xml"})),
                   "unknown --format \"xml\""));
}
