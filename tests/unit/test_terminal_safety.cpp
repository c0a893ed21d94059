// Values from a warehouse, a runbook or a shell step cannot drive the terminal of
// whoever reads a report: escape sequences that repaint a line, set the window's
// title or hide a link, C1 controls, NUL and invalid UTF-8, in every format.

#include <catch2/catch.hpp>
#include <cstdlib>
#include <sstream>
#include <string>

#include "opsctl/cli/terminal.h"
#include "opsctl/core/terminal_text.h"
#include "opsctl/core/utf8.h"
#include "opsctl/report/reporter.h"

using opsctl::Cell;
using opsctl::ChecklistResult;
using opsctl::RunResult;
using opsctl::Severity;
using opsctl::Status;
using opsctl::StepKind;
using opsctl::StepResult;
using opsctl::terminal_line;
using opsctl::terminal_text;
using opsctl::Violation;

namespace {

const std::string kRepaint = "\x1b[2K\x1b[32mPASS";  // erase the line, paint it green
const std::string kTitle = "\x1b]0;all good\x07";    // OSC 0: the window's title
const std::string kLink = "\x1b]8;;http://evil/\x1b\\click\x1b]8;;\x1b\\";  // OSC 8
const std::string kC1 =
    "\xC2\x9B"
    "31m\xC2\x9D"
    "0;t\xC2\x9C";  // CSI, OSC, ST as C1
const std::string kNul = std::string("a\0b", 3);
const std::string kInvalid = "caf\xC3 \xFF\x9B";  // a cut sequence, stray bytes
const std::string kHostile = kRepaint + kTitle + kLink + kC1 + kNul + kInvalid + "|pipe";
const std::string kHuge(10 * 1024 * 1024, 'z');

// True when `text` holds a byte or code point a terminal would act on.
bool holds_control(const std::string& text, bool allow_newline) {
    for (size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte == '\n' && allow_newline) continue;
        if ((byte < 0x20 && byte != '\t') || byte == 0x7F) return true;
        if (byte == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F)
            return true;
    }
    return false;
}

// A run whose every value a person sees is hostile.
RunResult hostile_run(const std::string& value) {
    ChecklistResult c;
    c.runbook = "daily";
    c.checklist = "morning";
    c.title = value;
    c.owner = value;
    c.schedule_text = value;
    c.target = value;
    c.dialect = "postgresql";
    c.as_of = *opsctl::parse_timestamp("2026-11-26 08:00:00");
    c.status = Status::Fail;

    StepResult sql;
    sql.id = "freshness";
    sql.kind = StepKind::Sql;
    sql.status = Status::Fail;
    sql.message = value;
    sql.row_count = 1;
    sql.columns = {value, "n"};
    sql.rows = {{Cell::of(value), Cell::of("1500")}};
    sql.violations = {
        Violation{Severity::Fail, "fail_above", value, value, value, false, value, value, {}}};
    sql.violation_count = 1;
    sql.measure = opsctl::Measure{value, 1500, "1500", std::nullopt, "360", true};

    StepResult shell;
    shell.id = "dbt-run";
    shell.kind = StepKind::Shell;
    shell.status = Status::Fail;
    shell.message = "exit status 1";
    shell.output = value;

    c.steps = {sql, shell};
    RunResult run;
    run.checklists = {c};
    run.status = Status::Fail;
    return run;
}

std::string report(const std::string& format, const RunResult& run) {
    std::ostringstream out;
    opsctl::make_reporter(format, {})->write(run, out);
    return out.str();
}

}  // namespace

TEST_CASE("terminal text: every control is shown, never acted on", "[report][terminal]") {
    CHECK(terminal_text(kRepaint) == "\\x1b[2K\\x1b[32mPASS");
    CHECK(terminal_text(kTitle) == "\\x1b]0;all good\\x07");
    CHECK(terminal_text(kLink) == "\\x1b]8;;http://evil/\\x1b\\click\\x1b]8;;\\x1b\\");
    CHECK(terminal_text(kC1) == "\\x9b31m\\x9d0;t\\x9c");
    CHECK(terminal_text(kNul) == "a\\x00b");
    CHECK(terminal_text("del\x7f") == "del\\x7f");
    CHECK(terminal_text("a\nb\rc") == "a\\x0ab\\x0dc");
    // Invalid UTF-8 is replaced; a lone 0x9B byte is not a C1 control but U+FFFD.
    CHECK(terminal_text(kInvalid) == "caf\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD");
    // Kept as they are: tab, printable ASCII, Unicode from U+00A0 on.
    CHECK(terminal_text("a\tb |\\ caf\xC3\xA9 \xC2\xA0 \xE2\x80\xA6") ==
          "a\tb |\\ caf\xC3\xA9 \xC2\xA0 \xE2\x80\xA6");
}

TEST_CASE("control characters: C0, DEL and C1 are found, the rest of Unicode is not",
          "[core][terminal]") {
    using opsctl::has_control_character;
    for (const std::string& text : {kRepaint, kC1, kNul, std::string("a\tb"), std::string("a\nb"),
                                    std::string("a\rb"), std::string("del\x7f")}) {
        CHECK(has_control_character(text));
    }
    CHECK_FALSE(has_control_character("0 8 * * 1-5: caf\xC3\xA9 \xC2\xA0 \xE2\x80\xA6"));
    CHECK_FALSE(has_control_character(""));
    // A lone 0x9B byte is invalid UTF-8, not a C1 control; 0xC2 at the end is cut short.
    CHECK_FALSE(has_control_character("\x9b \xC2"));
}

TEST_CASE("terminal line: line breaks are one space, long text is cut first",
          "[report][terminal]") {
    CHECK(terminal_line("one\r\ntwo\nthree\rfour") == "one two three four");
    CHECK(terminal_line("\x1b[31mred\x1b[0m\n") == "\\x1b[31mred\\x1b[0m ");
    CHECK(terminal_line("abcdefgh", 5) == "ab...");
    const std::string cut = terminal_line(kHuge, 100);
    CHECK(opsctl::utf8_length(cut) == 100);
}

TEST_CASE("terminal safety: text, Markdown and Nagios show controls escaped",
          "[report][terminal][hostile]") {
    for (const char* format : {"text", "markdown", "nagios"}) {
        INFO(format);
        const std::string out = report(format, hostile_run(kHostile));
        CHECK_FALSE(holds_control(out, true));
        CHECK(opsctl::repair_utf8(out) == out);
        CHECK(out.find("\\x1b[2K") != std::string::npos);  // seen, escaped
        CHECK(out.find("all good") != std::string::npos);
    }
}

TEST_CASE("terminal safety: JSON, JUnit and Prometheus keep escaping", "[report][hostile]") {
    for (const char* format : {"json", "junit", "prometheus"}) {
        INFO(format);
        const std::string out = report(format, hostile_run(kHostile));
        CHECK(out.find('\x1b') == std::string::npos);
        CHECK(out.find('\0') == std::string::npos);
        CHECK(out.find('\x07') == std::string::npos);
        CHECK(opsctl::repair_utf8(out) == out);
    }
}

TEST_CASE("terminal safety: a 10 MB value makes a report of ordinary size",
          "[report][terminal][hostile]") {
    for (const char* format : {"text", "markdown", "nagios"}) {
        INFO(format);
        const std::string out = report(format, hostile_run(kHuge));
        CHECK(out.size() < 200 * 1024);
    }
}

TEST_CASE("terminal safety: Markdown escapes '|' and Nagios keeps it out of the text",
          "[report][terminal][hostile]") {
    const std::string markdown = report("markdown", hostile_run("a|b"));
    CHECK(markdown.find("a\\|b") != std::string::npos);
    CHECK(markdown.find("a|b") == std::string::npos);
    const std::string nagios = report("nagios", hostile_run("a|b"));
    const std::string first_line = nagios.substr(0, nagios.find('\n'));
    CHECK(first_line.find('|') == first_line.rfind('|'));  // only the perfdata separator
    CHECK(nagios.find("a|b") == std::string::npos);
}

TEST_CASE("colour: --color decides, auto follows the terminal and NO_COLOR", "[report][terminal]") {
    setenv("NO_COLOR", "1", 1);
    CHECK(opsctl::use_color_on_stdout("always"));  // an explicit option wins
    CHECK_FALSE(opsctl::use_color_on_stdout("auto"));
    CHECK_FALSE(opsctl::use_color_on_stdout("never"));
    unsetenv("NO_COLOR");
    // The tests' stdout is no terminal: auto means no colour.
    CHECK_FALSE(opsctl::use_color_on_stdout("auto"));
    CHECK(opsctl::use_color_on_stdout("always"));
}
