#include "opsctl/report/history_page.h"

#include <fmt/format.h>

#include "opsctl/core/display_value.h"
#include "opsctl/report/html_charts.h"
#include "opsctl/report/html_history.h"
#include "opsctl/report/html_page.h"
#include "opsctl/report/html_text.h"

namespace opsctl {

namespace {

std::string esc(std::string_view text) {
    return html_escape(text);
}

// One checklist on one target: its runs in the period, oldest first.
struct ChecklistRuns {
    std::string name;  // "daily/morning"
    std::string target;
    std::vector<const HistoryPageRun*> runs;
};

std::vector<ChecklistRuns> by_checklist(const std::vector<HistoryPageRun>& runs) {
    std::map<std::pair<std::string, std::string>, ChecklistRuns> grouped;
    for (const HistoryPageRun& run : runs) {
        ChecklistRuns& group = grouped[{run.runbook + "/" + run.checklist, run.target}];
        group.name = run.runbook + "/" + run.checklist;
        group.target = run.target;
        group.runs.push_back(&run);
    }
    std::vector<ChecklistRuns> list;
    list.reserve(grouped.size());
    for (auto& [key, group] : grouped) list.push_back(std::move(group));
    return list;
}

// The days of the period, oldest first: "2026-11-26".
std::vector<std::string> days_of(const HistoryPage& page) {
    std::vector<std::string> days;
    for (std::int64_t day = page.since.epoch_day(); day <= page.generated_at.epoch_day(); ++day)
        days.push_back(format_date(Timestamp{day * 86400, true}));
    return days;
}

// Per day the worst status of the day's runs; a day without a run has none.
std::vector<StripCell> day_cells(const ChecklistRuns& group, const std::vector<std::string>& days) {
    std::map<std::string, Status> worst;
    for (const HistoryPageRun* run : group.runs) {
        const std::string day = run->started_at.substr(0, 10);
        const auto found = worst.find(day);
        worst[day] = found == worst.end() ? run->status : opsctl::worse(found->second, run->status);
    }
    std::vector<StripCell> cells;
    for (const std::string& day : days) {
        const auto found = worst.find(day);
        cells.push_back({day, found == worst.end() ? std::nullopt : std::optional(found->second)});
    }
    return cells;
}

void write_heat_strips(const std::vector<ChecklistRuns>& groups,
                       const std::vector<std::string>& days, std::ostream& out) {
    out << "<h2>Status per day</h2>\n<p class=\"note\">Each cell is a day (" << days.front()
        << " to " << days.back()
        << ", UTC), its letter the worst status of that day's runs: P pass, W warn, F fail, E "
           "error; &middot; no run.</p>\n<div class=\"scroll\"><table>\n<thead><tr><th>checklist"
           "</th><th>target</th><th>runs</th><th>days</th></tr></thead>\n<tbody>\n";
    for (size_t i = 0; i < groups.size(); ++i) {
        out << "<tr><td><a href=\"#latest-" << i + 1 << "\">" << esc(groups[i].name)
            << "</a></td><td>" << esc(groups[i].target) << "</td><td class=\"num\">"
            << groups[i].runs.size() << "</td><td>"
            << status_strip(day_cells(groups[i], days), groups[i].name + " per day")
            << "</td></tr>\n";
    }
    out << "</tbody>\n</table></div>\n";
}

void write_runs_chart(const std::vector<HistoryPageRun>& runs, const std::vector<std::string>& days,
                      HtmlCharts& charts, std::ostream& out) {
    std::map<std::string, std::pair<double, double>> per_day;  // runs, failed runs
    for (const HistoryPageRun& run : runs) {
        auto& [all, failed] = per_day[run.started_at.substr(0, 10)];
        all += 1;
        if (run.status == Status::Fail || run.status == Status::Error) failed += 1;
    }
    ChartSpec chart{ChartKind::Bar, "day", days, {{"runs", {}}, {"failed or errored", {}}}};
    for (const std::string& day : days) {
        const auto found = per_day.find(day);
        chart.series[0].values.push_back(found == per_day.end() ? 0.0 : found->second.first);
        chart.series[1].values.push_back(found == per_day.end() ? 0.0 : found->second.second);
    }
    out << charts.canvas(chart, "runs per day, and those that failed or errored",
                         {"#1f77b4", "#cf222e"});
}

void write_most_failed(const std::vector<HistoryPageStep>& steps, std::ostream& out) {
    out << "<h2>Steps that failed most</h2>\n";
    if (steps.empty()) {
        out << "<p>No step failed or errored in the period.</p>\n";
        return;
    }
    out << "<div class=\"scroll\"><table>\n<thead><tr><th>checklist</th><th>step</th><th>failed"
           "</th><th>of runs</th><th>last failed</th></tr></thead>\n<tbody>\n";
    for (const HistoryPageStep& step : steps) {
        out << "<tr><td>" << esc(step.runbook + "/" + step.checklist) << "</td><td>"
            << esc(step.step) << "</td><td class=\"num\">" << step.failures
            << "</td><td class=\"num\">" << step.runs << "</td><td>"
            << esc(display_timestamp(step.last_failed_at)) << "</td></tr>\n";
    }
    out << "</tbody>\n</table></div>\n";
}

void write_acks(const std::vector<HistoryPageAck>& acks, std::ostream& out) {
    out << "<h2>Open acknowledgements</h2>\n";
    if (acks.empty()) {
        out << "<p>None.</p>\n";
        return;
    }
    out << "<div class=\"scroll\"><table>\n<thead><tr><th>ack</th><th>checklist</th><th>step"
           "</th><th>key</th><th>target</th><th>by</th><th>until</th><th>reason</th></tr></thead>"
           "\n<tbody>\n";
    for (const HistoryPageAck& ack : acks) {
        out << "<tr><td class=\"num\">" << ack.id << "</td><td>"
            << esc(ack.runbook + "/" + ack.checklist) << "</td><td>" << esc(ack.step) << "</td><td>"
            << esc(ack.key) << "</td><td>" << esc(ack.target) << "</td><td>" << esc(ack.by)
            << "</td><td>" << format_timestamp(ack.until).substr(0, 16) << " UTC</td><td>"
            << esc(ack.reason) << "</td></tr>\n";
    }
    out << "</tbody>\n</table></div>\n";
}

std::string counts_text(const std::map<std::string, int>& counts) {
    std::string text;
    for (const char* word : {"pass", "warn", "fail", "error", "skipped", "manual"}) {
        const auto found = counts.find(word);
        if (found == counts.end()) continue;
        text += (text.empty() ? "" : ", ") + fmt::format("{} {}", found->second, word);
    }
    return text;
}

void write_latest_runs(const std::vector<ChecklistRuns>& groups, std::ostream& out) {
    out << "<h2>Latest run of each checklist</h2>\n";
    for (size_t i = 0; i < groups.size(); ++i) {
        const HistoryPageRun& latest = *groups[i].runs.back();
        out << "<section id=\"latest-" << i + 1 << "\">\n<h3>" << status_badge(latest.status) << " "
            << esc(groups[i].name) << "</h3>\n<p class=\"meta\"><span>run " << latest.id
            << "</span><span>started " << esc(display_timestamp(latest.started_at))
            << "</span><span>target " << esc(latest.target) << "</span><span>"
            << esc(counts_text(latest.counts)) << "</span>"
            << (latest.partial ? "<span>partial (--only/--skip)</span>" : "")
            << "</p>\n<p class=\"note\">opsctl history " << esc(latest.runbook) << " "
            << esc(latest.checklist) << " lists its runs.</p>\n</section>\n";
    }
}

void write_header(const HistoryPage& page, size_t checklists, std::ostream& out) {
    out << "<header>\n<h1>opsctl: run history</h1>\n<p class=\"meta\"><span>" << page.runs.size()
        << " runs of " << checklists << " checklists</span><span>since "
        << format_timestamp(page.since).substr(0, 16) << " UTC (" << esc(page.period)
        << ")</span><span>" << (page.target.empty() ? "every target" : "target " + esc(page.target))
        << "</span><span>made " << format_timestamp(page.generated_at).substr(0, 16)
        << " UTC</span></p>\n<p class=\"note\">The page covers the last 30 days unless "
           "--since asks for another period, and at most the newest "
        << page.run_cap << " runs.</p>\n";
    if (page.capped) {
        out << "<p class=\"warning\">There were more than " << page.run_cap
            << " runs in the period: only the newest " << page.run_cap << " are shown.</p>\n";
    }
    out << "</header>\n";
}

}  // namespace

void write_history_page(const HistoryPage& page, std::ostream& out) {
    write_html_start(out, "opsctl: run history since " + format_date(page.since));
    out << "<main>\n";
    const std::vector<ChecklistRuns> groups = by_checklist(page.runs);
    write_header(page, groups.size(), out);
    HtmlCharts charts;
    const std::vector<std::string> days = days_of(page);
    if (groups.empty()) {
        out << "<p>No recorded runs in the period.</p>\n";
    } else {
        write_heat_strips(groups, days, out);
        write_runs_chart(page.runs, days, charts, out);
    }
    write_most_failed(page.most_failed, out);
    write_acks(page.acks, out);
    if (!groups.empty()) write_latest_runs(groups, out);
    out << "</main>\n";
    write_html_end(out, charts.json());
}

}  // namespace opsctl
