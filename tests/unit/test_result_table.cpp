// A report step's rows as tables people read: text laid out like psql's, GFM for
// Markdown, both saying how many rows were left out.

#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "opsctl/report/reporter.h"
#include "opsctl/report/result_table.h"

using opsctl::Cell;
using opsctl::StepResult;

namespace {

StepResult weekly(size_t row_count = 3) {
    StepResult step;
    step.id = "weekly-summary";
    step.kind = opsctl::StepKind::Sql;
    step.report = true;
    step.status = opsctl::Status::Pass;
    step.message = "3 rows";
    step.row_count = row_count;
    step.columns = {"carrier", "shipments", "on_time_pct"};
    step.rows = {{Cell::of("DHL"), Cell::of("1200"), Cell::of("97.5")},
                 {Cell::of("UPS|Ground"), Cell::of("85"), Cell::null()},
                 {Cell::of(std::string(60, 'x')), Cell::of("7"), Cell::of("100")}};
    return step;
}

std::string report(const std::string& format, const StepResult& step) {
    opsctl::ChecklistResult c;
    c.runbook = "weekly";
    c.checklist = "friday";
    c.steps = {step};
    opsctl::RunResult run;
    run.checklists = {c};
    std::ostringstream out;
    opsctl::make_reporter(format, {})->write(run, out);
    return out.str();
}

}  // namespace

TEST_CASE("result table: text like psql, numbers right, NULL marked, long values cut",
          "[report][table]") {
    const auto lines = opsctl::text_table(weekly());
    REQUIRE(lines.size() == 5);
    const std::string x39 = std::string(39, 'x') + "\xE2\x80\xA6";
    CHECK(lines[0] == "                 carrier                  | shipments | on_time_pct");
    CHECK(lines[1] == "------------------------------------------+-----------+-------------");
    CHECK(lines[2] == " DHL                                      |      1200 |        97.5");
    CHECK(lines[3] == " UPS|Ground                               |        85 |      (null)");
    CHECK(lines[4] == " " + x39 + " |         7 |         100");
    CHECK(opsctl::more_rows_note(weekly()).empty());
    CHECK(opsctl::more_rows_note(weekly(25)) == "\xE2\x80\xA6 and 22 more rows");
    CHECK(opsctl::more_rows_note(weekly(4)) == "\xE2\x80\xA6 and 1 more row");
}

TEST_CASE("result table: wider than 80 columns with the indent, a record at a time",
          "[report][table]") {
    StepResult step = weekly();
    step.columns.push_back("avg_profit_margin_pct");  // 68 + 24: the table would wrap
    for (auto& row : step.rows) row.push_back(Cell::of("18.0566"));
    const auto lines = opsctl::text_table(step);
    REQUIRE(lines.size() == 15);
    const std::string rule = "---------+" + std::string(41, '-');  // the widest value: 40
    CHECK(lines[0] == "-[ RECORD 1 ]" + rule);
    CHECK(lines[1] == "carrier               | DHL");
    CHECK(lines[2] == "shipments             | 1200");
    CHECK(lines[3] == "on_time_pct           | 97.5");
    CHECK(lines[4] == "avg_profit_margin_pct | 18.06");
    CHECK(lines[5] == "-[ RECORD 2 ]" + rule);
    CHECK(lines[6] == "carrier               | UPS|Ground");
    CHECK(lines[8] == "on_time_pct           | (null)");
    CHECK(lines[11] == "carrier               | " + std::string(39, 'x') + "\xE2\x80\xA6");
    // One column fewer fits: the table stays a table.
    step.columns.pop_back();
    for (auto& row : step.rows) row.pop_back();
    CHECK(opsctl::text_table(step)[0] ==
          "                 carrier                  | shipments | on_time_pct");
}

TEST_CASE("result table: GFM in Markdown, '|' escaped, numbers right-aligned", "[report][table]") {
    const std::string table = opsctl::markdown_table(weekly());
    CHECK(table ==
          "| carrier | shipments | on_time_pct |\n"
          "|---|---:|---:|\n"
          "| DHL | 1200 | 97.5 |\n"
          "| UPS\\|Ground | 85 | *(null)* |\n"
          "| " +
              std::string(60, 'x') + " | 7 | 100 |\n");
}

TEST_CASE("result table: a report step's rows appear in the text and Markdown reports",
          "[report][table]") {
    const std::string text = report("text", weekly(25));
    CHECK(text.find("          ------") != std::string::npos);
    CHECK(text.find(" DHL ") != std::string::npos);
    CHECK(text.find("\xE2\x80\xA6 and 22 more rows") != std::string::npos);
    const std::string markdown = report("markdown", weekly(25));
    CHECK(markdown.find("| DHL | 1200 | 97.5 |") != std::string::npos);
    CHECK(markdown.find("and 22 more rows") != std::string::npos);
    // A step that is no report step keeps its rows to JSON.
    StepResult check = weekly();
    check.report = false;
    CHECK(report("text", check).find(" DHL ") == std::string::npos);
    CHECK(report("markdown", check).find("| DHL |") == std::string::npos);
}

TEST_CASE("result table: hostile cells cannot drive the terminal", "[report][table][hostile]") {
    StepResult step = weekly();
    step.columns[0] = "\x1b]0;title\x07";
    step.rows[0][0] = Cell::of("\x1b[2K\x1b[32mPASS\nnext");
    const std::string text = report("text", step);
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(text.find("\\x1b[2K\\x1b[32mPASS next") != std::string::npos);
    const std::string markdown = report("markdown", step);
    CHECK(markdown.find('\x1b') == std::string::npos);
}
