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
