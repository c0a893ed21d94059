// One 50 MB value from the real PostgreSQL: it is evaluated whole, and a report keeps
// at most 4 KiB of it with its whole length, so the report stays small.

#include <filesystem>

#include "e2e_support.h"

using namespace opsctl::e2e;
using opsctl::test::run_opsctl;
using opsctl::test::TempDir;

TEST_CASE("big values: a 50 MB value is kept cut with its length", "[e2e][postgres][big]") {
    const TempDir dir;
    std::filesystem::create_directories(dir.file("runbooks"));
    dir.write("runbooks/big.json", R"({"runbook": "big", "checklists": [{"name": "main", "steps": [
        {"id": "shown", "report": true,
         "sql": {"postgresql": "SELECT repeat('x', 50000000) AS v, 1 AS n"}},
        {"id": "breach", "key": "v", "show": ["v"],
         "sql": {"postgresql": "SELECT repeat('x', 50000000) AS v"},
         "expect": [{"column": "v", "fail_unless": ["y"]}]},
        {"id": "whole", "sql": {"postgresql": "SELECT repeat('0', 50000000) || '5' AS v"},
         "expect": [{"column": "v", "fail_above": 1}]}]}]})");
    const std::string report = dir.file("big.json");
    const Process run = run_opsctl({"big", "main", "--runbooks", dir.file("runbooks"), "--target",
                                    opsctl::test::pg_uri("wh_healthy"), "--report",
                                    "json:" + report, "--format", "text"});
    INFO("stdout:\n" << run.out.substr(0, 4000) << "\nstderr:\n" << run.err);
    CHECK(run.exit_code == 2);
    CHECK(std::filesystem::file_size(report) < 100 * 1024);
    CHECK(run.out.size() < 100 * 1024);
    const json parsed = json::parse(opsctl::test::read_file(report));
    const json& shown = step_of(parsed, "shown");
    CHECK(shown.at("rows").at(0).at(0).get<std::string>().size() == 4096);
    CHECK(shown.at("row_bytes") ==
          json::parse(R"([{"bytes": 50000000, "column": "v", "row": 0}])"));
    const json& breach = step_of(parsed, "breach");
    CHECK(breach.at("status") == "fail");
    const json& violation = breach.at("violations").at(0);
    CHECK(violation.at("value").get<std::string>().size() == 4096);
    CHECK(violation.at("value_bytes") == 50000000);
    CHECK(violation.at("truncated") == true);
    CHECK(violation.at("context_bytes") == json::parse(R"({"v": 50000000})"));
    CHECK(contains(violation.at("key").get<std::string>(), "(50000000 bytes)"));
    // Evaluated whole: the 5 past the cut is what breaches (the cut would read 0).
    CHECK(step_of(parsed, "whole").at("status") == "fail");
}
