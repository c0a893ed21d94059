// The run history in the HTML report: each step's status strip of its last runs and
// the chart of its offending values per run, from the history store; absent with
// --history none.

#include <catch2/catch.hpp>
#include <string>

#include "e2e/e2e_support.h"
#include "e2e/queue_depths.h"

using namespace opsctl::e2e;

namespace {

// The JSON data of an HTML report.
json page_data(const std::string& page) {
    const std::string open = "<script type=\"application/json\" id=\"opsctl-data\">";
    const size_t start = page.find(open);
    REQUIRE(start != std::string::npos);
    const size_t end = page.find("</script>", start);
    return json::parse(page.substr(start + open.size(), end - start - open.size()));
}

size_t count_of(const std::string& text, const std::string& part) {
    size_t count = 0;
    for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
        ++count;
    return count;
}

}  // namespace

TEST_CASE("html history: a status strip of the step's last runs and its violations per run",
          "[e2e][html][history]") {
    const QueueChecklist queues("sqlite", "queues", R"([{"column": "depth", "fail_above": 360}])",
                                "");
    queues.set("eu=400");
    queues.run("json");
    queues.set("eu=400,us=500");
    queues.run("json");
    queues.set("eu=100");
    const auto last = queues.run("html");
    CHECK(last.exit_code == 0);
    const std::string& page = last.out;
    CHECK(contains(page, "last 3 runs (oldest first)"));
    CHECK(count_of(page, "<span class=\"s-fail\" title=\"") == 2);
    CHECK(count_of(page, "<span class=\"s-pass\" title=\"") == 1);
    CHECK(contains(page, "UTC: fail\">F</span>"));
    const json charts = page_data(page).at("charts");
    REQUIRE(charts.size() == 1);
    CHECK(charts[0].at("axis") == "run");
    CHECK(charts[0].at("series")[0].at("name") == "offending values");
    CHECK(charts[0].at("series")[0].at("values") == json::array({1, 2, 0}));

    // Without a history there is no past to show.
    std::vector<std::string> args = queues.common();
    args.back() = "none";
    for (const std::string word : {"--no-lock", "queues", "run", "--format", "html"})
        args.push_back(word);
    const auto none = opsctl::test::run_opsctl(args);
    CHECK(none.exit_code == 0);
    CHECK_FALSE(contains(none.out, "runs (oldest first)"));
    CHECK(page_data(none.out).at("charts").empty());
}

TEST_CASE("html history page: status per day, the steps that failed most, open acks, anchors",
          "[e2e][html][history]") {
    const QueueChecklist queues("sqlite", "queues", R"([{"column": "depth", "fail_above": 360}])",
                                "");
    queues.set("eu=400");
    queues.run("json");
    queues.set("eu=400,us=500");
    queues.run("json");
    queues.set("eu=100");
    queues.run("json");
    std::vector<std::string> ack = queues.common();
    for (const std::string word : {"ack", "queues", "run", "depth", "--key", "eu", "--for", "2h",
                                   "--reason", "<b>ticket</b>"})
        ack.push_back(word);
    REQUIRE(opsctl::test::run_opsctl(ack).exit_code == 0);

    const std::string file = queues.dir.file("history.html");
    std::vector<std::string> args = queues.common();
    for (const std::string word : {"report", "--output", file.c_str()}) args.push_back(word);
    const auto run = opsctl::test::run_opsctl(args);
    INFO(run.out << run.err);
    REQUIRE(run.exit_code == 0);
    const std::string page = opsctl::test::read_file(file);
    CHECK(contains(page, "3 runs of 1 checklists"));
    CHECK(contains(page, "at most the newest 720 runs"));
    CHECK(contains(page, "<a href=\"#latest-1\">queues/run</a>"));
    CHECK(contains(page, "<section id=\"latest-1\">"));
    CHECK(contains(page, "<td>depth</td><td class=\"num\">2</td><td class=\"num\">3</td>"));
    CHECK(contains(page, "&lt;b&gt;ticket&lt;/b&gt;"));  // the open ack, escaped
    CHECK(count_of(page, "title=\"") >= 30);             // a cell per day of the period
    const json charts = page_data(page).at("charts");
    REQUIRE(charts.size() == 1);
    CHECK(charts[0].at("kind") == "bar");
    double runs = 0, failed = 0;  // per day: a period may span midnight
    for (const auto& value : charts[0].at("series")[0].at("values")) runs += value.get<double>();
    for (const auto& value : charts[0].at("series")[1].at("values")) failed += value.get<double>();
    CHECK(runs == 3);
    CHECK(failed == 2);

    // Without a store there is no history to show: one error line, exit 3.
    std::vector<std::string> none = queues.common();
    none.back() = "none";
    none.push_back("report");
    CHECK(contains(require_usage_error(opsctl::test::run_opsctl(none)), "--history none"));
}
