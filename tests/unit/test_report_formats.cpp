// The JUnit, Nagios, Prometheus, Markdown and HTML reports of hand-built runs, each read
// back by a parser of its format: xmllint with tests/junit.xsd for JUnit, the
// exposition-format and plugin-output parsers of tests/support/report_parsers.h,
// python3-html5lib (strict) for HTML (tests/support/check_html5.py).

#include <catch2/catch.hpp>
#include <cstdio>
#include <sstream>
#include <string>

#include "opsctl/core/utf8.h"
#include "opsctl/report/html_reporter.h"
#include "opsctl/report/html_text.h"
#include "opsctl/report/junit_reporter.h"
#include "opsctl/report/markdown_reporter.h"
#include "opsctl/report/nagios_reporter.h"
#include "opsctl/report/prometheus_reporter.h"
#include "support/report_parsers.h"
#include "support/test_support.h"
#include "unit/step_builders.h"

using opsctl::Cell;
using opsctl::ChecklistResult;
using opsctl::Measure;
using opsctl::RunResult;
using opsctl::Severity;
using opsctl::Status;
using opsctl::StepKind;
using opsctl::StepResult;
using opsctl::Violation;
using opsctl::test::parse_nagios;
using opsctl::test::parse_prometheus;
using opsctl::test::TempDir;

namespace {

const std::string kSchema = std::string(OPSCTL_SOURCE_DIR) + "/tests/junit.xsd";
const std::string kInvalidUtf8 = "caf\xC3 \xFF\xFE end";  // a cut sequence and stray bytes

StepResult step(const std::string& id, StepKind kind, Status status, const std::string& message) {
    StepResult result = opsctl::test::step_result(id, kind, status, message);
    result.duration = std::chrono::milliseconds(12);
    return result;
}

// A checklist with every status, offending rows, a measure, and text that breaks
// naive formatters: Unicode, invalid UTF-8, "|", quotes, markup, line breaks.
ChecklistResult checklist(Status status = Status::Fail) {
    ChecklistResult c;
    c.runbook = "daily";
    c.checklist = "morning";
    c.title = "Morning \"Checklist\" <Ops> & co";
    c.target = "postgresql://ops:***@db/wh";
    c.dialect = "postgresql";
    c.as_of = *opsctl::parse_timestamp("2026-11-26 08:00:00");
    c.started_at = *opsctl::parse_timestamp("2026-11-26 09:15:00");
    c.finished_at = *opsctl::parse_timestamp("2026-11-26 09:15:02");
    c.duration = std::chrono::milliseconds(2345);
    c.status = status;

    StepResult fresh = step("data-freshness", StepKind::Sql, Status::Fail,
                            "1 breach in 2 rows; first: tbl_é|x: minutes_since_sync 1500 > 360");
    fresh.sql = "SELECT table_name, minutes_since_sync FROM v WHERE a < 1 AND b = 'x'";
    fresh.row_count = 2;
    fresh.columns = {"table_name", "minutes_since_sync"};
    fresh.rows = {{Cell::of("tbl_é|x"), Cell::of("1500")}, {Cell::of("tbl_ok"), Cell::of("3")}};
    fresh.violations = {Violation{Severity::Fail,
                                  "fail_above",
                                  "minutes_since_sync",
                                  std::string("1500"),
                                  "360",
                                  true,
                                  "tbl_é|x",
                                  "minutes_since_sync 1500 > 360",
                                  {}}};
    fresh.violation_count = 1;
    fresh.measure = Measure{"minutes_since_sync", 1500, "1500", "240", "360", true};

    StepResult drift = step("feature-drift", StepKind::Sql, Status::Warn, "drift 0.65 > 0.5");
    drift.violations = {Violation{Severity::Warn,
                                  "warn_above",
                                  "drift_score",
                                  std::string("0.65"),
                                  "0.5",
                                  true,
                                  "it's \"eta\"",
                                  "drift_score 0.65 > 0.5",
                                  {}}};
    drift.violation_count = 1;

    StepResult count = step("shipments-today", StepKind::Sql, Status::Pass, "1 row");
    count.measure = Measure{"shipment_count", 42, "42", std::nullopt, "1", false};

    StepResult broken = step(
        "broken", StepKind::Sql, Status::Error,
        "ERROR: <syntax> error at \"|\"\nLINE 1: " + kInvalidUtf8 + std::string("\x01\x1b[31m"));
    StepResult skipped =
        step("warehouse-status", StepKind::Sql, Status::Skipped, "no SQL for dialect postgresql");
    StepResult manual = step("review-alerts", StepKind::Manual, Status::Manual, "");
    StepResult shell = step("dbt-run", StepKind::Shell, Status::Fail, "exit status 1");
    shell.output = "Compilation Error ]]> in model\n";
    StepResult quoted = step("it's-a-'quoted'=step", StepKind::Sql, Status::Pass, "ok");
    quoted.measure = Measure{"v", -0.25, "-0.25", "1", "2", true};
    StepResult long_one = step(std::string(120, 'x') + "-Ünïcødé", StepKind::Sql, Status::Pass,
                               std::string(300, 'y'));

    c.steps = {fresh, drift, count, broken, skipped, manual, shell, quoted, long_one};
    return c;
}

RunResult run_of(std::vector<ChecklistResult> checklists) {
    RunResult run;
    for (auto& c : checklists) {
        run.status = opsctl::worse(run.status, c.status);
        run.checklists.push_back(std::move(c));
    }
    return run;
}

std::string render(const opsctl::Reporter& reporter, const RunResult& run) {
    std::ostringstream out;
    reporter.write(run, out);
    return out.str();
}

// Runs a shell command; returns its exit code and stdout+stderr.
std::pair<int, std::string> shell(const std::string& command) {
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string out;
    char buffer[4096];
    while (const size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    const int status = pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

// Validates `xml` against tests/junit.xsd with xmllint; returns the file's path.
std::string require_valid_junit(const TempDir& dir, const std::string& xml) {
    const std::string path = dir.write("junit.xml", xml);
    const auto [code, out] = shell("xmllint --noout --schema '" + kSchema + "' '" + path + "'");
    INFO("xmllint:\n" << out << "\nreport:\n" << xml);
    REQUIRE(code == 0);
    return path;
}

// The value of an XPath expression, without the newline xmllint adds.
std::string xpath(const std::string& path, const std::string& expression) {
    auto [code, out] = shell("xmllint --xpath '" + expression + "' '" + path + "'");
    INFO(expression << ": " << out);
    REQUIRE(code == 0);
    if (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

}  // namespace

// ---- JUnit ------------------------------------------------------------------------

TEST_CASE("junit: valid against the schema, with counts per checklist", "[report][junit]") {
    const TempDir dir;
    const auto xml = render(opsctl::JunitReporter("ci-runner"), run_of({checklist()}));
    const std::string path = require_valid_junit(dir, xml);
    CHECK(xpath(path, "count(/testsuites/testsuite)") == "1");
    const std::string suite = "/testsuites/testsuite[1]";
    CHECK(xpath(path, "string(" + suite + "/@name)") == "daily.morning");
    CHECK(xpath(path, "string(" + suite + "/@hostname)") == "ci-runner");
    CHECK(xpath(path, "string(" + suite + "/@timestamp)") == "2026-11-26T09:15:00Z");
    CHECK(xpath(path, "string(" + suite + "/@tests)") == "9");
    CHECK(xpath(path, "string(" + suite + "/@failures)") == "3");  // fail, warn, shell fail
    CHECK(xpath(path, "string(" + suite + "/@errors)") == "1");
    CHECK(xpath(path, "string(" + suite + "/@skipped)") == "2");  // skipped and manual
    CHECK(xpath(path, "string(" + suite + "/@time)") == "2.345");
    CHECK(xpath(path, "string(/testsuites/@failures)") == "3");
}

TEST_CASE("junit: each status becomes the element a CI shows", "[report][junit]") {
    const TempDir dir;
    const std::string path =
        require_valid_junit(dir, render(opsctl::JunitReporter("h"), run_of({checklist()})));
    const auto testcase = [](const std::string& id) { return "//testcase[@name=\"" + id + "\"]"; };
    CHECK(xpath(path, "string(" + testcase("data-freshness") + "/@classname)") == "daily.morning");
    CHECK(xpath(path, "string(" + testcase("data-freshness") + "/@time)") == "0.012");
    CHECK(xpath(path, "string(" + testcase("data-freshness") + "/failure/@type)") == "fail");
    // The offending row, with its key, is in the failure's text.
    const std::string failure = xpath(path, "string(" + testcase("data-freshness") + "/failure)");
    CHECK(failure.find("fail  tbl_é|x: minutes_since_sync 1500 > 360") != std::string::npos);
    CHECK(failure.find("WHERE a < 1 AND b = 'x'") != std::string::npos);
    CHECK(xpath(path, "string(" + testcase("feature-drift") + "/failure/@type)") == "warn");
    CHECK(xpath(path, "string(" + testcase("feature-drift") + "/failure)")
              .find("it's \"eta\": drift_score 0.65 > 0.5") != std::string::npos);
    CHECK(xpath(path, "string(" + testcase("broken") + "/error/@type)") == "error");
    CHECK(xpath(path, "count(" + testcase("warehouse-status") + "/skipped)") == "1");
    CHECK(xpath(path, "count(" + testcase("review-alerts") + "/skipped)") == "1");
    CHECK(xpath(path, "string(" + testcase("review-alerts") + "/skipped/@message)")
              .rfind("manual step", 0) == 0);
    CHECK(xpath(path, "count(" + testcase("shipments-today") + "/*)") == "0");
    CHECK(xpath(path, "string(" + testcase("dbt-run") + "/failure)").find("]]>") !=
          std::string::npos);
}

TEST_CASE("junit: invalid UTF-8 and control characters become U+FFFD", "[report][junit]") {
    const std::string xml = render(opsctl::JunitReporter("h"), run_of({checklist()}));
    CHECK(opsctl::repair_utf8(xml) == xml);
    CHECK(xml.find('\x01') == std::string::npos);
    CHECK(xml.find('\x1b') == std::string::npos);
    const TempDir dir;
    const std::string path = require_valid_junit(dir, xml);
    const std::string message = xpath(path, "string(//testcase[@name=\"broken\"]/error/@message)");
    CHECK(message.find("caf\xEF\xBF\xBD") != std::string::npos);
    // A line break in an attribute survives as one (a character reference).
    CHECK(message.find("\"|\"\nLINE 1") != std::string::npos);
}

TEST_CASE("junit: xml_escape", "[report][junit]") {
    CHECK(opsctl::xml_escape("a<b>&\"'", true) == "a&lt;b&gt;&amp;&quot;&apos;");
    CHECK(opsctl::xml_escape("a<b>&\"'", false) == "a&lt;b&gt;&amp;\"'");
    CHECK(opsctl::xml_escape("x\ny\tz\r", true) == "x&#10;y&#9;z&#13;");
    CHECK(opsctl::xml_escape("x\ny\tz", false) == "x\ny\tz");
    CHECK(opsctl::xml_escape("\x02\x7f", false) == "\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(opsctl::xml_escape("\xEF\xBF\xBF", false) == "\xEF\xBF\xBD");          // U+FFFF
    CHECK(opsctl::xml_escape("\xF0\x9F\x98\x80", false) == "\xF0\x9F\x98\x80");  // an emoji
}

TEST_CASE("junit: several checklists, several suites", "[report][junit]") {
    ChecklistResult evening = checklist(Status::Pass);
    evening.checklist = "evening";
    evening.steps.resize(2);
    const TempDir dir;
    const std::string path = require_valid_junit(
        dir, render(opsctl::JunitReporter("h"), run_of({checklist(), evening})));
    CHECK(xpath(path, "count(/testsuites/testsuite)") == "2");
    CHECK(xpath(path, "string(/testsuites/testsuite[2]/@name)") == "daily.evening");
    CHECK(xpath(path, "string(/testsuites/@tests)") == "11");
}

// ---- Nagios -----------------------------------------------------------------------

TEST_CASE("nagios: the state, a short first line, perfdata by the guidelines", "[report][nagios]") {
    const std::string text = render(opsctl::NagiosReporter(), run_of({checklist()}));
    INFO(text);
    const auto out = parse_nagios(text);
    CHECK(out.state == "CRITICAL");
    CHECK(opsctl::utf8_length(out.first_line_text) <= 80);
    CHECK(out.summary.rfind("daily/morning:", 0) == 0);
    REQUIRE(out.perfdata.size() == 4);
    CHECK(out.perfdata[0].label == "data-freshness");
    CHECK(out.perfdata[0].value == "1500");
    CHECK(out.perfdata[0].warn == "240");
    CHECK(out.perfdata[0].crit == "360");
    // A "below" rule: the range alerts under the threshold.
    CHECK(out.perfdata[1].label == "shipments-today");
    CHECK(out.perfdata[1].value == "42");
    CHECK(out.perfdata[1].warn.empty());
    CHECK(out.perfdata[1].crit == "1:");
    // Quotes doubled, '=' replaced: the label reads back intact but for the '='.
    CHECK(out.perfdata[2].label == "it's-a-'quoted'_step");
    CHECK(out.perfdata[2].value == "-0.25");
    CHECK(out.perfdata[3].label == "duration");
    CHECK(out.perfdata[3].value == "2.345");
    CHECK(out.perfdata[3].unit == "s");
    // A detail line per step, and the offending rows; '|' became '¦'.
    CHECK(out.long_text.size() >= 9);
    bool saw_row = false;
    for (const auto& line : out.long_text) {
        if (line.find("fail tbl_é¦x: minutes_since_sync 1500 > 360") != std::string::npos)
            saw_row = true;
    }
    CHECK(saw_row);
}

TEST_CASE("nagios: every state and its word", "[report][nagios]") {
    const std::pair<Status, std::string> cases[] = {{Status::Pass, "OK"},
                                                    {Status::Warn, "WARNING"},
                                                    {Status::Fail, "CRITICAL"},
                                                    {Status::Error, "UNKNOWN"}};
    for (const auto& [status, word] : cases) {
        ChecklistResult c = checklist(status);
        c.steps = {step("only", StepKind::Sql, status, "m")};
        const auto out = parse_nagios(render(opsctl::NagiosReporter(), run_of({c})));
        CHECK(out.state == word);
    }
}

TEST_CASE("nagios: a confirmed failure is CRITICAL even beside an error, which is named",
          "[report][nagios]") {
    ChecklistResult c = checklist();
    c.steps = {step("freshness", StepKind::Sql, Status::Fail, "1 breach"),
               step("cost", StepKind::Sql, Status::Fail, "1 breach"),
               step("backups", StepKind::Sql, Status::Error, "permission denied"),
               step("queries", StepKind::Sql, Status::Pass, "ok")};
    c.status = Status::Pass;
    for (const auto& s : c.steps) c.status = opsctl::worse(c.status, s.status);
    REQUIRE(c.status == Status::Fail);
    RunResult run = run_of({c});
    const auto out = parse_nagios(render(opsctl::NagiosReporter(), run));
    CHECK(out.state == "CRITICAL");
    CHECK(out.first_line_text.find("2 fail (freshness, cost); 1 error (backups)") !=
          std::string::npos);
}

TEST_CASE("nagios: a long summary is cut on a code-point boundary", "[report][nagios]") {
    ChecklistResult c = checklist();
    for (auto& s : c.steps) {
        s.status = Status::Fail;
        s.id = "ünïcødé-step-" + s.id;
    }
    const std::string text = render(opsctl::NagiosReporter(), run_of({c}));
    const auto out = parse_nagios(text);  // valid UTF-8, at most 80 before '|'
    CHECK(opsctl::utf8_length(out.first_line_text) == 80);
    CHECK(out.first_line_text.substr(out.first_line_text.size() - 3) == "...");
}

// ---- Prometheus -------------------------------------------------------------------

TEST_CASE("prometheus: the exposition format, a gauge per step and per checklist",
          "[report][prometheus]") {
    ChecklistResult c = checklist(Status::Pass);
    const std::string text = render(opsctl::PrometheusReporter(), run_of({c}));
    INFO(text);
    const auto file = parse_prometheus(text);
    for (const char* metric :
         {"opsctl_step_status", "opsctl_checklist_status", "opsctl_checklist_duration_seconds",
          "opsctl_checklist_last_run_timestamp_seconds",
          "opsctl_checklist_last_success_timestamp_seconds"}) {
        INFO(metric);
        CHECK(file.type.at(metric) == "gauge");
        CHECK_FALSE(file.help.at(metric).empty());
    }
    for (const auto& sample : file.samples) CHECK_FALSE(sample.has_timestamp);
    const std::map<std::string, std::string> ids{{"runbook", "daily"}, {"checklist", "morning"}};
    const auto status_of = [&](const std::string& id) {
        auto labels = ids;
        labels["step"] = id;
        return file.value("opsctl_step_status", labels);
    };
    CHECK(status_of("data-freshness") == 2);
    CHECK(status_of("feature-drift") == 1);
    CHECK(status_of("shipments-today") == 0);
    CHECK(status_of("broken") == 3);
    CHECK(status_of("warehouse-status") == -1);
    CHECK(status_of("review-alerts") == -2);
    // The quotes of the step id, escaped, read back intact.
    CHECK(status_of("it's-a-'quoted'=step") == 0);
    CHECK(file.value("opsctl_checklist_duration_seconds", ids) == Approx(2.345));
    const double finished = 1795684502;  // 2026-11-26 09:15:02 UTC
    CHECK(file.value("opsctl_checklist_last_run_timestamp_seconds", ids) == finished);
    CHECK(file.value("opsctl_checklist_last_success_timestamp_seconds", ids) == finished);
}

TEST_CASE("prometheus: the last success is kept from the previous file, never invented",
          "[report][prometheus]") {
    // Never passed: no last-success sample at all.
    const std::string failed = render(opsctl::PrometheusReporter(), run_of({checklist()}));
    const auto first = parse_prometheus(failed);
    CHECK(first.find("opsctl_checklist_last_success_timestamp_seconds").empty());
    CHECK(first.type.count("opsctl_checklist_last_success_timestamp_seconds") == 0);

    // A pass, then a failure: the failure keeps the pass's time.
    ChecklistResult passing = checklist(Status::Pass);
    passing.finished_at = *opsctl::parse_timestamp("2026-11-25 08:00:05");
    const std::string passed = render(opsctl::PrometheusReporter(), run_of({passing}));
    const auto after = parse_prometheus(
        render(opsctl::PrometheusReporter(passed), run_of({checklist(Status::Fail)})));
    const std::map<std::string, std::string> ids{{"runbook", "daily"}, {"checklist", "morning"}};
    CHECK(after.value("opsctl_checklist_last_success_timestamp_seconds", ids) == 1795593605);
    CHECK(after.value("opsctl_checklist_last_run_timestamp_seconds", ids) == 1795684502);

    // Another checklist's last success is not this one's.
    ChecklistResult other = checklist(Status::Fail);
    other.checklist = "evening";
    const auto unrelated =
        parse_prometheus(render(opsctl::PrometheusReporter(passed), run_of({other})));
    CHECK(unrelated.find("opsctl_checklist_last_success_timestamp_seconds").empty());
}

TEST_CASE("prometheus: label values are escaped and valid UTF-8", "[report][prometheus]") {
    CHECK(opsctl::prometheus_label_value("a\\b\"c\nd") == "a\\\\b\\\"c\\nd");
    CHECK(opsctl::prometheus_label_value("\xFF") == "\xEF\xBF\xBD");
    ChecklistResult c = checklist();
    c.runbook = "run\"book\\\nx";
    c.steps.front().id = "bad " + kInvalidUtf8;
    const auto file = parse_prometheus(render(opsctl::PrometheusReporter(), run_of({c})));
    CHECK(file.find("opsctl_checklist_status", {{"runbook", "run\"book\\\nx"}}).size() == 1);
    // The escaped labels of a previous file are read back too.
    c.status = Status::Pass;
    const std::string passed = render(opsctl::PrometheusReporter(), run_of({c}));
    const auto carried = opsctl::previous_last_successes(passed);
    CHECK(carried.count({"run\"book\\\nx", "morning"}) == 1);
}

// ---- Markdown ---------------------------------------------------------------------

namespace {

// The cells of a Markdown table row "| a | b \| c |": split on unescaped '|'.
std::vector<std::string> table_cells(const std::string& line) {
    std::vector<std::string> cells;
    std::string cell;
    REQUIRE(line.size() >= 2);
    REQUIRE(line.front() == '|');
    REQUIRE(line.back() == '|');
    for (size_t i = 1; i < line.size(); ++i) {
        if (line[i] == '\\' && i + 1 < line.size()) {
            cell += line[++i];
        } else if (line[i] == '|') {
            const size_t first = cell.find_first_not_of(' ');
            const size_t last = cell.find_last_not_of(' ');
            cells.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
            cell.clear();
        } else {
            cell += line[i];
        }
    }
    return cells;
}

}  // namespace

TEST_CASE("markdown: a heading, a table of steps, the offending rows", "[report][markdown]") {
    const std::string text = render(opsctl::MarkdownReporter(), run_of({checklist()}));
    INFO(text);
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    REQUIRE_FALSE(lines.empty());
    CHECK(lines[0].rfind("### FAIL: daily/morning", 0) == 0);
    // Every table row has as many cells as its header.
    std::vector<std::vector<std::string>> rows;
    size_t width = 0;
    for (const auto& line : lines) {
        if (line.empty() || line[0] != '|') {
            width = 0;
            continue;
        }
        const auto cells = table_cells(line);
        if (width == 0) width = cells.size();
        CHECK(cells.size() == width);
        rows.push_back(cells);
    }
    REQUIRE(rows.size() > 4);
    CHECK(rows[0] == std::vector<std::string>{"step", "status", "summary"});
    const auto row_of = [&](const std::string& first) {
        for (const auto& row : rows) {
            if (!row.empty() && row[0] == first) return row;
        }
        FAIL("no row " << first);
        return std::vector<std::string>{};
    };
    CHECK(row_of("data-freshness")[1] == "**FAIL**");
    CHECK(row_of("data-freshness")[2] ==
          "1 breach in 2 rows; first: tbl_é|x: minutes_since_sync 1500 > 360");
    CHECK(row_of("broken")[2].find('\n') == std::string::npos);
    // The offending row's table.
    const auto offending = row_of("fail");
    CHECK(offending == std::vector<std::string>{"fail", "tbl_é|x", "minutes_since_sync", "1500",
                                                "360", "minutes_since_sync 1500 > 360"});
    CHECK(opsctl::repair_utf8(text) == text);
}

TEST_CASE("markdown: markdown_cell", "[report][markdown]") {
    CHECK(opsctl::markdown_cell("a|b") == "a\\|b");
    CHECK(opsctl::markdown_cell("a\r\nb\nc") == "a b c");
    CHECK(opsctl::markdown_cell("end\\") == "end\\\\");
}

// ---- UTF-8 --------------------------------------------------------------------------

// ---- HTML -------------------------------------------------------------------------

namespace {

// What a hostile warehouse, runbook or shell step may send to break out of an
// element, an attribute or the JSON data: a closing script tag, a comment opener,
// the JavaScript line separators, markup and quotes.
const std::string kHostile =
    "</script><script>alert(1)</script><!-- \xE2\x80\xA8\xE2\x80\xA9 "
    "<img src=x onerror=alert(2)> \" ' &amp;";

// A report step whose categories, column names and values are hostile, and offending
// rows with show-columns and their change states.
ChecklistResult hostile_checklist() {
    ChecklistResult c = checklist();
    c.title = kHostile;
    StepResult costs = step("cost-" + kHostile, StepKind::Sql, Status::Pass, kHostile);
    costs.report = true;
    costs.columns = {"warehouse " + kHostile, "credits"};
    costs.rows = {{Cell::of(kHostile), Cell::of("12.5")}, {Cell::of("wh_bi"), Cell::of("3")}};
    costs.row_count = 2;
    StepResult late = step("late-feeds", StepKind::Sql, Status::Fail, "2 breaches");
    late.history_tracked = true;
    Violation fresh{Severity::Fail,
                    "fail_above",
                    "lag",
                    std::string("1500"),
                    "360",
                    true,
                    "feed_" + kHostile,
                    "lag 1500 > 360",
                    {{"owner", kHostile, 0}}};
    fresh.state = opsctl::ChangeState::New;
    Violation old = fresh;
    old.key = "feed_orders";
    old.state = opsctl::ChangeState::Ongoing;
    old.first_seen = opsctl::parse_timestamp("2026-11-24 08:00:00");
    old.consecutive_runs = 3;
    late.violations = {fresh, old};
    late.violation_count = 2;
    late.resolved = {{"feed_gone", "lag"}};
    c.steps.push_back(costs);
    c.steps.push_back(late);
    return c;
}

// Checks `page` with tests/support/check_html5.py; returns what it printed: the
// number of <script> elements and the page's JSON data.
nlohmann::json require_valid_html(const TempDir& dir, const std::string& page) {
    const std::string path = dir.write("report.html", page);
    const auto [code, out] = shell("/usr/bin/python3 '" + std::string(OPSCTL_SOURCE_DIR) +
                                   "/tests/support/check_html5.py' '" + path + "'");
    INFO("check_html5:\n" << out);
    REQUIRE(code == 0);
    return nlohmann::json::parse(out);
}

}  // namespace

TEST_CASE("html: valid HTML5 with the header, the steps and the offending rows", "[report][html]") {
    const TempDir dir;
    const std::string page = render(opsctl::HtmlReporter(), run_of({hostile_checklist()}));
    const nlohmann::json checked = require_valid_html(dir, page);
    CHECK(checked["scripts"] == 3);  // the data, Chart.js, the renderer: nothing injected
    CHECK(page.find("<span class=\"status s-fail\">FAIL</span> daily/morning") !=
          std::string::npos);
    CHECK(page.find("target postgresql://ops:***@db/wh") != std::string::npos);
    CHECK(page.find("as of 2026-11-26 08:00:00 UTC") != std::string::npos);
    CHECK(page.find("data-freshness") != std::string::npos);
    CHECK(page.find("<td>feed_orders</td>") != std::string::npos);
    CHECK(page.find("<th>owner</th>") != std::string::npos);
    CHECK(page.find("<td>NEW</td>") != std::string::npos);
    CHECK(page.find("<td>since 2026-11-24 08:00 (3 runs)</td>") != std::string::npos);
    CHECK(page.find("resolved since the last run: feed_gone (lag)") != std::string::npos);
    CHECK(page.find("Chart.js v3.9") != std::string::npos);  // its licence comment is kept
}

TEST_CASE("html: hostile text stays text, in the tables and in the JSON data", "[report][html]") {
    const TempDir dir;
    const std::string page = render(opsctl::HtmlReporter(), run_of({hostile_checklist()}));
    const nlohmann::json checked = require_valid_html(dir, page);
    CHECK(checked["scripts"] == 3);
    CHECK(page.find("<script>alert") == std::string::npos);
    CHECK(page.find("<img") == std::string::npos);
    const size_t data = page.find("id=\"opsctl-data\">");
    REQUIRE(data != std::string::npos);
    const std::string json = page.substr(data, page.find("</script>", data) - data);
    CHECK(json.find("\xE2\x80\xA8") == std::string::npos);
    CHECK(json.find("\\u2028") != std::string::npos);
    CHECK(page.find("&lt;/script&gt;&lt;script&gt;alert(1)") != std::string::npos);
    // The bar chart of the hostile categories gets them back intact.
    const auto& charts = checked["data"]["charts"];
    REQUIRE(charts.size() == 1);
    CHECK(charts[0]["kind"] == "bar");
    CHECK(charts[0]["axis"] == "warehouse " + kHostile);
    CHECK(charts[0]["labels"][0] == kHostile);
    CHECK(charts[0]["series"][0]["values"] == nlohmann::json::array({12.5, 3}));
}

TEST_CASE("html: html_escape and script_json", "[report][html]") {
    CHECK(opsctl::html_escape("<a href=\"x\">'&'</a>") ==
          "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    CHECK(opsctl::html_escape("a\x01"
                              "b\xC2\x85"
                              "c\xEF\xBF\xBE"
                              "d\xFF") ==
          "a\xEF\xBF\xBD"
          "b\xEF\xBF\xBD"
          "c\xEF\xBF\xBD"
          "d\xEF\xBF\xBD");
    CHECK(opsctl::html_escape("tab\tline\n\xE0\xBF\xBF") == "tab\tline\n\xE0\xBF\xBF");
    CHECK(opsctl::script_json("[\"</script>\",\"\xE2\x80\xA8\"]") ==
          "[\"\\u003c/script>\",\"\\u2028\"]");
}

TEST_CASE("html: one chart per scale from a report of months", "[report][html]") {
    const TempDir dir;
    ChecklistResult c = checklist(Status::Pass);
    StepResult months = step("monthly-metrics", StepKind::Sql, Status::Pass, "3 rows");
    months.report = true;
    months.columns = {"month", "revenue", "shipments", "growth_pct"};
    months.rows = {
        {Cell::of("2026-09-01"), Cell::of("2079508.15"), Cell::of("1570"), Cell::null()},
        {Cell::of("2026-10-01"), Cell::of("1986997.47"), Cell::of("1569"), Cell::of("-3.2")},
        {Cell::of("2026-11-01"), Cell::of("1693153.16"), Cell::of("1288"), Cell::of("-17.9")}};
    c.steps = {months};
    const std::string page = render(opsctl::HtmlReporter(), run_of({c}));
    const nlohmann::json charts = require_valid_html(dir, page)["data"]["charts"];
    REQUIRE(charts.size() == 3);
    CHECK(charts[0]["kind"] == "line");
    CHECK(charts[0]["labels"] == nlohmann::json::array({"2026-09-01", "2026-10-01", "2026-11-01"}));
    CHECK(charts[2]["series"][0]["name"] == "growth_pct");
    CHECK(charts[2]["series"][0]["values"] == nlohmann::json::parse("[null, -3.2, -17.9]"));
    CHECK(page.find("<canvas id=\"chart-3\"") != std::string::npos);
    CHECK(page.find("<td class=\"num\">1570</td>") != std::string::npos);  // and the table
}

TEST_CASE("html: a step's last runs as a status strip and its offending values per run",
          "[report][html]") {
    const TempDir dir;
    ChecklistResult c = checklist(Status::Pass);
    StepResult depth = step("depth", StepKind::Sql, Status::Pass, "3 rows");
    depth.past_runs = {{"2026-11-24T08:00:00Z", Status::Fail, 2},
                       {"2026-11-25T08:00:00Z", Status::Warn, 1},
                       {"2026-11-26T08:00:00Z", Status::Pass, 0}};
    StepResult quiet = step("quiet", StepKind::Sql, Status::Pass, "ok");
    quiet.past_runs = {{"2026-11-25T08:00:00Z", Status::Pass, 0},
                       {"2026-11-26T08:00:00Z", Status::Pass, 0}};
    c.steps = {depth, quiet};
    const std::string page = render(opsctl::HtmlReporter(), run_of({c}));
    const nlohmann::json charts = require_valid_html(dir, page)["data"]["charts"];
    CHECK(page.find("last 3 runs (oldest first)") != std::string::npos);
    CHECK(page.find("<span class=\"s-fail\" title=\"2026-11-24 08:00 UTC: fail\">F</span>"
                    "<span class=\"s-warn\" title=\"2026-11-25 08:00 UTC: warn\">W</span>"
                    "<span class=\"s-pass\" title=\"2026-11-26 08:00 UTC: pass\">P</span>") !=
          std::string::npos);
    // A step that never had an offending value gets its strip, and no empty chart.
    CHECK(page.find("last 2 runs (oldest first)") != std::string::npos);
    REQUIRE(charts.size() == 1);
    CHECK(charts[0]["series"][0]["values"] == nlohmann::json::array({2, 1, 0}));
    CHECK(charts[0]["labels"][0] == "2026-11-24 08:00 UTC");
}

TEST_CASE("utf8: repair and cut on code-point boundaries", "[report][utf8]") {
    CHECK(opsctl::repair_utf8("plain é ✓ \xF0\x9F\x98\x80") == "plain é ✓ \xF0\x9F\x98\x80");
    CHECK(opsctl::repair_utf8("\xC3") == "\xEF\xBF\xBD");                  // cut short
    CHECK(opsctl::repair_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
    CHECK(opsctl::repair_utf8("\xED\xA0\x80") ==
          "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
    CHECK(opsctl::repair_utf8("\xF4\x90\x80\x80").find("\xF4") == std::string::npos);
    CHECK(opsctl::utf8_length("aé✓\xF0\x9F\x98\x80") == 4);
    CHECK(opsctl::utf8_prefix("aé✓", 2) == "aé");
    CHECK(opsctl::utf8_prefix("aé✓", 9) == "aé✓");
    CHECK(opsctl::utf8_shorten("ééééé", 5) == "ééééé");
    CHECK(opsctl::utf8_shorten("éééééé", 5) == "éé...");
}

// ---- Flapping (history/flapping) ---------------------------------------------------

TEST_CASE("flapping: every format marks a flapping step, and none a steady one", "[report]") {
    ChecklistResult c = checklist(Status::Pass);
    c.steps[0].flap = opsctl::FlapState{34.2, 21, true};
    c.steps[1].flap = opsctl::FlapState{12.5, 21, false};
    const RunResult run = run_of({c});
    const std::string line = "FLAPPING (34% state change over 21 runs)";
    const std::string nagios = render(opsctl::NagiosReporter(), run);
    CHECK(nagios.find(line) != std::string::npos);
    CHECK(nagios.find("FLAPPING (12") == std::string::npos);
    parse_nagios(nagios);
    const std::string markdown = render(opsctl::MarkdownReporter(), run);
    CHECK(markdown.find("**data-freshness**: " + line) != std::string::npos);
    const std::string html = render(opsctl::HtmlReporter(), run);
    CHECK(html.find(line) != std::string::npos);
    CHECK(html.find("FLAPPING (12") == std::string::npos);
    const TempDir dir;
    const std::string path = require_valid_junit(dir, render(opsctl::JunitReporter("h"), run));
    CHECK(xpath(path,
                "string(/testsuites/testsuite[1]/properties/property[@name=\"flapping\"]/"
                "@value)") == "data-freshness: " + line);
    CHECK(xpath(path, "count(//property[@name=\"flapping\"])") == "1");
    const auto metrics = parse_prometheus(render(opsctl::PrometheusReporter(), run));
    CHECK(metrics.value("opsctl_step_flapping", {{"step", "data-freshness"}}) == 1);
    CHECK(metrics.value("opsctl_step_flapping", {{"step", c.steps[1].id}}) == 0);
    CHECK(metrics.type.at("opsctl_step_flapping") == "gauge");
    // Without a history no step has a flap state, and no format has the metric.
    const auto without =
        parse_prometheus(render(opsctl::PrometheusReporter(), run_of({checklist()})));
    CHECK(without.type.count("opsctl_step_flapping") == 0);
}
