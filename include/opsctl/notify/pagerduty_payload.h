#pragma once
// PagerDuty Events API v2 events of a notice: one per step that fails (or warns, or
// errors) with something to tell, event_action "trigger", and one "resolve" per step
// that passes again after a resolution. The dedup_key is runbook/checklist/step/target
// (the target masked), so a step's trigger and its resolve meet in one alert.
// Required fields: routing_key, event_action, dedup_key (at most 255 characters), and
// for a trigger payload.summary (at most 1,024), payload.source and payload.severity
// (critical for fail, error, warning).

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "opsctl/notify/notice.h"
#include "opsctl/notify/notice_plan.h"

namespace opsctl {

inline constexpr size_t kPagerDutyMaxSummaryChars = 1024;
inline constexpr size_t kPagerDutyMaxDedupKeyChars = 255;
inline constexpr const char* kPagerDutyEventsUrl = "https://events.pagerduty.com/v2/enqueue";

std::vector<nlohmann::json> pagerduty_events(const Notice& notice, const std::string& routing_key,
                                             NotifyOn on);

}  // namespace opsctl
