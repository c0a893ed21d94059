// What a run tells a destination (notify/notice_plan) and how each service receives it
// (webhook, Slack Block Kit, Teams Adaptive Card, PagerDuty Events API v2): every
// payload checked against the service's documented required fields and limits.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "opsctl/core/utf8.h"
#include "opsctl/notify/notice_plan.h"
#include "opsctl/notify/notice_text.h"
#include "opsctl/notify/pagerduty_payload.h"
#include "opsctl/notify/slack_payload.h"
#include "opsctl/notify/teams_payload.h"
#include "opsctl/notify/webhook_payload.h"

using namespace opsctl;

namespace {

Timestamp at(const char* text) {
    return *parse_timestamp(text);
}

Violation violation(const std::string& key, ChangeState state, Severity severity = Severity::Fail) {
    Violation v;
    v.key = key;
    v.column = "depth";
    v.value = "400";
    v.threshold = "360";
    v.rule = severity == Severity::Fail ? "fail_above" : "warn_above";
    v.severity = severity;
    v.reason = "depth 400 > 360";
    v.state = state;
    v.first_seen = at("2026-12-01 08:00:00");
    v.consecutive_runs = state == ChangeState::New ? 1 : 2;
    return v;
}

ChecklistResult checklist(std::vector<Violation> violations, Status status = Status::Fail) {
    ChecklistResult result;
    result.runbook = "ops";
    result.checklist = "queues";
    result.target = "postgresql://ops:***@db/wh";
    result.status = status;
    result.started_at = at("2026-12-04 08:00:00");
    StepResult step;
    step.id = "depth";
    step.title = "Queue depth";
    step.status = status;
    step.history_tracked = true;
    step.violations = std::move(violations);
    step.violation_count = step.violations.size();
    result.steps.push_back(step);
    return result;
}

NoticePolicy policy(NotifyOn on = NotifyOn::Change) {
    NoticePolicy p;
    p.on = on;
    p.now = at("2026-12-04 08:00:00");
    return p;
}

std::vector<ChangeKind> kinds(const std::vector<NoticeItem>& items) {
    std::vector<ChangeKind> result;
    for (const NoticeItem& item : items) result.push_back(item.kind);
    return result;
}

Notice notice_of(const ChecklistNotice& checklist) {
    Notice notice;
    notice.status = checklist.status;
    notice.checklists.push_back(checklist);
    notice.report_paths = {"/var/lib/opsctl/report.html"};
    return notice;
}

// A notice of `count` new violations, each with a long reason.
Notice big_notice(size_t count) {
    std::vector<Violation> violations;
    for (size_t i = 0; i < count; ++i) {
        Violation v = violation("region-" + std::to_string(i), ChangeState::New);
        v.reason = std::string(400, 'x') + " <@here> & " + std::to_string(i);
        violations.push_back(v);
    }
    return notice_of(plan_checklist_notice(checklist(violations), {}, policy()));
}

}  // namespace

TEST_CASE("notify plan: on change, new and escalated are sent, ongoing and acked are not",
          "[notify]") {
    std::vector<Violation> violations{
        violation("eu", ChangeState::New), violation("us", ChangeState::Ongoing),
        violation("ap", ChangeState::Acked), violation("sa", ChangeState::Ongoing)};
    violations[3].previous_severity = Severity::Warn;
    ChecklistResult result = checklist(violations);
    result.steps[0].resolved.push_back({"af", "depth"});
    const ChecklistNotice notice = plan_checklist_notice(result, {}, policy());
    CHECK(kinds(notice.changes) ==
          std::vector<ChangeKind>{ChangeKind::New, ChangeKind::Escalated, ChangeKind::Resolved});
    CHECK(notice.changes[1].key == "sa");
    CHECK(notice.changes[2].key == "af");
    REQUIRE(notice.ongoing.size() == 1);
    CHECK(notice.ongoing[0].key == "us");
    CHECK(worth_sending({notice}, NotifyOn::Change));
}

TEST_CASE("notify plan: nothing changed, nothing sent, unless always", "[notify]") {
    const ChecklistResult result =
        checklist({violation("us", ChangeState::Ongoing), violation("ap", ChangeState::Acked)});
    const ChecklistNotice notice = plan_checklist_notice(result, {}, policy());
    CHECK(notice.changes.empty());
    CHECK_FALSE(worth_sending({notice}, NotifyOn::Change));
    CHECK(worth_sending({notice}, NotifyOn::Always));
    // Without a history nothing is known to be new.
    const ChecklistNotice untracked =
        plan_checklist_notice(checklist({violation("us", ChangeState::Untracked)}), {}, policy());
    CHECK(untracked.changes.empty());
    CHECK(untracked.ongoing.size() == 1);
}

TEST_CASE("notify plan: repeat_every reminds of ongoing violations", "[notify]") {
    const ChecklistResult result = checklist({violation("us", ChangeState::Ongoing)});
    NoticePolicy daily = policy();
    daily.repeat_every = std::chrono::hours(24);
    const LedgerEntry recent{"depth", "us", "depth", at("2026-12-03 20:00:00"), ""};
    const LedgerEntry old{"depth", "us", "depth", at("2026-12-03 07:59:59"), ""};
    CHECK(plan_checklist_notice(result, {recent}, daily).changes.empty());
    CHECK(kinds(plan_checklist_notice(result, {old}, daily).changes) ==
          std::vector<ChangeKind>{ChangeKind::Reminder});
    // Never delivered to this destination: due.
    CHECK(kinds(plan_checklist_notice(result, {}, daily).changes) ==
          std::vector<ChangeKind>{ChangeKind::Reminder});
    CHECK(plan_checklist_notice(result, {old}, policy()).changes.empty());
}

TEST_CASE("notify plan: a change whose delivery failed is sent again while it holds", "[notify]") {
    const ChecklistResult result = checklist({violation("us", ChangeState::Ongoing)});
    const LedgerEntry failed_new{"depth", "us", "depth", std::nullopt, "new"};
    const LedgerEntry failed_resolved{"depth", "eu", "depth", std::nullopt, "resolved"};
    const ChecklistNotice notice =
        plan_checklist_notice(result, {failed_new, failed_resolved}, policy());
    CHECK(kinds(notice.changes) == std::vector<ChangeKind>{ChangeKind::New, ChangeKind::Resolved});
    CHECK(notice.changes[1].key == "eu");
    const auto entries = ledger_entries_of(notice, {failed_new, failed_resolved});
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].pending == "new");
    CHECK(entries[1].pending == "resolved");
}

TEST_CASE("notify plan: a step's error is sent once, its recovery when it runs again", "[notify]") {
    ChecklistResult result = checklist({}, Status::Error);
    result.steps[0].message = "connection refused";
    const ChecklistNotice first = plan_checklist_notice(result, {}, policy());
    REQUIRE(kinds(first.changes) == std::vector<ChangeKind>{ChangeKind::Error});
    CHECK(first.changes[0].text == "connection refused");
    const LedgerEntry told{"depth", "", kStepErrorColumn, at("2026-12-04 07:00:00"), ""};
    CHECK(plan_checklist_notice(result, {told}, policy()).changes.empty());
    const ChecklistNotice again =
        plan_checklist_notice(checklist({}, Status::Pass), {told}, policy());
    CHECK(kinds(again.changes) == std::vector<ChangeKind>{ChangeKind::Resolved});
}

TEST_CASE("notify text: lines capped with '... and N more' inside both limits", "[notify]") {
    const std::vector<std::string> lines(10, std::string(10, 'a'));
    const auto kept = capped_lines(lines, 4, 1000, 100);
    REQUIRE(kept.size() == 4);
    CHECK(kept.back() == "... and 7 more");
    const auto by_chars = capped_lines(lines, 100, 40, 100);
    CHECK(by_chars.back() == "... and 8 more");
    size_t total = 0;
    for (const auto& line : by_chars) total += line.size() + 1;
    CHECK(total <= 40);
    CHECK(capped_lines(lines, 10, 1000, 100) == lines);
    CHECK(capped_lines({std::string(50, 'b')}, 1, 1000, 10)[0] ==
          utf8_shorten(std::string(50, 'b'), 10));
}

TEST_CASE("notify payload: webhook body", "[notify]") {
    std::vector<Violation> violations{violation("eu", ChangeState::New),
                                      violation("us", ChangeState::Ongoing)};
    const Notice notice = notice_of(plan_checklist_notice(checklist(violations), {}, policy()));
    const auto body = webhook_payload(notice, NotifyOn::Change);
    CHECK(body["version"] == 1);
    CHECK(body["status"] == "fail");
    CHECK(body["report_paths"] == nlohmann::json::array({"/var/lib/opsctl/report.html"}));
    const auto& checklist = body["checklists"][0];
    CHECK(checklist["target"] == "postgresql://ops:***@db/wh");
    CHECK(checklist["new"][0]["key"] == "eu");
    CHECK(checklist["new"][0]["value"] == "400");
    CHECK(checklist["new"][0]["threshold"] == "360");
    CHECK(checklist["new"][0]["severity"] == "fail");
    CHECK(checklist["ongoing"][0]["key"] == "us");
    for (const char* list : {"escalated", "reminder", "resolved", "error"}) {
        CHECK(checklist[list] == nlohmann::json::array());
    }
}

TEST_CASE("notify payload: Slack Block Kit within its limits", "[notify]") {
    const auto small = slack_payload(notice_of(
        plan_checklist_notice(checklist({violation("eu", ChangeState::New)}), {}, policy())));
    CHECK(small["text"].is_string());
    CHECK(small["blocks"][0]["type"] == "header");
    CHECK(small["blocks"][0]["text"]["type"] == "plain_text");
    CHECK(small["blocks"][1]["text"]["type"] == "mrkdwn");
    CHECK(small["blocks"][2]["text"]["text"] == "• NEW depth · eu: depth 400 &gt; 360");

    const auto big = slack_payload(big_notice(300));
    const auto& blocks = big["blocks"];
    CHECK(blocks.size() <= kSlackMaxBlocks);
    CHECK(utf8_length(blocks[0]["text"]["text"].get<std::string>()) <= kSlackMaxHeaderChars);
    size_t total = 0;
    for (const auto& block : blocks) {
        const std::string text = block["text"]["text"];
        CHECK(utf8_length(text) <= kSlackMaxSectionChars);
        CHECK(text.find("<@here>") == std::string::npos);
        total += utf8_length(text);
    }
    CHECK(total <= kSlackMaxMessageChars);
    const std::string last = blocks.back()["text"]["text"];
    CHECK(last.rfind("... and ", 0) == 0);
    CHECK(last.size() > std::string("... and  more").size());
}

TEST_CASE("notify payload: a Teams Workflows message with one Adaptive Card", "[notify]") {
    const auto payload = teams_payload(big_notice(500));
    CHECK(payload["type"] == "message");
    REQUIRE(payload["attachments"].size() == 1);
    const auto& attachment = payload["attachments"][0];
    CHECK(attachment["contentType"] == "application/vnd.microsoft.card.adaptive");
    const auto& card = attachment["content"];
    CHECK(card["type"] == "AdaptiveCard");
    CHECK(card["version"] == "1.4");
    CHECK(card["$schema"] == "http://adaptivecards.io/schemas/adaptive-card.json");
    CHECK(card["body"][0]["type"] == "TextBlock");
    CHECK(payload.dump().size() < 28 * 1024);
    CHECK(card["body"].back()["text"].get<std::string>().rfind("... and ", 0) == 0);
}

TEST_CASE("notify payload: PagerDuty events, a trigger per failing step and its resolve",
          "[notify]") {
    const Notice failing = notice_of(
        plan_checklist_notice(checklist({violation("eu", ChangeState::New)}), {}, policy()));
    const auto triggers = pagerduty_events(failing, "ROUTINGKEY", NotifyOn::Change);
    REQUIRE(triggers.size() == 1);
    const auto& event = triggers[0];
    CHECK(event["routing_key"] == "ROUTINGKEY");
    CHECK(event["event_action"] == "trigger");
    CHECK(event["dedup_key"] == "ops/queues/depth/postgresql://ops:***@db/wh");
    CHECK(event["payload"]["severity"] == "critical");
    CHECK(event["payload"]["source"] == "postgresql://ops:***@db/wh");
    const std::string summary = event["payload"]["summary"];
    CHECK(summary.find("eu") != std::string::npos);
    CHECK(utf8_length(summary) <= kPagerDutyMaxSummaryChars);
    const auto big = pagerduty_events(big_notice(300), "K", NotifyOn::Change);
    CHECK(utf8_length(big[0]["payload"]["summary"].get<std::string>()) <= 1024);

    ChecklistResult passing = checklist({}, Status::Pass);
    passing.steps[0].resolved.push_back({"eu", "depth"});
    const auto resolves = pagerduty_events(notice_of(plan_checklist_notice(passing, {}, policy())),
                                           "ROUTINGKEY", NotifyOn::Change);
    REQUIRE(resolves.size() == 1);
    CHECK(resolves[0]["event_action"] == "resolve");
    CHECK(resolves[0]["dedup_key"] == event["dedup_key"]);
}
