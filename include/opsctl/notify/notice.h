#pragma once
// What one run tells one destination: per checklist, the changes to send (new,
// escalated warn -> fail, reminders, resolved, steps that errored or run again) and
// the other ongoing violations for context. Every payload (webhook, Slack, Teams,
// PagerDuty) is a pure function of a Notice.

#include <optional>
#include <string>
#include <vector>

#include "opsctl/core/status.h"
#include "opsctl/core/timestamp.h"
#include "opsctl/runbook/model.h"

namespace opsctl {

enum class ChangeKind { New, Escalated, Reminder, Ongoing, Resolved, Error };

// "new", "escalated", "reminder", "ongoing", "resolved", "error": the words of the
// webhook body and of the run history's pending deliveries.
std::string change_kind_word(ChangeKind kind);
std::optional<ChangeKind> change_kind_named(const std::string& word);

// The column an error's or a recovery's item names: a step, not one of its values.
inline constexpr const char* kStepErrorColumn = "(step error)";

struct NoticeItem {
    ChangeKind kind = ChangeKind::New;
    std::string step_id;
    std::string step_title;
    Status step_status = Status::Pass;  // the step's in this run
    std::string key;                    // empty for a step's error
    std::string column;                 // kStepErrorColumn for a step's error
    std::optional<std::string> value;   // nullopt for NULL, or not known (resolved)
    std::string threshold;
    std::string rule;
    std::optional<Severity> severity;           // none for errors and resolutions
    std::optional<Severity> previous_severity;  // escalations: warn
    std::string text;                           // one readable sentence
    std::optional<Timestamp> first_seen;
    int consecutive_runs = 0;
};

struct ChecklistNotice {
    std::string runbook;
    std::string checklist;
    std::string title;
    std::string owner;
    std::string target;  // masked
    Status status = Status::Pass;
    bool partial = false;
    Timestamp started_at;
    std::vector<NoticeItem> changes;  // what makes the message: never an acked violation
    std::vector<NoticeItem> ongoing;  // the other violations still there, not acked

    bool has_changes() const { return !changes.empty(); }
};

struct Notice {
    Status status = Status::Pass;  // the run's
    std::vector<ChecklistNotice> checklists;
    std::vector<std::string> report_paths;  // every report file the run wrote
};

}  // namespace opsctl
