#include "opsctl/cli/run_notifications.h"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <memory>

#include "opsctl/core/run_secrets.h"
#include "opsctl/history/history_store.h"
#include "opsctl/history/notification_ledger.h"
#include "opsctl/notify/delivery.h"
#include "opsctl/notify/pagerduty_payload.h"
#include "opsctl/notify/slack_payload.h"
#include "opsctl/notify/teams_payload.h"
#include "opsctl/notify/webhook_payload.h"

namespace opsctl {

namespace {

using SteadyClock = std::chrono::steady_clock;

// Where PagerDuty events go: the Events API, or OPSCTL_PAGERDUTY_EVENTS_URL (tests, a
// proxy of one's own).
std::string pagerduty_url() {
    const char* url = std::getenv("OPSCTL_PAGERDUTY_EVENTS_URL");
    return url && *url ? url : kPagerDutyEventsUrl;
}

std::string body_text(const nlohmann::json& body) {
    // A warehouse value may not be UTF-8: replaced, never a throw.
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

DeliveryResult deliver_notice(const Destination& destination, const Notice& notice, NotifyOn on,
                              SteadyClock::time_point deadline) {
    switch (destination.kind) {
        case DestinationKind::Webhook:
            return deliver(destination.secret, body_text(webhook_payload(notice, on)), deadline);
        case DestinationKind::Slack:
            return deliver(destination.secret, body_text(slack_payload(notice)), deadline);
        case DestinationKind::Teams:
            return deliver(destination.secret, body_text(teams_payload(notice)), deadline);
        case DestinationKind::PagerDuty:
            break;
    }
    for (const nlohmann::json& event : pagerduty_events(notice, destination.secret, on)) {
        DeliveryResult result = deliver(pagerduty_url(), body_text(event), deadline);
        if (!result.delivered) return result;
    }
    return {true, ""};
}

// The history store the run was recorded in, for the ledger; none without one or when
// it cannot be opened (recording the run has said so).
std::unique_ptr<StoreSession> open_ledger(const HistorySpec& history) {
    if (history.kind == HistoryKind::None) return nullptr;
    try {
        return open_history_store(history);
    } catch (const std::exception&) {
        return nullptr;
    }
}

// "slack https://hooks.slack.com/services/***", "pagerduty:***".
std::string described(const Destination& destination) {
    if (destination.kind == DestinationKind::PagerDuty) return destination.shown;
    return destination_kind_word(destination.kind) + " " + destination.shown;
}

struct Planned {
    Notice notice;
    std::vector<std::vector<LedgerEntry>> ledgers;  // per checklist of the notice
};

Planned plan_notice(const RunResult& run, const Destination& destination, NotifyOn on,
                    StoreSession* store, const std::string& target) {
    Planned planned;
    planned.notice.status = run.status;
    NoticePolicy policy{on, destination.repeat_every, now_utc()};
    for (const ChecklistResult& checklist : run.checklists) {
        if (!destination.applies_to(checklist.runbook, checklist.checklist)) continue;
        std::vector<LedgerEntry> ledger;
        if (store) {
            try {
                ledger = read_ledger(
                    *store, {destination.id, checklist.runbook, checklist.checklist, target});
            } catch (const std::exception&) {
                // A store that cannot tell: every change is news.
            }
        }
        ChecklistNotice part = plan_checklist_notice(checklist, ledger, policy);
        // On change, a checklist without any is not in the message.
        if (on == NotifyOn::Change && !part.has_changes()) continue;
        planned.notice.checklists.push_back(std::move(part));
        planned.ledgers.push_back(std::move(ledger));
    }
    return planned;
}

void record_outcome(StoreSession* store, const Destination& destination, const Planned& planned,
                    const std::string& target, bool delivered) {
    if (!store) return;
    try {
        for (size_t i = 0; i < planned.notice.checklists.size(); ++i) {
            const ChecklistNotice& checklist = planned.notice.checklists[i];
            record_delivery(*store,
                            {destination.id, checklist.runbook, checklist.checklist, target},
                            ledger_entries_of(checklist, planned.ledgers[i]), delivered, now_utc());
        }
    } catch (const std::exception& e) {
        spdlog::warn("notification to {}: not recorded in the run history: {}",
                     described(destination), mask_remembered_secrets(e.what()));
    }
}

}  // namespace

RunNotifications::RunNotifications(const CliOptions& options, const ResolvedTarget& resolved)
    : on_(parse_notify_on(options.notify_on)) {
    for (size_t i = 0; i < options.notify.size(); ++i) {
        destinations_.push_back(parse_notify_spec(options.notify[i], i + 1));
    }
    const std::optional<Config> config = config_for(options);
    if (!config) return;
    std::vector<NotifyConfig> entries = config->notify;
    if (const TargetConfig* target = config->find(resolved.name)) {
        entries.insert(entries.end(), target->notify.begin(), target->notify.end());
    }
    for (const NotifyConfig& entry : entries) {
        destinations_.push_back(configured_destination(entry, config->base_dir));
    }
}

void RunNotifications::send(const RunResult& run, const HistorySpec& history,
                            const std::string& target,
                            const std::vector<std::string>& report_paths) const {
    if (destinations_.empty()) return;
    const SteadyClock::time_point deadline = SteadyClock::now() + kNotificationBudget;
    const std::unique_ptr<StoreSession> store = open_ledger(history);
    for (const Destination& destination : destinations_) {
        Planned planned = plan_notice(run, destination, on_, store.get(), target);
        if (!worth_sending(planned.notice.checklists, on_)) continue;
        planned.notice.report_paths = report_paths;
        const DeliveryResult result = deliver_notice(destination, planned.notice, on_, deadline);
        if (!result.delivered) {
            spdlog::warn("notification to {} not delivered: {} (the next run sends it again)",
                         described(destination), mask_remembered_secrets(result.problem));
        }
        record_outcome(store.get(), destination, planned, target, result.delivered);
    }
}

}  // namespace opsctl
