#include "opsctl/report/html_reporter.h"

#include <map>
#include <sstream>

#include <fmt/format.h>

#include "opsctl/core/display_value.h"
#include "opsctl/report/change_text.h"
#include "opsctl/report/chart_choice.h"
#include "opsctl/report/html_charts.h"
#include "opsctl/report/html_history.h"
#include "opsctl/report/html_page.h"
#include "opsctl/report/html_text.h"
#include "opsctl/report/result_table.h"

namespace opsctl {

namespace {

constexpr size_t kViolationsShown = 100;

std::string esc(std::string_view text) {
    return html_escape(text);
}

// One value from the warehouse as a table cell: numbers to the right, NULL marked.
std::string value_cell(const std::optional<std::string>& value) {
    if (!value) return "<td class=\"null\">NULL</td>";
    const bool number = classify_value(Cell::of(*value)) == ValueKind::Number;
    return std::string(number ? "<td class=\"num\">" : "<td>") + esc(display_value(*value)) +
           "</td>";
}

std::string step_anchor(size_t checklist, size_t step) {
    return fmt::format("c{}-s{}", checklist + 1, step + 1);
}

std::string counts_text(const ChecklistResult& checklist) {
    std::map<Status, int> counts;
    for (const auto& step : checklist.steps) ++counts[step.status];
    std::string text;
    for (const Status status : {Status::Pass, Status::Warn, Status::Fail, Status::Error,
                                Status::Skipped, Status::Manual}) {
        if (!counts[status]) continue;
        if (!text.empty()) text += ", ";
        text += fmt::format("{} {}", counts[status], to_string(status));
    }
    return text;
}

void write_header(const ChecklistResult& checklist, size_t index, std::ostream& out) {
    out << "<header id=\"c" << index + 1 << "\">\n<h1>" << status_badge(checklist.status) << " "
        << esc(checklist.runbook) << "/" << esc(checklist.checklist);
    if (!checklist.title.empty()) out << " &mdash; " << esc(checklist.title);
    out << "</h1>\n<p class=\"meta\"><span>target " << esc(checklist.target)
        << "</span><span>as of " << format_timestamp(checklist.as_of) << " UTC</span><span>started "
        << format_timestamp(checklist.started_at) << " UTC</span><span>"
        << esc(counts_text(checklist)) << "</span><span>exit " << exit_code_for(checklist.status)
        << "</span></p>\n";
    if (checklist.partial) {
        out << "<p class=\"warning\">Partial run (--only/--skip): not a verdict on the whole "
               "checklist.</p>\n";
    }
    for (const auto& warning : checklist.warnings)
        out << "<p class=\"warning\">warning: " << esc(warning) << "</p>\n";
    out << "</header>\n";
}

void write_step_table(const ChecklistResult& checklist, size_t index, std::ostream& out) {
    out << "<h2>Steps</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>step</th><th>status</th>"
           "<th>summary</th><th>time</th></tr></thead>\n<tbody>\n";
    for (size_t i = 0; i < checklist.steps.size(); ++i) {
        const StepResult& step = checklist.steps[i];
        out << "<tr><td><a href=\"#" << step_anchor(index, i) << "\">" << esc(step.id)
            << "</a></td><td>" << status_badge(step.status) << "</td><td>" << esc(step.message)
            << "</td><td class=\"num\">" << step.duration.count() << " ms</td></tr>\n";
    }
    out << "</tbody>\n</table></div>\n";
}

void write_rows_table(const StepResult& step, std::ostream& out) {
    out << "<div class=\"scroll\"><table>\n<thead><tr>";
    for (const auto& column : step.columns) out << "<th>" << esc(column) << "</th>";
    out << "</tr></thead>\n<tbody>\n";
    for (const auto& row : step.rows) {
        out << "<tr>";
        for (size_t c = 0; c < step.columns.size(); ++c) {
            const bool present = c < row.size() && !row[c].is_null;
            out << value_cell(present ? std::optional<std::string>(row[c].text) : std::nullopt);
        }
        out << "</tr>\n";
    }
    out << "</tbody>\n</table></div>\n";
    if (const std::string more = more_rows_note(step); !more.empty())
        out << "<p class=\"note\">" << esc(more) << "</p>\n";
}

void write_report_rows(const StepResult& step, HtmlCharts& charts, std::ostream& out) {
    const ChartChoice choice = choose_charts(step.columns, step.rows);
    for (const auto& chart : choice.charts) {
        std::string label = step.id + ":";
        for (const auto& series : chart.series) label += " " + series.name;
        out << charts.canvas(chart, label + " by " + chart.axis);
    }
    for (const auto& note : choice.notes)
        out << "<p class=\"note\">chart: " << esc(note) << "</p>\n";
    write_rows_table(step, out);
}

void write_violation_row(const Violation& v, size_t context_size, bool tracked, std::ostream& out) {
    out << "<tr><td>" << status_badge(v.severity == Severity::Fail ? Status::Fail : Status::Warn)
        << "</td><td>" << esc(v.key) << "</td>";
    for (size_t c = 0; c < context_size; ++c) {
        out << (c < v.context.size() ? value_cell(v.context[c].value) : "<td></td>");
    }
    out << "<td>" << esc(v.column) << "</td>" << value_cell(v.value) << "<td>" << esc(v.threshold)
        << "</td><td>" << esc(v.reason) << "</td>";
    if (tracked) out << "<td>" << esc(change_note(v)) << "</td>";
    out << "</tr>\n";
}

void write_violations(const StepResult& step, std::ostream& out) {
    const std::vector<std::string> context = context_columns(step);
    out << "<p>" << step.violation_count << " offending "
        << (step.violation_count == 1 ? "value" : "values") << "</p>\n"
        << "<div class=\"scroll\"><table class=\"violations\">\n<thead><tr><th>severity</th>"
           "<th>key</th>";
    for (const auto& name : context) out << "<th>" << esc(name) << "</th>";
    out << "<th>column</th><th>value</th><th>threshold</th><th>reason</th>"
        << (step.history_tracked ? "<th>change</th>" : "") << "</tr></thead>\n<tbody>\n";
    const size_t shown = std::min(step.violations.size(), kViolationsShown);
    for (size_t i = 0; i < shown; ++i)
        write_violation_row(step.violations[i], context.size(), step.history_tracked, out);
    out << "</tbody>\n</table></div>\n";
    if (step.violation_count > shown)
        out << "<p class=\"note\">&hellip; and " << step.violation_count - shown << " more</p>\n";
}

bool has_details(const StepResult& step) {
    return (step.report && !step.rows.empty()) || !step.violations.empty() ||
           !resolved_line(step).empty() || !step.output.empty() || !step.past_runs.empty() ||
           !flapping_line(step).empty();
}

void write_step(const StepResult& step, const std::string& anchor, HtmlCharts& charts,
                std::ostream& out) {
    out << "<section id=\"" << anchor << "\">\n<h3>" << status_badge(step.status) << " "
        << esc(step.id);
    if (!step.title.empty()) out << " &mdash; " << esc(step.title);
    out << "</h3>\n<p>" << esc(step.message) << "</p>\n";
    if (const std::string flapping = flapping_line(step); !flapping.empty())
        out << "<p><strong>" << esc(flapping) << "</strong></p>\n";
    write_step_history(step, charts, out);
    if (step.report && !step.rows.empty()) write_report_rows(step, charts, out);
    if (!step.violations.empty()) write_violations(step, out);
    if (const std::string resolved = resolved_line(step); !resolved.empty())
        out << "<p>" << esc(resolved) << "</p>\n";
    if (!step.output.empty()) out << "<pre>" << esc(step.output) << "</pre>\n";
    out << "</section>\n";
}

void write_checklist(const ChecklistResult& checklist, size_t index, HtmlCharts& charts,
                     std::ostream& out) {
    out << "<article>\n";
    write_header(checklist, index, out);
    write_step_table(checklist, index, out);
    for (size_t i = 0; i < checklist.steps.size(); ++i) {
        const StepResult& step = checklist.steps[i];
        if (has_details(step)) {
            write_step(step, step_anchor(index, i), charts, out);
        } else {
            out << "<span id=\"" << step_anchor(index, i) << "\"></span>\n";
        }
    }
    out << "</article>\n";
}

std::string page_title(const RunResult& run) {
    if (run.checklists.size() != 1) return "opsctl: " + status_label(run.status);
    const ChecklistResult& only = run.checklists.front();
    return status_label(only.status) + ": " + only.runbook + "/" + only.checklist + " (opsctl)";
}

}  // namespace

void HtmlReporter::write(const RunResult& run, std::ostream& out) const {
    write_html_start(out, page_title(run));
    HtmlCharts charts;
    out << "<main>\n";
    if (run.checklists.size() > 1) {
        out << "<p>" << status_badge(run.status) << " overall, " << run.checklists.size()
            << " checklists (exit " << exit_code_for(run.status) << ")</p>\n";
    }
    for (size_t i = 0; i < run.checklists.size(); ++i)
        write_checklist(run.checklists[i], i, charts, out);
    out << "</main>\n";
    write_html_end(out, charts.json());
}

}  // namespace opsctl
