#include "opsctl/report/junit_reporter.h"

#include <unistd.h>

#include <climits>

#include <fmt/format.h>

#include "opsctl/core/utf8.h"
#include "opsctl/report/change_text.h"
#include "opsctl/report/result_table.h"

namespace opsctl {

namespace {

constexpr size_t kViolationsShown = 50;
constexpr size_t kMessageLength = 500;  // code points in a message attribute

std::string machine_name() {
    char name[HOST_NAME_MAX + 1] = {};
    if (gethostname(name, sizeof name - 1) != 0) return "localhost";
    return name;
}

std::string seconds(std::chrono::milliseconds duration) {
    return fmt::format("{:.3f}", static_cast<double>(duration.count()) / 1000.0);
}

std::string attr(std::string_view text) {
    return xml_escape(text, true);
}

std::string text(std::string_view content) {
    return xml_escape(content, false);
}

// What a CI shows under a failed test: the message, the offending rows, and for an
// error or a shell step what explains it.
std::string details(const StepResult& step) {
    std::string out = step.message + "\n";
    const size_t shown = std::min(step.violations.size(), kViolationsShown);
    for (size_t i = 0; i < shown; ++i) {
        const Violation& v = step.violations[i];
        const std::string note = change_note(v);
        out += std::string(v.severity == Severity::Fail ? "fail  " : "warn  ") +
               (v.key.empty() ? "" : v.key + ": ") + v.reason + (note.empty() ? "" : "  " + note) +
               "\n";
        if (!v.context.empty()) out += "      " + context_line(v) + "\n";
    }
    if (step.violation_count > shown) {
        out += "... and " + std::to_string(step.violation_count - shown) + " more\n";
    }
    if (const std::string resolved = resolved_line(step); !resolved.empty()) out += resolved + "\n";
    if (const std::string flapping = flapping_line(step); !flapping.empty()) out += flapping + "\n";
    if (step.kind == StepKind::Shell && !step.output.empty()) {
        out += "output:\n" + step.output + (step.output.back() == '\n' ? "" : "\n");
    }
    if (!step.sql.empty()) out += "SQL: " + step.sql + "\n";
    return out;
}

// One property per acked violation: a step whose every violation is acked passes, and
// a passing testcase has no body to list them in.
void write_acked_properties(const ChecklistResult& checklist, std::ostream& out) {
    for (const StepResult& step : checklist.steps) {
        for (const Violation& v : step.violations) {
            if (v.state != ChangeState::Acked) continue;
            const std::string value = step.id + ": " + (v.key.empty() ? "" : v.key + ": ") +
                                      v.reason + "  " + ack_note(v);
            out << "      <property name=\"acked\" value=\"" << attr(value) << "\"/>\n";
        }
    }
}

// One property per flapping step: a passing testcase has no body to say it in.
void write_flapping_properties(const ChecklistResult& checklist, std::ostream& out) {
    for (const StepResult& step : checklist.steps) {
        if (const std::string flapping = flapping_line(step); !flapping.empty()) {
            out << "      <property name=\"flapping\" value=\"" << attr(step.id + ": " + flapping)
                << "\"/>\n";
        }
    }
}

void write_testcase(const ChecklistResult& checklist, const StepResult& step, std::ostream& out) {
    const std::string classname = checklist.runbook + "." + checklist.checklist;
    out << "    <testcase classname=\"" << attr(classname) << "\" name=\"" << attr(step.id)
        << "\" time=\"" << seconds(step.duration) << "\"";
    const std::string message = attr(utf8_shorten(repair_utf8(step.message), kMessageLength));
    switch (step.status) {
        case Status::Pass:
            out << "/>\n";
            return;
        case Status::Warn:
        case Status::Fail:
            out << ">\n      <failure type=\"" << to_string(step.status) << "\" message=\""
                << message << "\">" << text(details(step)) << "</failure>\n";
            break;
        case Status::Error:
            out << ">\n      <error type=\"error\" message=\"" << message << "\">"
                << text(details(step)) << "</error>\n";
            break;
        case Status::Skipped:
        case Status::Manual:
            out << ">\n      <skipped message=\""
                << attr((step.status == Status::Manual ? "manual step: " : "") +
                        utf8_shorten(repair_utf8(step.message.empty() ? step.title : step.message),
                                     kMessageLength))
                << "\"/>\n";
            break;
    }
    out << "    </testcase>\n";
}

struct Counts {
    size_t tests = 0, failures = 0, errors = 0, skipped = 0;
    std::chrono::milliseconds time{0};

    void add(const Counts& other) {
        tests += other.tests;
        failures += other.failures;
        errors += other.errors;
        skipped += other.skipped;
        time += other.time;
    }
};

Counts count(const ChecklistResult& checklist) {
    Counts counts;
    counts.tests = checklist.steps.size();
    counts.time = checklist.duration;
    for (const auto& step : checklist.steps) {
        if (step.status == Status::Warn || step.status == Status::Fail) ++counts.failures;
        if (step.status == Status::Error) ++counts.errors;
        if (step.status == Status::Skipped || step.status == Status::Manual) ++counts.skipped;
    }
    return counts;
}

void write_counts(const Counts& counts, std::ostream& out) {
    out << " tests=\"" << counts.tests << "\" failures=\"" << counts.failures << "\" errors=\""
        << counts.errors << "\" skipped=\"" << counts.skipped << "\" time=\""
        << seconds(counts.time) << "\"";
}

}  // namespace

std::string xml_escape(std::string_view raw, bool attribute) {
    const std::string valid = repair_utf8(raw);
    std::string out;
    out.reserve(valid.size());
    for (size_t i = 0; i < valid.size(); ++i) {
        const char c = valid[i];
        const auto byte = static_cast<unsigned char>(c);
        // U+FFFE and U+FFFF are valid UTF-8 but not XML characters.
        if (byte == 0xEF && i + 2 < valid.size() &&
            static_cast<unsigned char>(valid[i + 1]) == 0xBF &&
            (static_cast<unsigned char>(valid[i + 2]) == 0xBE ||
             static_cast<unsigned char>(valid[i + 2]) == 0xBF)) {
            out += kUtf8Replacement;
            i += 2;
            continue;
        }
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += attribute ? "&quot;" : "\"";
                break;
            case '\'':
                out += attribute ? "&apos;" : "'";
                break;
            case '\t':
                out += attribute ? "&#9;" : "\t";
                break;
            case '\n':
                out += attribute ? "&#10;" : "\n";
                break;
            case '\r':
                out += "&#13;";  // a raw CR would become a LF
                break;
            default:
                if (byte < 0x20 || byte == 0x7F) {
                    out += kUtf8Replacement;  // not allowed in XML 1.0 (DEL is, but unreadable)
                } else {
                    out += c;
                }
        }
    }
    return out;
}

JunitReporter::JunitReporter(std::string hostname)
    : hostname_(hostname.empty() ? machine_name() : std::move(hostname)) {}

void JunitReporter::write(const RunResult& run, std::ostream& out) const {
    Counts total;
    for (const auto& checklist : run.checklists) total.add(count(checklist));
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << "<testsuites name=\"opsctl\"";
    write_counts(total, out);
    out << ">\n";
    for (const auto& checklist : run.checklists) {
        out << "  <testsuite name=\"" << attr(checklist.runbook + "." + checklist.checklist)
            << "\" timestamp=\"" << format_iso8601(checklist.started_at) << "\" hostname=\""
            << attr(hostname_) << "\"";
        write_counts(count(checklist), out);
        out << ">\n";
        out << "    <properties>\n";
        const std::pair<const char*, std::string> properties[] = {
            {"title", checklist.title},
            {"target", checklist.target},
            {"dialect", checklist.dialect},
            {"as_of", format_iso8601(checklist.as_of)},
            {"status", std::string(to_string(checklist.status))},
            {"partial", checklist.partial ? "true" : "false"}};
        for (const auto& [name, value] : properties) {
            out << "      <property name=\"" << name << "\" value=\"" << attr(value) << "\"/>\n";
        }
        write_acked_properties(checklist, out);
        write_flapping_properties(checklist, out);
        out << "    </properties>\n";
        for (const auto& step : checklist.steps) write_testcase(checklist, step, out);
        out << "  </testsuite>\n";
    }
    out << "</testsuites>\n";
}

}  // namespace opsctl
