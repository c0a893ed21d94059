#include "opsctl/notify/destination.h"

#include <filesystem>

#include "opsctl/config/target_resolution.h"
#include "opsctl/core/error.h"
#include "opsctl/core/run_secrets.h"
#include "opsctl/core/stable_hash.h"

namespace opsctl {

namespace {

// A tail shorter than this is too likely to be an ordinary word to be masked on its own.
constexpr size_t kShortestMaskedTail = 8;

std::optional<DestinationKind> kind_named(const std::string& word) {
    if (word == "webhook") return DestinationKind::Webhook;
    if (word == "slack") return DestinationKind::Slack;
    if (word == "teams") return DestinationKind::Teams;
    if (word == "pagerduty") return DestinationKind::PagerDuty;
    return std::nullopt;
}

bool starts_with(const std::string& text, const std::string& prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
}

// Where the host of "scheme://host[:port]/..." ends (at '/', '?' or '#').
size_t authority_end(const std::string& url, size_t from) {
    const size_t end = url.find_first_of("/?#", from);
    return end == std::string::npos ? url.size() : end;
}

bool is_loopback_host(const std::string& authority) {
    if (starts_with(authority, "[::1]")) return true;
    const std::string host = authority.substr(0, authority.find(':'));
    return host == "localhost" || host == "127.0.0.1";
}

// Why `url` cannot be a webhook, or empty. Plain http only to this machine: the URL
// is the secret and would cross the network in clear.
std::string url_problem(const std::string& url) {
    const bool https = starts_with(url, "https://");
    if (!https && !starts_with(url, "http://")) return "a webhook URL starts with https://";
    const size_t host_start = https ? 8 : 7;
    const std::string authority =
        url.substr(host_start, authority_end(url, host_start) - host_start);
    if (authority.empty()) return "the URL has no host";
    if (authority.find('@') != std::string::npos) return "the URL must not hold a user name";
    for (const char c : url) {
        if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) {
            return "the URL holds a space or a control character";
        }
    }
    if (!https && !is_loopback_host(authority)) {
        return "plain http:// only to this machine (localhost, 127.0.0.1, [::1]): use https://";
    }
    return {};
}

void remember_destination_secret(const Destination& destination) {
    remember_secret(destination.secret);
    if (destination.kind == DestinationKind::PagerDuty) return;
    // The masked part on its own too, so that a server echoing a path cannot show it.
    const std::string shown_prefix = destination.shown.substr(0, destination.shown.size() - 3);
    if (starts_with(destination.secret, shown_prefix)) {
        const std::string tail = destination.secret.substr(shown_prefix.size());
        if (tail.size() >= kShortestMaskedTail) remember_secret(tail);
    }
}

Destination make_destination(DestinationKind kind, std::string secret, const std::string& where) {
    Destination destination;
    destination.kind = kind;
    destination.secret = std::move(secret);
    if (kind == DestinationKind::PagerDuty) {
        if (destination.secret.find_first_of(" \t\r\n") != std::string::npos) {
            throw UsageError(where + ": a routing key holds no spaces");
        }
        destination.shown = "pagerduty:***";
    } else {
        destination.shown = shown_url(destination.secret);
        if (const std::string problem = url_problem(destination.secret); !problem.empty()) {
            throw UsageError(where + ": " + problem);
        }
    }
    destination.id = destination_kind_word(kind) + ":" + stable_hash(destination.secret, 16);
    remember_destination_secret(destination);
    return destination;
}

}  // namespace

std::string destination_kind_word(DestinationKind kind) {
    switch (kind) {
        case DestinationKind::Webhook:
            return "webhook";
        case DestinationKind::Slack:
            return "slack";
        case DestinationKind::Teams:
            return "teams";
        case DestinationKind::PagerDuty:
            return "pagerduty";
    }
    return "webhook";
}

bool Destination::applies_to(const std::string& runbook, const std::string& checklist) const {
    if (checklists.empty()) return true;
    std::string full_name = runbook;
    full_name += '/';
    full_name += checklist;
    for (const std::string& name : checklists) {
        if (name == runbook || name == full_name) return true;
    }
    return false;
}

std::string shown_url(const std::string& url) {
    const size_t scheme_end = url.find("://");
    if (scheme_end == std::string::npos) return "***";
    const size_t host_end = authority_end(url, scheme_end + 3);
    std::string shown = url.substr(0, host_end);
    // A user name and password before the host are never shown.
    if (const size_t at = shown.rfind('@'); at != std::string::npos) {
        shown.replace(scheme_end + 3, at - scheme_end - 3, "***");
    }
    if (host_end < url.size() && url[host_end] == '/') {
        const size_t segment_end = authority_end(url, host_end + 1);
        // The first segment is the service's route ("/services"), unless it is all there is.
        if (segment_end < url.size()) shown += url.substr(host_end, segment_end - host_end);
    }
    return shown + "/***";
}

Destination parse_notify_spec(const std::string& spec, size_t position) {
    const size_t colon = spec.find(':');
    const std::string word = spec.substr(0, colon);
    const std::optional<DestinationKind> kind = kind_named(word);
    const std::string option = "--notify #" + std::to_string(position);
    if (colon == std::string::npos || !kind) {
        // Not echoed: what follows the first ':' may be a secret.
        throw UsageError(option + " \"" + word + (colon == std::string::npos ? "" : ":***") +
                         "\": expected webhook:URL, slack:URL, teams:URL or pagerduty:ROUTING_KEY");
    }
    const std::string value = spec.substr(colon + 1);
    const std::string where = option + " " + word + ":";
    if (value.empty()) throw UsageError(where + ": the URL or routing key is missing");
    const bool pagerduty = *kind == DestinationKind::PagerDuty;
    std::string secret = value;
    if (starts_with(value, "env:") || starts_with(value, "file:")) {
        const bool env = starts_with(value, "env:");
        secret = read_referenced_secret(where + " ", env ? "env:" : "file:", "file:",
                                        env ? SecretSource::Environment : SecretSource::File,
                                        value.substr(env ? 4 : 5));
    }
    const std::string shown = pagerduty ? "pagerduty:***" : word + ":" + shown_url(secret);
    return make_destination(*kind, secret, option + " " + shown);
}

Destination configured_destination(const NotifyConfig& entry, const std::string& base_dir) {
    const DestinationKind kind = kind_named(entry.type).value_or(DestinationKind::Webhook);
    std::string reference = entry.secret_reference;
    if (entry.secret == SecretSource::File && !base_dir.empty() &&
        std::filesystem::path(reference).is_relative()) {
        reference = (std::filesystem::path(base_dir) / reference).string();
    }
    const std::string env_key = kind == DestinationKind::PagerDuty ? "routing_key_env" : "url_env";
    const std::string secret =
        read_referenced_secret(entry.where + ": ", env_key, "url_file", entry.secret, reference);
    Destination destination = make_destination(kind, secret, entry.where);
    if (!entry.repeat_every.empty()) destination.repeat_every = parse_duration(entry.repeat_every);
    destination.checklists = entry.checklists;
    return destination;
}

}  // namespace opsctl
