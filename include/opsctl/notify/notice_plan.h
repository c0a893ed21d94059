#pragma once
// When to send (issue 19): by default only on change, from what the run history knows
// of each violation (evaluate's change states) and of what this destination was told
// (history/notification_ledger):
//   - a new violation, an escalation from warn to fail, a resolved one;
//   - a step that errors, once, and its recovery when it is evaluated again;
//   - with repeat_every, an ongoing violation last delivered that long ago (or never);
//   - a change whose delivery failed, again, while it still holds;
//   - never an acked violation.
// Without a history (untracked violations) nothing is known to have changed: only errors
// are sent. `always` sends every run's message, changes or not.

#include <optional>
#include <vector>

#include "opsctl/core/duration.h"
#include "opsctl/evaluate/step_result.h"
#include "opsctl/history/notification_ledger.h"
#include "opsctl/notify/notice.h"

namespace opsctl {

enum class NotifyOn { Change, Always };

// --notify-on: "change" or "always"; throws UsageError for anything else.
NotifyOn parse_notify_on(const std::string& word);

struct NoticePolicy {
    NotifyOn on = NotifyOn::Change;
    std::optional<Duration> repeat_every;
    Timestamp now;
};

// The checklist's part of a notice: its changes and ongoing violations. `ledger` is
// what the destination was told of this checklist on this target (empty without a
// history, or when it could not be read).
ChecklistNotice plan_checklist_notice(const ChecklistResult& result,
                                      const std::vector<LedgerEntry>& ledger,
                                      const NoticePolicy& policy);

// Whether a notice of these checklists is sent at all.
bool worth_sending(const std::vector<ChecklistNotice>& checklists, NotifyOn on);

// What the ledger keeps of a delivered (or failed) notice: one entry per change, its
// kind as the pending word, its last delivery as `ledger` had it.
std::vector<LedgerEntry> ledger_entries_of(const ChecklistNotice& notice,
                                           const std::vector<LedgerEntry>& ledger);

}  // namespace opsctl
