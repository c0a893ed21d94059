// tests/golden/<dialect>[/as-of]/<runbook>.<checklist>.sql hold what `opsctl render`
// printed for every checklist of the shipped catalogue, for every known dialect,
// when each file was last reviewed (scripts/regen-golden writes them). A render
// that changes fails here, naming the file and the first line that differs.

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "e2e_support.h"
#include "opsctl/translate/dialect.h"

using namespace opsctl::e2e;

namespace {

const std::string kGoldenDir = kSourceDir + "/tests/golden";

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// "" when equal; else where they first differ, as a diff would show it.
std::string first_difference(const std::string& file, const std::string& expected,
                             const std::string& actual) {
    if (expected == actual) return {};
    const auto want = lines_of(expected);
    const auto got = lines_of(actual);
    size_t line = 0;
    while (line < want.size() && line < got.size() && want[line] == got[line]) ++line;
    std::string message = file + ":" + std::to_string(line + 1) + ": the render differs\n";
    message += "- " + (line < want.size() ? want[line] : std::string("(end of file)")) + "\n";
    message += "+ " + (line < got.size() ? got[line] : std::string("(end of render)")) + "\n";
    return message + "(scripts/regen-golden rewrites the files; review the diff before committing)";
}

}  // namespace

TEST_CASE(
    "golden renders: the catalogue in every dialect, with and without --as-of, and "
    "its pushdown queries",
    "[golden][render]") {
    const Process list = opsctl::test::run_opsctl(
        {"list", "--runbooks", kSourceDir + "/runbooks", "--format", "json"});
    REQUIRE(list.exit_code == 0);
    std::set<std::string> expected_files;
    for (const std::string& dialect : opsctl::known_dialects()) {
        for (const auto& entry : list.json()) {
            const std::string runbook = entry.at("runbook");
            const std::string checklist = entry.at("checklist");
            for (const bool with_as_of : {false, true}) {
                const std::string file = "tests/golden/" + dialect +
                                         (with_as_of ? "/as-of/" : "/") + runbook + "." +
                                         checklist + ".sql";
                expected_files.insert(file);
                std::vector<std::string> args{
                    "render",   runbook, checklist,   "--runbooks", kSourceDir + "/runbooks",
                    "--target", "demo",  "--dialect", dialect};
                if (with_as_of) {
                    args.push_back("--as-of");
                    args.push_back(kAsOf);
                }
                const Process render = opsctl::test::run_opsctl(args);
                INFO(file << "\n" << render.err);
                REQUIRE(render.exit_code == 0);
                const std::string path = kSourceDir + "/" + file;
                if (!std::filesystem::exists(path)) {
                    FAIL(file << ": missing (run scripts/regen-golden)");
                }
                const std::string difference = first_difference(file, read_file(path), render.out);
                if (!difference.empty()) FAIL(difference);
            }
        }
    }
    // The queries that evaluate steps in the warehouse, as of the tests' time.
    for (const opsctl::Dialect& dialect : opsctl::dialect_tables()) {
        if (dialect.pushdown.as_text.empty()) continue;
        for (const auto& entry : list.json()) {
            const std::string runbook = entry.at("runbook");
            const std::string checklist = entry.at("checklist");
            const std::string file = "tests/golden/pushdown/" + std::string(dialect.name) + "/" +
                                     runbook + "." + checklist + ".sql";
            expected_files.insert(file);
            const Process render = opsctl::test::run_opsctl(
                {"render", runbook, checklist, "--runbooks", kSourceDir + "/runbooks", "--target",
                 "demo", "--dialect", std::string(dialect.name), "--as-of", kAsOf, "--evaluate",
                 "auto"});
            INFO(file << "\n" << render.err);
            REQUIRE(render.exit_code == 0);
            const std::string path = kSourceDir + "/" + file;
            if (!std::filesystem::exists(path))
                FAIL(file << ": missing (run scripts/regen-golden)");
            const std::string difference = first_difference(file, read_file(path), render.out);
            if (!difference.empty()) FAIL(difference);
        }
    }
    // No file is left over from a dialect or a checklist that is gone.
    for (const auto& entry : std::filesystem::recursive_directory_iterator(kGoldenDir)) {
        if (!entry.is_regular_file()) continue;
        const std::string file =
            "tests/golden/" + std::filesystem::relative(entry.path(), kGoldenDir).string();
        INFO(file);
        CHECK(expected_files.count(file) == 1);
    }
}
