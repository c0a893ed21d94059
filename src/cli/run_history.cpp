#include "opsctl/cli/run_history.h"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "opsctl/cli/commands.h"
#include "opsctl/config/config_file.h"
#include "opsctl/connect/target.h"
#include "opsctl/core/error.h"
#include "opsctl/history/baseline_query.h"
#include "opsctl/history/history_store.h"
#include "opsctl/history/past_runs.h"

namespace opsctl {

namespace {

// The config's "history", a relative path read from the config file's folder.
std::string configured_history(const CliOptions& options) {
    const std::optional<Config> config = config_for(options);
    if (!config || config->history.empty()) return {};
    const HistorySpec spec = parse_history_spec(config->history);
    if (spec.kind != HistoryKind::Sqlite || config->base_dir.empty() ||
        std::filesystem::path(spec.location).is_absolute()) {
        return config->history;
    }
    return "sqlite:" + (std::filesystem::path(config->base_dir) / spec.location).string();
}

void warn_not_recorded(RunResult& run, const std::string& reason) {
    const std::string line =
        "run history not recorded: " + mask_secrets(reason) + " (acknowledgements not applied)";
    spdlog::warn("{}", line);
    for (ChecklistResult& checklist : run.checklists) checklist.warnings.push_back(line);
}

// The steps' last runs for the reports that show them; the run is recorded already,
// so a failure here costs only those.
void show_past_runs(StoreSession& session, RunResult& run, const std::string& target) {
    try {
        load_past_runs(session, run, target);
    } catch (const std::exception& e) {
        spdlog::warn("run history: the steps' past runs not read: {}", mask_secrets(e.what()));
    }
}

}  // namespace

HistorySpec history_spec_for(const CliOptions& options) {
    if (!options.history.empty()) return parse_history_spec(options.history);
    return parse_history_spec(configured_history(options));
}

std::unique_ptr<StoreSession> open_history_for(const CliOptions& options,
                                               const std::string& command) {
    const HistorySpec spec = history_spec_for(options);
    if (spec.kind == HistoryKind::None) {
        throw UsageError(command +
                         ": --history none: there is no run history store (it holds the runs "
                         "and the acknowledgements)");
    }
    std::unique_ptr<StoreSession> session = open_history_store(spec);
    prepare_history_store(*session);
    return session;
}

RunBaselines run_baselines(const HistorySpec& spec, const std::string& runbook,
                           const std::vector<const Checklist*>& checklists,
                           const std::string& target) {
    RunBaselines none;
    if (!has_drift_rules(checklists)) return none;
    if (spec.kind == HistoryKind::None) {
        none.unavailable_reason = "no run history (--history none)";
        return none;
    }
    // The recording at the end says what is wrong with the store, once.
    try {
        const std::unique_ptr<StoreSession> session = open_history_store(spec);
        prepare_history_store(*session);
        return read_baselines(*session, runbook, checklists, target);
    } catch (const std::exception&) {
        none.unavailable_reason = "the run history could not be read";
        return none;
    }
}

void record_run_history(const HistorySpec& spec, RunResult& run, const std::string& target,
                        int exit_code) {
    if (spec.kind == HistoryKind::None || run.checklists.empty()) return;
    // Whatever goes wrong with the store, the checks' verdict stands.
    try {
        const std::unique_ptr<StoreSession> session = open_history_store(spec);
        RunContext context = current_run_context(exit_code, OPSCTL_VERSION);
        context.target = target;
        record_in_history(*session, run, context);
        show_past_runs(*session, run, target);
    } catch (const std::exception& e) {
        warn_not_recorded(run, e.what());
    }
}

}  // namespace opsctl
