// Report steps show their rows to people (text and Markdown tables, --rows), and
// colour follows --color, the terminal and NO_COLOR. On the embedded demo, whose
// data the stand-in loader makes deterministic for a fixed --as-of.

#include "e2e/e2e_support.h"

using namespace opsctl::e2e;
using opsctl::test::run_opsctl;

namespace {

std::vector<std::string> month_end(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"monthly", "month-end", "--target", "demo", "--as-of", kAsOf};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

}  // namespace

TEST_CASE("report tables: a report step's rows appear in text and Markdown", "[e2e][report]") {
    const Process text = run_opsctl(month_end());
    INFO(text.out << text.err);
    REQUIRE(text.exit_code <= 2);
    CHECK(contains(text.out, "-+-"));  // the rule under a table's header
    const Process markdown = run_opsctl(month_end({"--format", "markdown"}));
    REQUIRE(markdown.exit_code <= 2);
    CHECK(contains(markdown.out, "|---"));
}

TEST_CASE("report tables: --rows cuts the table and says how many rows are left", "[e2e][report]") {
    const Process all = run_opsctl(month_end({"--rows", "all"}));
    const Process two = run_opsctl(month_end({"--rows", "2"}));
    INFO(two.out << two.err);
    REQUIRE(two.exit_code == all.exit_code);
    CHECK(contains(two.out, "\xE2\x80\xA6 and "));
    CHECK(contains(two.out, " more rows"));
    CHECK_FALSE(contains(all.out, " more rows"));
    CHECK(lines_of(two.out).size() < lines_of(all.out).size());
    // JSON keeps as many rows as asked for.
    const Process json_two = run_opsctl(month_end({"--rows", "2", "--format", "json"}));
    const auto report = json::parse(json_two.out);
    for (const auto& checklist :
         report.contains("checklists") ? report["checklists"] : json::array({report})) {
        for (const auto& step : checklist["steps"]) {
            if (step.contains("rows")) CHECK(step["rows"].size() <= 2);
        }
    }
}

TEST_CASE("report tables: a --rows that is no number of rows is refused", "[e2e][report]") {
    for (const char* bad : {"-1", "many", "", "2x"}) {
        INFO(bad);
        const std::string line = require_usage_error(run_opsctl(month_end({"--rows", bad})));
        CHECK(contains(line, "--rows"));
    }
}

TEST_CASE("colour: --color always and never decide, over the terminal and NO_COLOR",
          "[e2e][output]") {
    const auto morning = [](const std::string& when) {
        return std::vector<std::string>{"daily",   "morning", "--target", "demo:faults",
                                        "--as-of", kAsOf,     "--color",  when};
    };
    CHECK(contains(run_opsctl(morning("always")).out, "\x1b[31mFAIL"));  // to a pipe
    CHECK(contains(run_opsctl(morning("always"), {{"NO_COLOR", "1"}}).out, "\x1b[31mFAIL"));
    CHECK_FALSE(contains(run_opsctl_on_terminal(morning("never")).out, "\x1b"));
    CHECK_FALSE(contains(run_opsctl_on_terminal(morning("auto"), {{"TERM", "dumb"}}).out, "\x1b"));
    require_usage_error(run_opsctl(morning("sometimes")));
}
