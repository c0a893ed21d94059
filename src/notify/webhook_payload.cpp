#include "opsctl/notify/webhook_payload.h"

namespace opsctl {

namespace {

using nlohmann::json;

std::string severity_word(Severity severity) {
    return severity == Severity::Fail ? "fail" : "warn";
}

json item_json(const NoticeItem& item) {
    json value = {{"step", item.step_id},
                  {"step_title", item.step_title},
                  {"key", item.key},
                  {"column", item.column},
                  {"threshold", item.threshold},
                  {"rule", item.rule},
                  {"text", item.text},
                  {"consecutive_runs", item.consecutive_runs}};
    value["value"] = item.value ? json(*item.value) : json(nullptr);
    value["severity"] = item.severity ? json(severity_word(*item.severity)) : json(nullptr);
    value["previous_severity"] =
        item.previous_severity ? json(severity_word(*item.previous_severity)) : json(nullptr);
    value["first_seen"] = item.first_seen ? json(format_iso8601(*item.first_seen)) : json(nullptr);
    return value;
}

json checklist_json(const ChecklistNotice& checklist) {
    json value = {
        {"runbook", checklist.runbook}, {"checklist", checklist.checklist},
        {"title", checklist.title},     {"owner", checklist.owner},
        {"target", checklist.target},   {"status", std::string(to_string(checklist.status))},
        {"partial", checklist.partial}, {"started_at", format_iso8601(checklist.started_at)}};
    for (const char* list : {"new", "escalated", "reminder", "resolved", "error", "ongoing"}) {
        value[list] = json::array();
    }
    for (const NoticeItem& item : checklist.changes) {
        value[change_kind_word(item.kind)].push_back(item_json(item));
    }
    for (const NoticeItem& item : checklist.ongoing) value["ongoing"].push_back(item_json(item));
    return value;
}

}  // namespace

json webhook_payload(const Notice& notice, NotifyOn on) {
    json body = {{"version", kWebhookBodyVersion},
                 {"source", "opsctl"},
                 {"status", std::string(to_string(notice.status))},
                 {"notify_on", on == NotifyOn::Always ? "always" : "change"},
                 {"report_paths", notice.report_paths},
                 {"checklists", json::array()}};
    for (const ChecklistNotice& checklist : notice.checklists) {
        body["checklists"].push_back(checklist_json(checklist));
    }
    return body;
}

}  // namespace opsctl
