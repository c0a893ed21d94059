#include "opsctl/report/prometheus_reporter.h"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "opsctl/core/utf8.h"
#include "opsctl/report/change_text.h"

namespace opsctl {

namespace {

constexpr std::string_view kLastSuccess = "opsctl_checklist_last_success_timestamp_seconds";

// Reads the labels of a sample line, `{name="value",...}`, from `at` (just after
// the metric name); returns them, or nullopt when the syntax is not right.
std::optional<std::map<std::string, std::string>> read_labels(std::string_view line, size_t& at) {
    std::map<std::string, std::string> labels;
    if (at >= line.size() || line[at] != '{') return std::nullopt;
    ++at;
    while (at < line.size() && line[at] != '}') {
        const size_t equals = line.find('=', at);
        if (equals == std::string_view::npos || equals + 1 >= line.size() ||
            line[equals + 1] != '"') {
            return std::nullopt;
        }
        const std::string name(line.substr(at, equals - at));
        std::string value;
        at = equals + 2;
        for (; at < line.size() && line[at] != '"'; ++at) {
            if (line[at] == '\\' && at + 1 < line.size()) {
                ++at;
                value += line[at] == 'n' ? '\n' : line[at];
            } else {
                value += line[at];
            }
        }
        if (at >= line.size()) return std::nullopt;
        ++at;  // the closing quote
        labels[name] = value;
        if (at < line.size() && line[at] == ',') ++at;
    }
    if (at >= line.size()) return std::nullopt;
    ++at;  // '}'
    return labels;
}

class Writer {
  public:
    explicit Writer(std::ostream& out) : out_(out) {}

    void family(const std::string& name, const std::string& help) {
        out_ << "# HELP " << name << ' ' << help << "\n# TYPE " << name << " gauge\n";
    }

    // A partial run's samples say so (partial="true"), so that no alert or
    // dashboard takes them for the whole checklist's.
    void sample(const std::string& name, const ChecklistResult& checklist, const StepResult* step,
                const std::string& value, const std::string& state = {}) {
        out_ << name << "{runbook=\"" << prometheus_label_value(checklist.runbook)
             << "\",checklist=\"" << prometheus_label_value(checklist.checklist) << '"';
        if (checklist.partial) out_ << ",partial=\"true\"";
        if (step) out_ << ",step=\"" << prometheus_label_value(step->id) << '"';
        if (!state.empty()) out_ << ",state=\"" << state << '"';
        out_ << "} " << value << '\n';
    }

    // The last success is the whole checklist's: never labelled partial.
    void whole_checklist_sample(const std::string& name, const ChecklistResult& checklist,
                                const std::string& value) {
        out_ << name << "{runbook=\"" << prometheus_label_value(checklist.runbook)
             << "\",checklist=\"" << prometheus_label_value(checklist.checklist) << "\"} " << value
             << '\n';
    }

  private:
    std::ostream& out_;
};

// With a run history: each compared step's kept violations by state.
void write_violation_states(Writer& writer, const RunResult& run) {
    bool tracked = false;
    for (const auto& checklist : run.checklists) {
        for (const auto& step : checklist.steps) tracked = tracked || step.history_tracked;
    }
    if (!tracked) return;
    writer.family("opsctl_step_violations",
                  "Offending values the last run kept per step, by state since the run before: "
                  "new, ongoing or acked.");
    for (const auto& checklist : run.checklists) {
        for (const auto& step : checklist.steps) {
            if (!step.history_tracked) continue;
            for (const ChangeState state :
                 {ChangeState::New, ChangeState::Ongoing, ChangeState::Acked}) {
                const auto count =
                    std::count_if(step.violations.begin(), step.violations.end(),
                                  [state](const Violation& v) { return v.state == state; });
                writer.sample("opsctl_step_violations", checklist, &step, std::to_string(count),
                              std::string(to_string(state)));
            }
        }
    }
}

// With a run history: 1 for each step that is flapping, 0 for each that is not.
void write_flapping(Writer& writer, const RunResult& run) {
    bool known = false;
    for (const auto& checklist : run.checklists) {
        for (const auto& step : checklist.steps) known = known || step.flap.has_value();
    }
    if (!known) return;
    writer.family("opsctl_step_flapping",
                  "1 when the step's status changed often over its last 21 runs (Nagios' "
                  "weighted percent state change), else 0; it changes no status.");
    for (const auto& checklist : run.checklists) {
        for (const auto& step : checklist.steps) {
            if (step.flap) {
                writer.sample("opsctl_step_flapping", checklist, &step,
                              step.flap->flapping ? "1" : "0");
            }
        }
    }
}

}  // namespace

int prometheus_status_value(Status status) {
    switch (status) {
        case Status::Manual:
            return -2;
        case Status::Skipped:
            return -1;
        case Status::Pass:
            return 0;
        case Status::Warn:
            return 1;
        case Status::Fail:
            return 2;
        case Status::Error:
            return 3;
    }
    return 3;
}

std::string prometheus_label_value(std::string_view raw) {
    std::string out;
    for (const char c : repair_utf8(raw)) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '"') {
            out += "\\\"";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::map<std::pair<std::string, std::string>, std::string> previous_last_successes(
    const std::string& previous) {
    std::map<std::pair<std::string, std::string>, std::string> found;
    std::istringstream in(previous);
    for (std::string line; std::getline(in, line);) {
        if (!line.starts_with(kLastSuccess)) continue;
        size_t at = kLastSuccess.size();
        const auto labels = read_labels(line, at);
        if (!labels || at >= line.size() || line[at] != ' ') continue;
        const std::string value = line.substr(at + 1);
        // Only a plain number of seconds: never carry junk into the new file.
        if (value.empty() || value.find_first_not_of("0123456789.") != std::string::npos) continue;
        const auto runbook = labels->find("runbook");
        const auto checklist = labels->find("checklist");
        if (runbook == labels->end() || checklist == labels->end()) continue;
        found[{runbook->second, checklist->second}] = value;
    }
    return found;
}

void PrometheusReporter::write(const RunResult& run, std::ostream& out) const {
    Writer writer(out);
    writer.family("opsctl_step_status",
                  "Status of each step in the last run: -2 manual, -1 skipped, 0 pass, 1 warn, "
                  "2 fail, 3 error.");
    for (const auto& checklist : run.checklists) {
        for (const auto& step : checklist.steps) {
            writer.sample("opsctl_step_status", checklist, &step,
                          std::to_string(prometheus_status_value(step.status)));
        }
    }
    write_violation_states(writer, run);
    write_flapping(writer, run);
    writer.family("opsctl_checklist_status",
                  "Status of the checklist in the last run: 0 pass, 1 warn, 2 fail, 3 error.");
    for (const auto& checklist : run.checklists) {
        writer.sample("opsctl_checklist_status", checklist, nullptr,
                      std::to_string(prometheus_status_value(checklist.status)));
    }
    writer.family("opsctl_checklist_duration_seconds",
                  "How long the last run of the checklist took.");
    for (const auto& checklist : run.checklists) {
        writer.sample("opsctl_checklist_duration_seconds", checklist, nullptr,
                      fmt::format("{:.3f}", static_cast<double>(checklist.duration.count()) / 1e3));
    }
    writer.family("opsctl_checklist_last_run_timestamp_seconds",
                  "When the last run of the checklist finished, in seconds since the epoch.");
    for (const auto& checklist : run.checklists) {
        writer.sample("opsctl_checklist_last_run_timestamp_seconds", checklist, nullptr,
                      std::to_string(checklist.finished_at.epoch_seconds));
    }
    // Absent for a checklist that never passed: no sample is better than a fake one.
    const auto carried = previous_last_successes(previous_);
    std::vector<std::pair<const ChecklistResult*, std::string>> successes;
    for (const auto& checklist : run.checklists) {
        // A partial run that passed did not check the whole checklist: it only keeps
        // what an earlier whole run found.
        if (checklist.status == Status::Pass && !checklist.partial) {
            successes.emplace_back(&checklist, std::to_string(checklist.finished_at.epoch_seconds));
        } else if (const auto found = carried.find({checklist.runbook, checklist.checklist});
                   found != carried.end()) {
            successes.emplace_back(&checklist, found->second);
        }
    }
    if (successes.empty()) return;
    writer.family(std::string(kLastSuccess),
                  "When the checklist last passed, in seconds since the epoch; kept across "
                  "runs that did not pass.");
    for (const auto& [checklist, value] : successes) {
        writer.whole_checklist_sample(std::string(kLastSuccess), *checklist, value);
    }
}

}  // namespace opsctl
