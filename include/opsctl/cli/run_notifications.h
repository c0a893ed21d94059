#pragma once
// The notifications of `opsctl RUNBOOK CHECKLIST`: the destinations of --notify and
// the config's "notify" (top level and the target's), read before anything runs so
// that a bad one costs nothing and every secret is masked from the first step on; and,
// after the reports are written, one message per destination of what changed
// (notify/notice_plan), delivered within kNotificationBudget. A failed delivery is one
// warning line and a pending change in the history store; it never changes the exit
// code.

#include <string>
#include <vector>

#include "opsctl/cli/commands.h"
#include "opsctl/evaluate/step_result.h"
#include "opsctl/history/history_spec.h"
#include "opsctl/notify/destination.h"
#include "opsctl/notify/notice_plan.h"

namespace opsctl {

class RunNotifications {
  public:
    // Throws UsageError for a bad --notify, --notify-on or secret reference.
    RunNotifications(const CliOptions& options, const ResolvedTarget& resolved);

    // Sends what `run` changed. `target` is the masked target the history records it
    // under; `report_paths` every report file written.
    void send(const RunResult& run, const HistorySpec& history, const std::string& target,
              const std::vector<std::string>& report_paths) const;

  private:
    std::vector<Destination> destinations_;
    NotifyOn on_ = NotifyOn::Change;
};

}  // namespace opsctl
