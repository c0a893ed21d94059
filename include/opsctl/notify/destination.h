#pragma once
// Where a run's notifications go: a Slack or Teams incoming webhook, a plain JSON
// webhook, or a PagerDuty routing key, from `--notify KIND:VALUE` or the config's
// "notify" entries. The URL or key is a secret: it is remembered (core/run_secrets) so
// that every output masks it and no shell step inherits its variable, and it is shown
// only as `shown` ("https://hooks.slack.com/services/***", "pagerduty:***").

#include <optional>
#include <string>
#include <vector>

#include "opsctl/config/config.h"
#include "opsctl/core/duration.h"

namespace opsctl {

enum class DestinationKind { Webhook, Slack, Teams, PagerDuty };

// "webhook", "slack", "teams", "pagerduty".
std::string destination_kind_word(DestinationKind kind);

struct Destination {
    DestinationKind kind = DestinationKind::Webhook;
    std::string secret;  // the URL, or PagerDuty's routing key
    std::string shown;   // masked: what messages say
    // Stable across runs and never the secret: the kind and a hash of the secret, the key
    // of what was delivered to it in the run history.
    std::string id;
    std::optional<Duration> repeat_every;  // reminders of ongoing violations; none: never
    std::vector<std::string> checklists;   // "RUNBOOK" or "RUNBOOK/CHECKLIST"; empty: all

    bool applies_to(const std::string& runbook, const std::string& checklist) const;
};

// `--notify SPEC`: "slack:URL", "teams:URL", "webhook:URL", "pagerduty:ROUTING_KEY";
// the value may also be "env:NAME" or "file:PATH" (kept off the command line).
// `position` counts the --notify options from 1, for the message. Throws UsageError
// naming the option and the masked spec.
Destination parse_notify_spec(const std::string& spec, size_t position);

// A config "notify" entry, its secret read (relative files from `base_dir`). Throws
// UsageError naming the entry's file, line and path.
Destination configured_destination(const NotifyConfig& entry, const std::string& base_dir);

// A webhook URL as shown: its scheme, host, port and first path segment, the rest
// "***" ("https://hooks.slack.com/services/***"); a URL with no path after the host
// shows "/***" in its place. Nothing else of it is copied.
std::string shown_url(const std::string& url);

}  // namespace opsctl
