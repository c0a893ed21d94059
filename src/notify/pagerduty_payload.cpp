#include "opsctl/notify/pagerduty_payload.h"

#include <map>

#include "opsctl/core/utf8.h"
#include "opsctl/notify/notice_text.h"

namespace opsctl {

namespace {

using nlohmann::json;

struct StepChanges {
    Status status = Status::Pass;
    std::vector<const NoticeItem*> problems;  // to trigger on
    bool resolved = false;
};

std::string severity_of(Status status) {
    if (status == Status::Fail) return "critical";
    if (status == Status::Error) return "error";
    return "warning";
}

std::map<std::string, StepChanges> changes_by_step(const ChecklistNotice& checklist, NotifyOn on) {
    std::map<std::string, StepChanges> steps;
    const auto add = [&steps](const NoticeItem& item) {
        StepChanges& step = steps[item.step_id];
        step.status = item.step_status;
        if (item.kind == ChangeKind::Resolved) {
            step.resolved = true;
        } else {
            step.problems.push_back(&item);
        }
    };
    for (const NoticeItem& item : checklist.changes) add(item);
    if (on == NotifyOn::Always) {
        for (const NoticeItem& item : checklist.ongoing) add(item);
    }
    return steps;
}

std::string dedup_key(const ChecklistNotice& checklist, const std::string& step) {
    return utf8_shorten(
        checklist.runbook + "/" + checklist.checklist + "/" + step + "/" + checklist.target,
        kPagerDutyMaxDedupKeyChars);
}

json trigger(const ChecklistNotice& checklist, const std::string& step, const StepChanges& changes,
             const std::string& routing_key) {
    std::vector<std::string> lines;
    for (const NoticeItem* item : changes.problems) lines.push_back(item_line(*item));
    std::string summary = "opsctl " + status_label(changes.status) + " " + checklist.runbook + "/" +
                          checklist.checklist + " step " + step;
    if (!checklist.target.empty()) summary += " on " + checklist.target;
    const std::vector<std::string> details = capped_lines(lines, 100, 8000, 500);
    summary = utf8_shorten(summary + ": " + details.front(), kPagerDutyMaxSummaryChars);
    return {{"routing_key", routing_key},
            {"event_action", "trigger"},
            {"dedup_key", dedup_key(checklist, step)},
            {"payload",
             {{"summary", summary},
              {"source", checklist.target.empty() ? std::string("opsctl") : checklist.target},
              {"severity", severity_of(changes.status)},
              {"timestamp", format_iso8601(checklist.started_at)},
              {"component", checklist.runbook + "/" + checklist.checklist},
              {"group", checklist.runbook},
              {"class", step},
              {"custom_details", {{"changes", details}}}}}};
}

}  // namespace

std::vector<json> pagerduty_events(const Notice& notice, const std::string& routing_key,
                                   NotifyOn on) {
    std::vector<json> events;
    for (const ChecklistNotice& checklist : notice.checklists) {
        for (const auto& [step, changes] : changes_by_step(checklist, on)) {
            if (!changes.problems.empty() && changes.status != Status::Pass) {
                events.push_back(trigger(checklist, step, changes, routing_key));
            } else if (changes.resolved && changes.status == Status::Pass) {
                events.push_back({{"routing_key", routing_key},
                                  {"event_action", "resolve"},
                                  {"dedup_key", dedup_key(checklist, step)}});
            }
        }
    }
    return events;
}

}  // namespace opsctl
