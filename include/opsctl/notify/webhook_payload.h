#pragma once
// The JSON body `webhook:` destinations receive (docs/notifications.md): the run's
// status, every report file it wrote, and per checklist its target (masked), status and
// the new, escalated, reminded, resolved, errored and ongoing violations.

#include <nlohmann/json.hpp>

#include "opsctl/notify/notice.h"
#include "opsctl/notify/notice_plan.h"

namespace opsctl {

// The body's "version": a change that removes or renames a field raises it.
inline constexpr int kWebhookBodyVersion = 1;

nlohmann::json webhook_payload(const Notice& notice, NotifyOn on);

}  // namespace opsctl
