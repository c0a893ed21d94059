#include "opsctl/report/text_reporter.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "opsctl/core/display_value.h"
#include "opsctl/core/duration.h"
#include "opsctl/core/terminal_text.h"
#include "opsctl/report/change_text.h"
#include "opsctl/report/result_table.h"

namespace opsctl {

namespace {

constexpr size_t kViolationsShown = 10;

const char* status_color(Status status) {
    switch (status) {
        case Status::Pass:
            return "\033[32m";
        case Status::Warn:
            return "\033[33m";
        case Status::Fail:
            return "\033[31m";
        case Status::Error:
            return "\033[1;31m";
        case Status::Skipped:
            return "\033[2m";
        case Status::Manual:
            return "\033[36m";
    }
    return "";
}

constexpr size_t kValueLength = 2000;  // code points of one value: a line, not a flood

// Keeps one report line on one line, and the terminal in the report's hands,
// whatever the warehouse, the runbook or the shell step wrote.
std::string safe(const std::string& text) {
    return terminal_line(text, kValueLength);
}

class Writer {
  public:
    Writer(std::ostream& out, ReportStyle style) : out_(out), style_(style) {}

    std::string paint(Status status, const std::string& text) const {
        if (!style_.color) return text;
        return std::string(status_color(status)) + text + "\033[0m";
    }

    void checklist(const ChecklistResult& result) {
        out_ << safe(result.runbook) << " / " << safe(result.checklist);
        if (!result.title.empty()) out_ << " - " << safe(result.title);
        out_ << '\n';
        out_ << "  target   " << safe(result.target) << "   dialect " << safe(result.dialect)
             << '\n';
        for (const auto& warning : result.warnings) out_ << "  warning  " << safe(warning) << '\n';
        out_ << "  as of    " << format_timestamp(result.as_of) << " UTC"
             << (result.as_of_given ? "" : " (now)") << '\n';
        if (result.partial) {
            // 80 columns: the JSON report's "partial" and "selected_steps" say the rest.
            out_ << "  partial  only "
                 << count_of(result.steps.size(), "selected step", "selected steps")
                 << " ran (--only/--skip), not the whole checklist\n";
        }
        std::vector<std::string> facts;
        if (!result.owner.empty()) facts.push_back(safe(result.owner));
        if (!result.schedule_text.empty()) facts.push_back(safe(result.schedule_text));
        if (result.duration_minutes)
            facts.push_back(std::to_string(*result.duration_minutes) + " min");
        if (!facts.empty())
            out_ << "  owner    " << fmt::format("{}", fmt::join(facts, " | ")) << '\n';
        if (result.response_time || result.resolution_time) {
            out_ << "  targets ";
            if (result.response_time)
                out_ << " respond within " << format_duration(*result.response_time);
            if (result.resolution_time)
                out_ << ", resolve within " << format_duration(*result.resolution_time);
            out_ << '\n';
        }
        out_ << '\n';

        size_t id_width = 0;
        for (const auto& step : result.steps) id_width = std::max(id_width, step.id.size());
        for (const auto& step : result.steps) this->step(step, id_width);

        std::map<Status, int> counts;
        for (const auto& step : result.steps) ++counts[step.status];
        std::vector<std::string> parts;
        for (const Status status : {Status::Pass, Status::Warn, Status::Fail, Status::Error,
                                    Status::Skipped, Status::Manual}) {
            if (counts[status])
                parts.push_back(fmt::format("{} {}", counts[status], to_string(status)));
        }
        out_ << '\n'
             << paint(result.status, status_label(result.status)) << "  " << safe(result.runbook)
             << "/" << safe(result.checklist) << ": " << fmt::format("{}", fmt::join(parts, ", "))
             << "  (exit " << exit_code_for(result.status) << ")\n";
    }

  private:
    void step(const StepResult& step, size_t id_width) {
        const std::string label = fmt::format("{:<6}", status_label(step.status));
        const std::string duration = step.kind == StepKind::Manual
                                         ? std::string(8, ' ')
                                         : fmt::format("{:>5} ms", step.duration.count());
        out_ << "  " << paint(step.status, label) << "  "
             << fmt::format("{:<{}}", safe(step.id), id_width) << "  " << duration << "  "
             << safe(step.message) << '\n';
        const std::string indent(10, ' ');
        if (step.report && !step.rows.empty()) {
            for (const auto& line : text_table(step)) out_ << indent << line << '\n';
            const std::string more = more_rows_note(step);
            if (!more.empty()) out_ << indent << more << '\n';
        }
        const size_t shown = std::min(step.violations.size(), kViolationsShown);
        for (size_t i = 0; i < shown; ++i) {
            const Violation& v = step.violations[i];
            const std::string note = change_note(v);
            out_ << indent << (v.severity == Severity::Fail ? "fail  " : "warn  ")
                 << (v.key.empty() ? "" : safe(v.key) + ": ") << safe(v.reason)
                 << (note.empty() ? "" : "  " + note) << '\n';
            if (!v.context.empty()) out_ << indent << "      " << context_line(v) << '\n';
        }
        if (step.violation_count > shown) {
            out_ << indent << "... and " << step.violation_count - shown << " more\n";
        }
        if (const std::string resolved = resolved_line(step); !resolved.empty()) {
            out_ << indent << safe(resolved) << '\n';
        }
        if (const std::string flapping = flapping_line(step); !flapping.empty()) {
            out_ << indent << flapping << '\n';
        }
        if ((step.status == Status::Fail || step.status == Status::Error) &&
            step.kind == StepKind::Shell && !step.output.empty()) {
            std::string tail = step.output;
            if (tail.size() > 600) tail = "..." + tail.substr(tail.size() - 600);
            out_ << indent << "output: " << safe(tail) << '\n';
        }
    }

    std::ostream& out_;
    ReportStyle style_;
};

}  // namespace

void TextReporter::write(const RunResult& run, std::ostream& out) const {
    Writer writer(out, style_);
    for (size_t i = 0; i < run.checklists.size(); ++i) {
        if (i > 0) out << "\n";
        writer.checklist(run.checklists[i]);
    }
    if (run.checklists.size() > 1) {
        out << "\n"
            << writer.paint(run.status, status_label(run.status)) << "  overall, "
            << run.checklists.size() << " checklists  (exit " << exit_code_for(run.status) << ")\n";
    }
}

}  // namespace opsctl
