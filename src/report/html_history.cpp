#include "opsctl/report/html_history.h"

#include <fmt/format.h>

#include "opsctl/core/display_value.h"
#include "opsctl/report/html_text.h"

namespace opsctl {

namespace {

std::string_view letter_of(Status status) {
    switch (status) {
        case Status::Pass:
            return "P";
        case Status::Warn:
            return "W";
        case Status::Fail:
            return "F";
        case Status::Error:
            return "E";
        case Status::Skipped:
            return "S";
        case Status::Manual:
            return "M";
    }
    return "?";
}

std::string_view class_of(Status status) {
    switch (status) {
        case Status::Pass:
            return "s-pass";
        case Status::Warn:
            return "s-warn";
        case Status::Fail:
            return "s-fail";
        case Status::Error:
            return "s-error";
        case Status::Skipped:
        case Status::Manual:
            break;
    }
    return "s-other";
}

}  // namespace

std::string status_strip(const std::vector<StripCell>& cells, const std::string& caption) {
    std::string html = "<p class=\"note\">" + html_escape(caption) + "</p>\n<div class=\"strip\">";
    for (const StripCell& cell : cells) {
        const std::string title = html_escape(
            cell.label + ": " + std::string(cell.status ? to_string(*cell.status) : "no run"));
        if (cell.status) {
            html += fmt::format("<span class=\"{}\" title=\"{}\">{}</span>", class_of(*cell.status),
                                title, letter_of(*cell.status));
        } else {
            html += "<span class=\"s-other\" title=\"" + title + "\">&middot;</span>";
        }
    }
    return html + "</div>\n";
}

void write_step_history(const StepResult& step, HtmlCharts& charts, std::ostream& out) {
    if (step.past_runs.empty()) return;
    std::vector<StripCell> cells;
    ChartSeries counts{"offending values", {}};
    ChartSpec chart{ChartKind::Line, "run", {}, {}};
    bool any_violation = false;
    for (const PastRun& past : step.past_runs) {
        const std::string when = display_timestamp(past.started_at);  // ISO 8601 read too
        cells.push_back({when, past.status});
        chart.labels.push_back(when);
        counts.values.push_back(static_cast<double>(past.violation_count));
        any_violation = any_violation || past.violation_count > 0;
    }
    out << status_strip(cells, fmt::format("last {} {} (oldest first)", cells.size(),
                                           cells.size() == 1 ? "run" : "runs"));
    if (cells.size() < 2 || !any_violation) return;
    chart.series.push_back(std::move(counts));
    out << charts.canvas(chart, step.id + ": offending values per run");
}

}  // namespace opsctl
