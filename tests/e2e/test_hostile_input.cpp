// Hostile input through the built binary: runbooks (tests/fixtures/hostile-runbooks
// and generated ones: wrong types at every key, 10 MB strings, 100,000 '['), command
// lines and targets. Each is refused with one clear line naming where, and exit 3;
// none crashes, hangs or prints a password.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "e2e/e2e_support.h"

using namespace opsctl::e2e;
using opsctl::test::Process;
using opsctl::test::run_opsctl;
using opsctl::test::TempDir;

namespace {

const std::string kHostile = kFixturesDir + "/hostile-runbooks/";
const std::string kGood = kFixturesDir + "/good-runbooks/minimal.json";

// `opsctl validate file` reports exactly one problem, "file:line:col: path: ...",
// and exit 3. Returns the problem line.
std::string require_one_problem(const std::string& file, const std::string& path) {
    const Process run = run_opsctl({"validate", file});
    INFO("stdout:\n" << run.out.substr(0, 2000) << "\nstderr:\n" << run.err.substr(0, 2000));
    CHECK(run.exit_code == 3);
    CHECK(run.err.empty());
    const auto lines = lines_of(run.out);
    REQUIRE(lines.size() == 2);
    CHECK(starts_with(lines[0], file + ":"));
    if (!path.empty()) CHECK(contains(lines[0], ": " + path + ": "));
    CHECK(lines[0].size() < 500);
    CHECK(lines[1] == "1 problem(s) in 1 file(s)");
    return lines[0];
}

// Running a checklist of a folder holding only `file`: one error line that names the
// file's first problem, exit 3.
std::string require_run_refused(const std::string& file) {
    TempDir folder;
    folder.write("hostile.json", opsctl::test::read_file(file));
    const Process run = run_opsctl({"hostile", "main", "--runbooks", folder.path()});
    return require_usage_error(run);
}

}  // namespace

TEST_CASE("hostile runbooks: invalid UTF-8 and control characters", "[e2e][hostile]") {
    const std::string utf8 = require_one_problem(kHostile + "invalid-utf8.json", "");
    CHECK(contains(utf8, "invalid-utf8.json:3:"));
    CHECK(contains(utf8, "UTF-8"));
    CHECK(contains(utf8, "\\xFF"));  // shown escaped, never as a raw byte
    CHECK(utf8.find('\xFF') == std::string::npos);
    const std::string control = require_one_problem(kHostile + "control-character.json", "");
    CHECK(contains(control, "control-character.json:3:"));
    CHECK(contains(control, "control character"));

    const std::string run = require_run_refused(kHostile + "invalid-utf8.json");
    CHECK(contains(run, "hostile.json:3:"));
}

TEST_CASE("hostile runbooks: a key holding a newline stays on one line", "[e2e][hostile]") {
    const std::string line =
        require_one_problem(kHostile + "key-with-newline.json", "checklists[0].steps[0].ti\\ntle");
    CHECK(contains(line, "unknown key \"ti\\ntle\""));
}

TEST_CASE("hostile runbooks: numbers beyond their range", "[e2e][hostile]") {
    const std::string number = require_one_problem(kHostile + "huge-number.json", "");
    CHECK(contains(number, "huge-number.json:10:"));
    CHECK(contains(number, "1e400"));
    require_one_problem(kHostile + "huge-duration-minutes.json", "checklists[0].duration_minutes");
}

TEST_CASE("hostile runbooks: 10 MB strings are refused, naming the key", "[e2e][hostile]") {
    TempDir dir;
    const std::string big(10 * 1024 * 1024, 'x');
    const std::string title =
        dir.write("title.json", "{\n  \"runbook\": \"hostile\",\n  \"title\": \"" + big +
                                    "\",\n  \"checklists\": []\n}\n");
    const std::string line = require_one_problem(title, "title");
    CHECK(contains(line, "title.json:3:12: title: a string of 10485760 bytes"));
    const std::string key =
        dir.write("key.json", "{\n  \"runbook\": \"hostile\",\n  \"" + big + "\": 1\n}\n");
    CHECK(contains(require_one_problem(key, ""), "key.json:3:3: "));
    const std::string sql =
        dir.write("sql.json",
                  "{\"runbook\": \"hostile\", \"checklists\": [{\"name\": \"main\", \"steps\": "
                  "[{\"id\": \"s\", \"sql\": \"SELECT " +
                      big + "\", \"report\": true}]}]}");
    require_one_problem(sql, "checklists[0].steps[0].sql");
    CHECK(contains(require_run_refused(sql), "a string of"));
}

TEST_CASE("hostile runbooks: 100,000 nested brackets do not overflow the stack", "[e2e][hostile]") {
    TempDir dir;
    const std::string root = dir.write("root.json", std::string(100000, '['));
    CHECK(contains(require_one_problem(root, ""), "nesting deeper than 64 levels"));
    const std::string inside = dir.write(
        "inside.json", "{\"runbook\": \"hostile\",\n \"title\": " + std::string(100000, '[') +
                           std::string(100000, ']') + "}");
    const std::string line = require_one_problem(inside, "");
    CHECK(contains(line, "inside.json:2:"));
    CHECK(contains(line, "title[0]"));
    CHECK(contains(require_run_refused(inside), "nesting deeper than 64 levels"));
}

TEST_CASE("hostile runbooks: a wrong type at every key is named at that key", "[e2e][hostile]") {
    const json good = json::parse(opsctl::test::read_file(kGood));
    struct Case {
        json::json_pointer where;
        json value;
        std::string path;
    };
    const std::vector<Case> cases{
        {json::json_pointer("/runbook"), 7, "runbook"},
        {json::json_pointer("/title"), json::array(), "title"},
        {json::json_pointer("/description"), true, "description"},
        {json::json_pointer("/dialect"), 1.5, "dialect"},
        {json::json_pointer("/variables"), "x", "variables"},
        {json::json_pointer("/checklists"), json::object(), "checklists"},
        {json::json_pointer("/checklists/0"), "main", "checklists[0]"},
        {json::json_pointer("/checklists/0/name"), nullptr, "checklists[0].name"},
        {json::json_pointer("/checklists/0/schedule"), 8, "checklists[0].schedule"},
        {json::json_pointer("/checklists/0/duration_minutes"), "30",
         "checklists[0].duration_minutes"},
        {json::json_pointer("/checklists/0/owner"), json::object(), "checklists[0].owner"},
        {json::json_pointer("/checklists/0/response_time"), 15, "checklists[0].response_time"},
        {json::json_pointer("/checklists/0/steps"), "steps", "checklists[0].steps"},
        {json::json_pointer("/checklists/0/steps/0/id"), 1, "checklists[0].steps[0].id"},
        {json::json_pointer("/checklists/0/steps/0/sql"), 1, "checklists[0].steps[0].sql"},
        {json::json_pointer("/checklists/0/steps/0/key"), 1, "checklists[0].steps[0].key"},
        {json::json_pointer("/checklists/0/steps/0/timeout"), 90, "checklists[0].steps[0].timeout"},
        {json::json_pointer("/checklists/0/steps/0/expect/0/column"), 1,
         "checklists[0].steps[0].expect[0].column"},
        {json::json_pointer("/checklists/0/steps/0/expect/0/fail_above"), "360",
         "checklists[0].steps[0].expect[0].fail_above"},
        {json::json_pointer("/checklists/0/steps/0/expect/0/on_null"), false,
         "checklists[0].steps[0].expect[0].on_null"},
        {json::json_pointer("/checklists/0/steps/1/manual"), "yes",
         "checklists[0].steps[1].manual"},
        {json::json_pointer("/checklists/0/steps/1/title"), 3, "checklists[0].steps[1].title"},
    };
    TempDir dir;
    for (const auto& c : cases) {
        json document = good;
        document[c.where] = c.value;
        INFO("path " << c.path << " = " << c.value.dump());
        const std::string file = dir.write("wrong-type.json", document.dump(2));
        require_one_problem(file, c.path);
    }
}

TEST_CASE("hostile runbooks: an expectation on a column the query does not return",
          "[e2e][hostile]") {
    // Valid on paper; the result has no such column: an error step, never a pass.
    TempDir folder;
    folder.write("hostile.json", opsctl::test::read_file(kHostile + "missing-column.json"));
    const Process run = run_opsctl({"hostile-missing-column", "main", "--runbooks", folder.path(),
                                    "--target", "demo", "--format", "json", "--as-of", kAsOf});
    INFO("stdout:\n" << run.out << "\nstderr:\n" << run.err);
    CHECK(run.exit_code == 3);
    const json report = run.json();
    CHECK(report["steps"][0]["status"] == "error");
    CHECK(contains(report["steps"][0]["message"].get<std::string>(),
                   "column \"minutes_since_synced\" is not in the result"));
}

TEST_CASE("hostile command lines: bad values of every option", "[e2e][hostile]") {
    // Linux caps one argument at 128 KiB (MAX_ARG_STRLEN).
    const std::string huge(100 * 1024, '9');
    const std::vector<std::vector<std::string>> cases{
        {"--jobs", "0"},
        {"--jobs", "-1"},
        {"--jobs", "two"},
        {"--jobs", ""},
        {"--jobs", "99999999999999999999999"},
        {"--jobs", huge},
        {"--timeout", "0s"},
        {"--timeout", "5 minutes"},
        {"--timeout", ""},
        {"--timeout", "-5m"},
        {"--timeout", "99999999999999999999w"},
        {"--set", ""},
        {"--set", "=360"},
        {"--set", "freshness_fail_minutes"},
        {"--set", "freshness_fail_minutes=abc"},
        {"--set", "freshness_fail_minutes=NaN"},
        {"--set", "freshness_fail_minutes=1e400"},
        {"--set", "freshness_fail_minutes=" + huge + "x"},
        {"--as-of", ""},
        {"--as-of", "2026-13-45"},
        {"--as-of", "2026-02-30 25:61"},
        {"--as-of", "yesterday\n08:00"},
        {"--as-of", huge},
        {"--format", "\x01\xff"},
        {"--only", ""},
        {"--only", huge},
        {"--frobnicate"},
        {"--frobnicate=\x7f\xfe"},
        {"--output", ""},
    };
    for (const auto& extra : cases) {
        std::vector<std::string> args{"daily", "morning", "--target", "demo"};
        args.insert(args.end(), extra.begin(), extra.end());
        INFO("arguments: " << extra[0] << " "
                           << (extra.size() > 1 ? extra[1].substr(0, 60) : std::string()));
        const std::string line = require_usage_error(run_opsctl(args));
        CHECK(line.size() < 2200);
        CHECK(line.find('\xff') == std::string::npos);
        CHECK(line.find('\x01') == std::string::npos);
    }
}

TEST_CASE("hostile targets: refused in one line, passwords never shown", "[e2e][hostile]") {
    struct Case {
        std::string target;
        std::string secret;  // must not appear anywhere in the output
    };
    const std::vector<Case> cases{
        {"", ""},
        {"mysql://ops:hunter2@db/wh", "hunter2"},
        {"ftp://ops:hunter2@db", "hunter2"},
        {"sqlite:", ""},
        {"sqlite:/nonexistent/folder/wh.db", ""},
        {std::string(100 * 1024, 'q'), ""},
        {"postgresql://ops:hunter2@/wh?host=/nonexistent&connect_timeout=2", "hunter2"},
        {"postgresql://ops:p@ss@/wh?host=/nonexistent&connect_timeout=2", "p@ss"},
        {"host=/nonexistent dbname=wh user=ops password=hunter2 connect_timeout=2", "hunter2"},
        {"host=/nonexistent password='hunter 2' connect_timeout=2", "hunter 2"},
        {"postgresql://ops@/wh?host=/nonexistent&password=hunter2&connect_timeout=2", "hunter2"},
        {"postgresql://ops:hunter2@[::1", "hunter2"},
        {"\x01\xff", ""},
    };
    for (const auto& c : cases) {
        INFO("target: " << c.target.substr(0, 80));
        const Process run =
            run_opsctl({"daily", "morning", "--target", c.target, "--as-of", kAsOf});
        INFO("stdout:\n" << run.out.substr(0, 2000) << "\nstderr:\n" << run.err.substr(0, 2000));
        CHECK(run.exit_code == 3);
        if (!c.secret.empty()) {
            CHECK_FALSE(contains(run.out, c.secret));
            CHECK_FALSE(contains(run.err, c.secret));
        }
        // Either refused before running (one line) or every step an error.
        if (run.out.empty()) {
            const std::string line = require_usage_error(run);
            CHECK(line.size() < 2200);
        }
    }
}
