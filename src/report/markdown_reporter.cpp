#include "opsctl/report/markdown_reporter.h"

#include <map>

#include <fmt/format.h>

#include "opsctl/core/display_value.h"
#include "opsctl/core/terminal_text.h"
#include "opsctl/report/change_text.h"
#include "opsctl/report/result_table.h"

namespace opsctl {

namespace {

constexpr size_t kViolationsShown = 20;
constexpr size_t kCellLength = 300;  // code points: a ticket stays readable

// Bold for what needs a look, so it stands out in a long table.
std::string status_cell(Status status) {
    const bool loud = status == Status::Warn || status == Status::Fail || status == Status::Error;
    return loud ? "**" + status_label(status) + "**" : status_label(status);
}

std::string cell(const std::string& text) {
    return markdown_cell(terminal_line(text, kCellLength));
}

// An offending value for people: rounded, but never so far that it seems to hold.
std::string shown_value(const Violation& v) {
    return v.threshold_is_number ? display_number_against(*v.value, v.threshold)
                                 : display_value(*v.value);
}

void write_checklist(const ChecklistResult& checklist, std::ostream& out) {
    std::map<Status, int> counts;
    for (const auto& step : checklist.steps) ++counts[step.status];
    std::vector<std::string> parts;
    for (const Status status : {Status::Pass, Status::Warn, Status::Fail, Status::Error,
                                Status::Skipped, Status::Manual}) {
        if (counts[status])
            parts.push_back(fmt::format("{} {}", counts[status], to_string(status)));
    }
    out << "### " << status_label(checklist.status) << ": " << cell(checklist.runbook) << "/"
        << cell(checklist.checklist);
    if (!checklist.title.empty()) out << " - " << cell(checklist.title);
    out << "\n\n";
    out << fmt::format("{} · target {} · as of {} UTC · exit {}", fmt::join(parts, ", "),
                       cell(checklist.target), format_timestamp(checklist.as_of),
                       exit_code_for(checklist.status))
        << (checklist.partial ? " · **partial** (--only/--skip)" : "") << "\n\n";
    for (const auto& warning : checklist.warnings) out << "> warning: " << cell(warning) << "\n\n";

    out << "| step | status | summary |\n|---|---|---|\n";
    for (const auto& step : checklist.steps) {
        out << "| " << cell(step.id) << " | " << status_cell(step.status) << " | "
            << cell(step.message) << " |\n";
    }
    for (const auto& step : checklist.steps) {
        if (!step.report || step.rows.empty()) continue;
        out << "\n**" << cell(step.id) << "**: " << cell(step.message) << "\n\n"
            << markdown_table(step);
        const std::string more = more_rows_note(step);
        if (!more.empty()) out << "\n" << more << "\n";
    }
    for (const auto& step : checklist.steps) {
        if (step.violations.empty()) continue;
        out << "\n**" << cell(step.id) << "**: " << step.violation_count << " offending "
            << (step.violation_count == 1 ? "value" : "values") << "\n\n";
        const std::vector<std::string> context = context_columns(step);
        const bool tracked = step.history_tracked;
        out << "| severity | key | column | value | threshold | reason |"
            << (tracked ? " change |" : "");
        for (const auto& name : context) out << " " << cell(name) << " |";
        out << "\n|---|---|---|---|---|---|" << (tracked ? "---|" : "");
        for (size_t c = 0; c < context.size(); ++c) out << "---|";
        out << "\n";
        const size_t shown = std::min(step.violations.size(), kViolationsShown);
        for (size_t i = 0; i < shown; ++i) {
            const Violation& v = step.violations[i];
            out << "| " << (v.severity == Severity::Fail ? "fail" : "warn") << " | " << cell(v.key)
                << " | " << cell(v.column) << " | " << (v.value ? cell(shown_value(v)) : "NULL")
                << " | " << cell(v.threshold) << " | " << cell(v.reason) << " |"
                << (tracked ? " " + cell(change_note(v)) + " |" : "");
            // A row-count breach has no row, so no context: its cells stay empty.
            for (size_t c = 0; c < context.size(); ++c) {
                out << " " << (c < v.context.size() ? markdown_value(v.context[c].value) : "")
                    << " |";
            }
            out << "\n";
        }
        if (step.violation_count > shown) {
            out << "\n... and " << step.violation_count - shown << " more\n";
        }
    }
    for (const auto& step : checklist.steps) {
        if (const std::string resolved = resolved_line(step); !resolved.empty()) {
            out << "\n**" << cell(step.id) << "**: " << cell(resolved) << "\n";
        }
        if (const std::string flapping = flapping_line(step); !flapping.empty()) {
            out << "\n**" << cell(step.id) << "**: " << flapping << "\n";
        }
    }
}

}  // namespace

std::string markdown_cell(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '|') {
            out += "\\|";
        } else if (c == '\\') {
            out += "\\\\";  // so that a trailing backslash cannot escape the cell's "|"
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue;  // CRLF: one space, from the LF
        } else if (c == '\n' || c == '\r') {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

void MarkdownReporter::write(const RunResult& run, std::ostream& out) const {
    for (size_t i = 0; i < run.checklists.size(); ++i) {
        if (i > 0) out << "\n";
        write_checklist(run.checklists[i], out);
    }
    if (run.checklists.size() > 1) {
        out << "\n**" << status_label(run.status) << "** overall, " << run.checklists.size()
            << " checklists (exit " << exit_code_for(run.status) << ")\n";
    }
}

}  // namespace opsctl
