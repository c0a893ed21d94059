#include "opsctl/notify/notice_plan.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <set>
#include <tuple>

#include "opsctl/core/error.h"
#include "opsctl/core/quote.h"

namespace opsctl {

namespace {

using Identity = std::tuple<std::string, std::string, std::string>;  // step, key, column

bool evaluated(Status status) {
    return status == Status::Pass || status == Status::Warn || status == Status::Fail;
}

NoticeItem item_of(const StepResult& step, const Violation& violation, ChangeKind kind) {
    NoticeItem item;
    item.kind = kind;
    item.step_id = step.id;
    item.step_title = step.title;
    item.step_status = step.status;
    item.key = violation.key;
    item.column = violation.column;
    item.value = violation.value;
    item.threshold = violation.threshold;
    item.rule = violation.rule;
    item.severity = violation.severity;
    item.previous_severity = violation.previous_severity;
    item.text = violation.reason;
    item.first_seen = violation.first_seen;
    item.consecutive_runs = violation.consecutive_runs;
    return item;
}

NoticeItem step_item(const StepResult& step, ChangeKind kind, const std::string& key,
                     const std::string& column, const std::string& text) {
    NoticeItem item;
    item.kind = kind;
    item.step_id = step.id;
    item.step_title = step.title;
    item.step_status = step.status;
    item.key = key;
    item.column = column;
    item.text = text;
    return item;
}

class Planner {
  public:
    Planner(const std::vector<LedgerEntry>& ledger, const NoticePolicy& policy) : policy_(policy) {
        for (const LedgerEntry& entry : ledger) {
            ledger_[{entry.step_id, entry.key, entry.column}] = &entry;
        }
    }

    void plan_step(const StepResult& step, ChecklistNotice& notice) const {
        const LedgerEntry* error = told({step.id, "", kStepErrorColumn});
        if (step.status == Status::Error) {
            // Once per error streak, unless a reminder is due or it was never delivered.
            if (!error || !error->pending.empty() || reminder_due(error)) {
                notice.changes.push_back(
                    step_item(step, ChangeKind::Error, "", kStepErrorColumn, step.message));
            }
            return;
        }
        if (!evaluated(step.status)) return;
        if (error) {
            notice.changes.push_back(
                step_item(step, ChangeKind::Resolved, "", kStepErrorColumn, "the step runs again"));
        }
        std::set<Identity> present;
        for (const Violation& violation : step.violations) {
            present.insert({step.id, violation.key, violation.column});
            plan_violation(step, violation, notice);
        }
        plan_resolved(step, present, notice);
    }

  private:
    const LedgerEntry* told(const Identity& identity) const {
        const auto found = ledger_.find(identity);
        return found == ledger_.end() ? nullptr : found->second;
    }

    bool reminder_due(const LedgerEntry* entry) const {
        if (!policy_.repeat_every) return false;
        if (!entry || !entry->delivered_at) return true;
        const std::int64_t seconds = policy_.now.epoch_seconds - entry->delivered_at->epoch_seconds;
        return std::chrono::seconds(seconds) >= *policy_.repeat_every;
    }

    void plan_violation(const StepResult& step, const Violation& violation,
                        ChecklistNotice& notice) const {
        switch (violation.state) {
            case ChangeState::Acked:
                return;  // never sent, not even as context
            case ChangeState::New:
                notice.changes.push_back(item_of(step, violation, ChangeKind::New));
                return;
            case ChangeState::Untracked:
                notice.ongoing.push_back(item_of(step, violation, ChangeKind::Ongoing));
                return;
            case ChangeState::Ongoing:
                break;
        }
        if (violation.previous_severity == Severity::Warn && violation.severity == Severity::Fail) {
            notice.changes.push_back(item_of(step, violation, ChangeKind::Escalated));
            return;
        }
        const LedgerEntry* entry = told({step.id, violation.key, violation.column});
        const std::optional<ChangeKind> pending =
            entry ? change_kind_named(entry->pending) : std::nullopt;
        if (pending && *pending != ChangeKind::Resolved) {
            notice.changes.push_back(item_of(step, violation, *pending));
        } else if (reminder_due(entry)) {
            notice.changes.push_back(item_of(step, violation, ChangeKind::Reminder));
        } else {
            notice.ongoing.push_back(item_of(step, violation, ChangeKind::Ongoing));
        }
    }

    // The previous run's violations now gone, and resolutions not delivered before.
    void plan_resolved(const StepResult& step, const std::set<Identity>& present,
                       ChecklistNotice& notice) const {
        std::set<Identity> resolved;
        for (const ViolationIdentity& gone : step.resolved) {
            resolved.insert({step.id, gone.key, gone.column});
            notice.changes.push_back(step_item(step, ChangeKind::Resolved, gone.key, gone.column,
                                               "resolved since the last run"));
        }
        for (const auto& [identity, entry] : ledger_) {
            if (std::get<0>(identity) != step.id || entry->pending != "resolved" ||
                present.count(identity) || resolved.count(identity)) {
                continue;
            }
            notice.changes.push_back(
                step_item(step, ChangeKind::Resolved, entry->key, entry->column, "resolved"));
        }
    }

    std::map<Identity, const LedgerEntry*> ledger_;
    const NoticePolicy& policy_;
};

}  // namespace

NotifyOn parse_notify_on(const std::string& word) {
    if (word == "change") return NotifyOn::Change;
    if (word == "always") return NotifyOn::Always;
    throw UsageError("--notify-on " + quote_value(word) + ": expected change or always");
}

ChecklistNotice plan_checklist_notice(const ChecklistResult& result,
                                      const std::vector<LedgerEntry>& ledger,
                                      const NoticePolicy& policy) {
    ChecklistNotice notice;
    notice.runbook = result.runbook;
    notice.checklist = result.checklist;
    notice.title = result.title;
    notice.owner = result.owner;
    notice.target = result.target;
    notice.status = result.status;
    notice.partial = result.partial;
    notice.started_at = result.started_at;
    const Planner planner(ledger, policy);
    for (const StepResult& step : result.steps) planner.plan_step(step, notice);
    return notice;
}

bool worth_sending(const std::vector<ChecklistNotice>& checklists, NotifyOn on) {
    if (checklists.empty()) return false;
    if (on == NotifyOn::Always) return true;
    return std::any_of(checklists.begin(), checklists.end(),
                       [](const ChecklistNotice& notice) { return notice.has_changes(); });
}

std::vector<LedgerEntry> ledger_entries_of(const ChecklistNotice& notice,
                                           const std::vector<LedgerEntry>& ledger) {
    std::vector<LedgerEntry> entries;
    entries.reserve(notice.changes.size());
    for (const NoticeItem& item : notice.changes) {
        LedgerEntry entry{item.step_id, item.key, item.column, std::nullopt,
                          change_kind_word(item.kind)};
        for (const LedgerEntry& before : ledger) {
            if (before.step_id == item.step_id && before.key == item.key &&
                before.column == item.column) {
                entry.delivered_at = before.delivered_at;
            }
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

}  // namespace opsctl
