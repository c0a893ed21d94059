// opsctl history [RUNBOOK [CHECKLIST [STEP]]]: the recorded runs, or one step's
// statuses over time; opsctl history prune --older-than D.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "opsctl/cli/commands.h"
#include "opsctl/cli/run_history.h"
#include "opsctl/core/duration.h"
#include "opsctl/core/error.h"
#include "opsctl/core/quote.h"
#include "opsctl/history/history_error.h"
#include "opsctl/history/history_query.h"
#include "opsctl/history/history_store.h"

namespace opsctl {

namespace {

Duration parse_age(const std::string& option, const std::string& text) {
    const std::optional<Duration> age = parse_duration(text);
    if (!age) {
        throw UsageError(option + " " + quote_value(text) +
                         " is not a duration (examples: \"7d\", \"12h\", \"90d\")");
    }
    return *age;
}

Timestamp ago(const Duration& age) {
    Timestamp now = now_utc();
    now.epoch_seconds -= std::chrono::duration_cast<std::chrono::seconds>(age).count();
    return now;
}

HistoryFilter filter_of(const CliOptions& options) {
    HistoryFilter filter;
    filter.runbook = options.runbook;
    filter.checklist = options.checklist;
    filter.step = options.step;
    filter.key = options.key;
    filter.limit = options.limit;
    if (!options.target.empty()) filter.target = resolve_target_for(options).describe();
    if (!options.since.empty()) filter.since = ago(parse_age("--since", options.since));
    if (!options.key.empty() && options.step.empty()) {
        throw UsageError(
            "opsctl history: --key needs a STEP (opsctl history RUNBOOK CHECKLIST STEP)");
    }
    return filter;
}

std::string minute(const std::string& iso) {
    std::string shown = iso.substr(0, 16);
    if (shown.size() > 10) shown[10] = ' ';
    return shown;
}

std::string counts_text(const RunSummary& run) {
    std::vector<std::string> parts;
    for (const char* status : {"pass", "warn", "fail", "error", "skipped", "manual"}) {
        const auto found = run.counts.find(status);
        if (found != run.counts.end()) parts.push_back(fmt::format("{} {}", found->second, status));
    }
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::string runs_text(const std::vector<RunSummary>& runs) {
    std::ostringstream out;
    if (runs.empty()) out << "no recorded runs\n";
    for (const RunSummary& run : runs) {
        out << fmt::format("{}  {}/{}  {}  {:<5}  {}  {} ms{}\n", minute(run.started_at),
                           run.runbook, run.checklist, run.target, run.status, counts_text(run),
                           run.duration_ms, run.partial ? "  (partial)" : "");
    }
    return out.str();
}

nlohmann::json runs_json(const std::vector<RunSummary>& runs) {
    nlohmann::json list = nlohmann::json::array();
    for (const RunSummary& run : runs) {
        list.push_back({{"id", run.id},
                        {"runbook", run.runbook},
                        {"checklist", run.checklist},
                        {"target", run.target},
                        {"started_at", run.started_at},
                        {"status", run.status},
                        {"exit_code", run.exit_code},
                        {"duration_ms", run.duration_ms},
                        {"partial", run.partial},
                        {"counts", run.counts}});
    }
    return {{"runs", list}};
}

char strip_letter(const std::string& status) {
    if (status == "pass") return '.';
    if (status == "warn") return 'W';
    if (status == "fail") return 'F';
    if (status == "error") return 'E';
    return '-';
}

std::string step_text(const CliOptions& options, const std::vector<StepPoint>& points) {
    std::ostringstream out;
    std::string strip;
    for (const StepPoint& point : points) strip += strip_letter(point.status);
    out << options.runbook << "/" << options.checklist << " " << options.step << ": " << strip
        << "  (oldest first; . pass, W warn, F fail, E error, - not run)\n";
    for (const StepPoint& point : points) {
        out << fmt::format("{}  {}  {:<7}", minute(point.started_at), point.target, point.status);
        if (!options.key.empty()) out << "  " << options.key << " = " << point.value.value_or("-");
        out << "  " << quote_value(point.message, 120) << '\n';
    }
    return out.str();
}

nlohmann::json step_json(const CliOptions& options, const std::vector<StepPoint>& points) {
    nlohmann::json list = nlohmann::json::array();
    for (const StepPoint& point : points) {
        nlohmann::json entry{{"run_id", point.run_id},
                             {"started_at", point.started_at},
                             {"target", point.target},
                             {"status", point.status},
                             {"message", point.message}};
        if (!options.key.empty())
            entry["value"] = point.value ? nlohmann::json(*point.value) : nullptr;
        list.push_back(entry);
    }
    return {{"runbook", options.runbook},
            {"checklist", options.checklist},
            {"step", options.step},
            {"key", options.key.empty() ? nlohmann::json(nullptr) : nlohmann::json(options.key)},
            {"results", list}};
}

}  // namespace

int command_history(const CliOptions& options) {
    if (options.format != "text" && options.format != "json") {
        throw UsageError("opsctl history: unknown --format " + quote_value(options.format) +
                         " (text, json)");
    }
    const HistoryFilter filter = filter_of(options);
    const std::unique_ptr<StoreSession> session = open_history_for(options, "opsctl history");
    std::string text;
    if (options.step.empty()) {
        const std::vector<RunSummary> runs = list_runs(*session, filter);
        text = options.format == "json" ? runs_json(runs).dump(2) + "\n" : runs_text(runs);
    } else {
        const std::vector<StepPoint> points = step_history(*session, filter);
        text = options.format == "json" ? step_json(options, points).dump(2) + "\n"
                                        : step_text(options, points);
    }
    write_output(options, text);
    return exit_code::kPass;
}

int command_history_prune(const CliOptions& options) {
    const Duration age = parse_age("--older-than", options.older_than);
    const std::unique_ptr<StoreSession> session = open_history_for(options, "opsctl history");
    const long long pruned = prune_runs(*session, ago(age));
    write_output(options, fmt::format("pruned {} run(s) older than {} from {}\n", pruned,
                                      format_duration(age), session->describe()));
    return exit_code::kPass;
}

}  // namespace opsctl
