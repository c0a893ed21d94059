// Where the report goes (--output FILE, atomically) and how it looks (colour only on a
// terminal, never with NO_COLOR).

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "e2e/e2e_support.h"

using namespace opsctl::e2e;
using opsctl::test::pg_uri;
using opsctl::test::Process;
using opsctl::test::read_file;
using opsctl::test::TempDir;

namespace fs = std::filesystem;

namespace {

bool has_escape(const std::string& text) {
    return contains(text, "\x1b");
}

std::vector<std::string> morning(const std::string& database,
                                 const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"daily",          "morning", "--target",
                                  pg_uri(database), "--as-of", kAsOf};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

}  // namespace

TEST_CASE("output: --output writes the report to the file and nothing to stdout", "[e2e][output]") {
    const TempDir folder;
    const std::string file = folder.file("report.json");
    const Process run =
        run_opsctl_with_stub_dbt(morning("wh_healthy", {"--format", "json", "--output", file}));
    INFO("stdout:\n" << run.out << "\nstderr:\n" << run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(run.out.empty());
    const json report = json::parse(read_file(file));
    CHECK(report.at("status") == "pass");
    CHECK(report.at("checklist") == "morning");
    CHECK(folder_entries(folder.path()) == std::vector<std::string>{"report.json"});

    // A failing run writes its report too, replacing the previous one.
    const Process failing =
        run_opsctl_with_stub_dbt(morning("wh_faults", {"--format", "json", "--output", file}));
    CHECK(failing.exit_code == 2);
    CHECK(failing.out.empty());
    CHECK(json::parse(read_file(file)).at("status") == "fail");
    CHECK(folder_entries(folder.path()) == std::vector<std::string>{"report.json"});

    // The text format goes there just the same.
    const std::string text_file = folder.file("report.txt");
    const Process text = run_opsctl_with_stub_dbt(morning("wh_healthy", {"--output", text_file}));
    CHECK(text.exit_code == 0);
    CHECK(text.out.empty());
    CHECK(starts_with(read_file(text_file), "daily / morning - Morning Checklist\n"));
    CHECK(folder_entries(folder.path()) == std::vector<std::string>{"report.json", "report.txt"});
}

TEST_CASE("output: a run that cannot connect replaces the previous report with an error",
          "[e2e][output]") {
    const TempDir folder;
    const std::string file = folder.write("report.json", "{\"previous\": true}\n");
    const Process run =
        run_opsctl_with_stub_dbt({"daily", "morning", "--target", "postgresql://u@127.0.0.1:1/db",
                                  "--format", "json", "--output", file});
    // One error line, nothing on stdout; the file says error, never the old verdict.
    require_usage_error(run);
    CHECK(json::parse(read_file(file)).at("status") == "error");
    CHECK(folder_entries(folder.path()) == std::vector<std::string>{"report.json"});
}

TEST_CASE("output: an --output that cannot be written is an error that says why", "[e2e][output]") {
    const TempDir folder;
    // A folder where the file should be.
    fs::create_directory(folder.file("taken"));
    const std::string line = require_usage_error(run_opsctl_with_stub_dbt(
        morning("wh_healthy", {"--format", "json", "--output", folder.file("taken")})));
    CHECK(contains(line, folder.file("taken")));
    // The reason is the one of the failed rename (a directory), not a stale "Success".
    CHECK_FALSE(contains(line, "Success"));
    CHECK(folder_entries(folder.path()) == std::vector<std::string>{"taken"});

    // A folder that does not exist.
    const std::string missing = folder.file("nosuch/report.json");
    const std::string no_folder = require_usage_error(
        run_opsctl_with_stub_dbt(morning("wh_healthy", {"--format", "json", "--output", missing})));
    CHECK(contains(no_folder, missing));
}

TEST_CASE("output: reports to a pipe or a file have no ANSI escapes", "[e2e][output]") {
    for (const char* database : {"wh_healthy", "wh_faults"}) {
        INFO(database);
        const Process plain = run_opsctl_with_stub_dbt(morning(database));
        CHECK((plain.exit_code == 0 || plain.exit_code == 2));
        CHECK(contains(plain.out, "daily/morning"));
        CHECK_FALSE(has_escape(plain.out));
        CHECK_FALSE(has_escape(plain.err));
    }
    const Process demo = run_opsctl_with_stub_dbt({"daily", "morning", "--target", "demo:faults"});
    CHECK(demo.exit_code == 2);
    CHECK_FALSE(has_escape(demo.out));
    CHECK_FALSE(has_escape(demo.err));
}

TEST_CASE("output: on a terminal the statuses are coloured, unless NO_COLOR is set",
          "[e2e][output]") {
    // The control: on a terminal, colour is on.
    const Process coloured = run_opsctl_on_terminal(morning("wh_faults"));
    INFO("terminal output:\n" << coloured.out << "\nstderr:\n" << coloured.err);
    REQUIRE(coloured.exit_code == 2);
    CHECK(has_escape(coloured.out));
    CHECK(contains(coloured.out, "\x1b[31mFAIL"));

    const Process no_color = run_opsctl_on_terminal(morning("wh_faults"), {{"NO_COLOR", "1"}});
    REQUIRE(no_color.exit_code == 2);
    CHECK(contains(no_color.out, "  FAIL    data-freshness"));
    CHECK_FALSE(has_escape(no_color.out));
    CHECK_FALSE(has_escape(no_color.err));

    // A JSON report on a terminal is plain JSON.
    const Process json_run = run_opsctl_on_terminal(morning("wh_faults", {"--format", "json"}));
    REQUIRE(json_run.exit_code == 2);
    CHECK_FALSE(has_escape(json_run.out));

    // The file written by --output never has colour, even from a terminal.
    const TempDir folder;
    const std::string file = folder.file("report.txt");
    const Process to_file = run_opsctl_on_terminal(morning("wh_faults", {"--output", file}));
    REQUIRE(to_file.exit_code == 2);
    const std::string text = read_file(file);
    CHECK(contains(text, "FAIL    data-freshness"));
    CHECK_FALSE(has_escape(text));
}
