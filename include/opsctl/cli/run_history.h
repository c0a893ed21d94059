#pragma once
// The run history of `opsctl RUNBOOK CHECKLIST`: which store (--history,
// OPSCTL_HISTORY, the config's "history", else the default file), and recording a
// finished run in it without ever changing the run's verdict.

#include <memory>
#include <string>

#include "opsctl/cli/commands.h"
#include "opsctl/evaluate/baselines.h"
#include "opsctl/evaluate/step_result.h"
#include "opsctl/history/history_spec.h"
#include "opsctl/history/store_session.h"

namespace opsctl {

// --history / OPSCTL_HISTORY, else the config file's "history" (read only when the
// target is read from it too), else the default store. Throws UsageError.
HistorySpec history_spec_for(const CliOptions& options);

// The store history_spec_for() names, its schema migrated, for a command that reads or
// writes it (`command`: "opsctl history", ...). Throws UsageError for `none`,
// HistoryError when it cannot be opened.
std::unique_ptr<StoreSession> open_history_for(const CliOptions& options,
                                               const std::string& command);

// The baselines of the drop and rise rules of `checklists` (history/baseline_query),
// from the store `spec` names, when any step has such a rule. Without a store, or when
// it cannot be read, they are unavailable with the reason the steps then give.
RunBaselines run_baselines(const HistorySpec& spec, const std::string& runbook,
                           const std::vector<const Checklist*>& checklists,
                           const std::string& target);

// Records `run` in the store `spec` names. When the store cannot be opened or written,
// logs one warning line on stderr and adds it to every checklist's warnings, so that
// each report says so; the run's statuses are then those of its checks. Otherwise the
// violations active acks cover are acked and the statuses follow (history_store.h).
// `target` is the masked target, as --target named it.
void record_run_history(const HistorySpec& spec, RunResult& run, const std::string& target,
                        int exit_code);

}  // namespace opsctl
