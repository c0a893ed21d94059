#include "opsctl/report/nagios_reporter.h"

#include <map>

#include <fmt/format.h>

#include "opsctl/core/terminal_text.h"
#include "opsctl/core/utf8.h"
#include "opsctl/report/change_text.h"

namespace opsctl {

namespace {

constexpr size_t kViolationsShown = 10;
constexpr size_t kPluginTextLength = 2000;  // code points of one value: a line, not a flood

std::string state_word(Status status) {
    switch (status) {
        case Status::Warn:
            return "WARNING";
        case Status::Fail:
            return "CRITICAL";
        case Status::Error:
            return "UNKNOWN";
        case Status::Pass:
        case Status::Skipped:
        case Status::Manual:
            return "OK";
    }
    return "UNKNOWN";
}

// Plugin output is one line per line and "|" starts the perfdata: neither may come
// from a step's text. "¦" keeps the text readable. Controls are escaped: the web
// interfaces and the mails show this text, and so does a terminal running the plugin.
std::string plugin_text(const std::string& raw) {
    std::string out;
    for (const char c : terminal_line(raw, kPluginTextLength)) {
        if (c == '|') {
            out += "\xC2\xA6";  // U+00A6 BROKEN BAR
        } else if (c == '\t') {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

// A perfdata label: quoted, quotes doubled, and no '=' (it ends the label).
std::string perf_label(const std::string& raw) {
    std::string out = "'";
    for (const char c : plugin_text(raw)) {
        if (c == '\'') {
            out += "''";
        } else if (c == '=') {
            out += '_';
        } else {
            out += c;
        }
    }
    return out + "'";
}

// "360" alerts above 360 (0..360 is fine), "1:" below 1, as the plugin guidelines
// write ranges.
std::string perf_threshold(const std::optional<std::string>& threshold, bool above) {
    if (!threshold) return "";
    return above ? *threshold : *threshold + ":";
}

std::string step_label(const RunResult& run, const ChecklistResult& checklist,
                       const StepResult& step) {
    return run.checklists.size() > 1 ? checklist.checklist + "/" + step.id : step.id;
}

std::string summary(const RunResult& run) {
    std::vector<std::string> parts;
    for (const auto& checklist : run.checklists) {
        std::map<Status, std::vector<std::string>> by_status;
        int passed = 0;
        for (const auto& step : checklist.steps) {
            if (step.status == Status::Pass) ++passed;
            by_status[step.status].push_back(step.id);
        }
        std::string part = checklist.runbook + "/" + checklist.checklist +
                           (checklist.partial ? " (partial)" : "") + ":";
        bool any = false;
        for (const Status status : {Status::Fail, Status::Error, Status::Warn}) {
            const auto& ids = by_status[status];
            if (ids.empty()) continue;
            part += fmt::format("{} {} {} ({})", any ? ";" : "", ids.size(), to_string(status),
                                fmt::join(ids, ", "));
            any = true;
        }
        if (!any) part += fmt::format(" {} of {} steps pass", passed, checklist.steps.size());
        parts.push_back(part);
    }
    return plugin_text(fmt::format("{}", fmt::join(parts, "; ")));
}

std::string perfdata(const RunResult& run) {
    std::string out;
    std::chrono::milliseconds total{0};
    for (const auto& checklist : run.checklists) {
        total += checklist.duration;
        for (const auto& step : checklist.steps) {
            if (!step.measure) continue;
            const Measure& m = *step.measure;
            out += perf_label(step_label(run, checklist, step)) + "=" + m.value_text + ";" +
                   perf_threshold(m.warn, m.above) + ";" + perf_threshold(m.fail, m.above) + " ";
        }
    }
    out += fmt::format("'duration'={:.3f}s", static_cast<double>(total.count()) / 1000.0);
    return out;
}

}  // namespace

void NagiosReporter::write(const RunResult& run, std::ostream& out) const {
    const std::string head = "OPSCTL " + state_word(run.status) + " - ";
    const size_t room = kNagiosSummaryLength - head.size();
    out << head << utf8_shorten(summary(run), room) << " | " << perfdata(run) << '\n';
    for (const auto& checklist : run.checklists) {
        for (const auto& step : checklist.steps) {
            out << fmt::format("{} {}: {}", to_string(step.status),
                               plugin_text(step_label(run, checklist, step)),
                               plugin_text(step.message))
                << '\n';
            const size_t shown = std::min(step.violations.size(), kViolationsShown);
            for (size_t i = 0; i < shown; ++i) {
                const Violation& v = step.violations[i];
                const std::string note = change_note(v);
                out << "  " << (v.severity == Severity::Fail ? "fail " : "warn ")
                    << plugin_text((v.key.empty() ? "" : v.key + ": ") + v.reason +
                                   (note.empty() ? "" : "  " + note))
                    << '\n';
            }
            if (step.violation_count > shown) {
                out << "  ... and " << step.violation_count - shown << " more\n";
            }
            if (const std::string resolved = resolved_line(step); !resolved.empty()) {
                out << "  " << plugin_text(resolved) << '\n';
            }
            if (const std::string flapping = flapping_line(step); !flapping.empty()) {
                out << "  " << flapping << '\n';
            }
        }
    }
}

}  // namespace opsctl
