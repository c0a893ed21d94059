// Notification destinations: `--notify KIND:VALUE` and the config's "notify" entries,
// every way they can be wrong named by position, and the secret masked everywhere:
// in the shown form, in any text run_secrets masks, and kept from shell steps.

#include <sys/stat.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <string>

#include "opsctl/config/config.h"
#include "opsctl/core/error.h"
#include "opsctl/core/run_secrets.h"
#include "opsctl/notify/destination.h"
#include "support/test_support.h"

using opsctl::Destination;
using opsctl::DestinationKind;
using opsctl::parse_config;
using opsctl::parse_notify_spec;
using opsctl::UsageError;

namespace {

const std::string kSlack = "https://hooks.slack.com/services/T0001/B0002/XyZsecret123";

std::string usage_error(const std::function<void()>& action) {
    try {
        action();
    } catch (const UsageError& e) {
        return e.what();
    }
    FAIL("no UsageError");
    return {};
}

std::string config_error(const std::string& text) {
    return usage_error([&] { parse_config(text, "opsctl.json"); });
}

}  // namespace

TEST_CASE("notify: a URL is shown with its route only", "[notify]") {
    CHECK(opsctl::shown_url(kSlack) == "https://hooks.slack.com/services/***");
    CHECK(opsctl::shown_url("https://x.example/hook") == "https://x.example/***");
    CHECK(opsctl::shown_url("https://x.example") == "https://x.example/***");
    CHECK(opsctl::shown_url("https://prod.logic.azure.com:443/workflows/abc/triggers?sig=s") ==
          "https://prod.logic.azure.com:443/workflows/***");
    CHECK(opsctl::shown_url("http://127.0.0.1:8080/hook/tok?x=1") ==
          "http://127.0.0.1:8080/hook/***");
}

TEST_CASE("notify: --notify specs of every kind", "[notify]") {
    opsctl::forget_remembered_secrets();
    const Destination slack = parse_notify_spec("slack:" + kSlack, 1);
    CHECK(slack.kind == DestinationKind::Slack);
    CHECK(slack.secret == kSlack);
    CHECK(slack.shown == "https://hooks.slack.com/services/***");
    CHECK(slack.id.rfind("slack:", 0) == 0);
    CHECK(slack.id.find("XyZ") == std::string::npos);
    // Masked in any text, the whole URL and its secret part alone.
    CHECK(opsctl::mask_remembered_secrets("posting to " + kSlack) == "posting to ***");
    CHECK(opsctl::mask_remembered_secrets("path T0001/B0002/XyZsecret123 refused") ==
          "path *** refused");

    CHECK(parse_notify_spec("teams:https://t.example/workflows/a", 2).kind ==
          DestinationKind::Teams);
    CHECK(parse_notify_spec("webhook:http://127.0.0.1:9/hook", 3).kind == DestinationKind::Webhook);
    const Destination pager = parse_notify_spec("pagerduty:R0UT1NGKEY0123456789", 4);
    CHECK(pager.kind == DestinationKind::PagerDuty);
    CHECK(pager.shown == "pagerduty:***");
    CHECK(opsctl::mask_remembered_secrets("key R0UT1NGKEY0123456789") == "key ***");
    // Two URLs that show the same are still two destinations.
    CHECK(parse_notify_spec("slack:" + kSlack + "2", 5).id != slack.id);
    opsctl::forget_remembered_secrets();
}

TEST_CASE("notify: a --notify value from the environment is kept from shell steps", "[notify]") {
    opsctl::forget_remembered_secrets();
    setenv("OPSCTL_TEST_SLACK_URL", kSlack.c_str(), 1);
    const Destination slack = parse_notify_spec("slack:env:OPSCTL_TEST_SLACK_URL", 1);
    CHECK(slack.secret == kSlack);
    const auto hidden = opsctl::secret_variables();
    CHECK(std::find(hidden.begin(), hidden.end(), "OPSCTL_TEST_SLACK_URL") != hidden.end());
    unsetenv("OPSCTL_TEST_SLACK_URL");
    CHECK(usage_error([] { parse_notify_spec("slack:env:OPSCTL_TEST_SLACK_URL", 2); }) ==
          "--notify #2 slack: env: OPSCTL_TEST_SLACK_URL is not set");
    opsctl::forget_remembered_secrets();
}

TEST_CASE("notify: bad --notify specs, one line each, never the secret", "[notify]") {
    CHECK(usage_error([] { parse_notify_spec("slak:" + kSlack, 1); }) ==
          "--notify #1 \"slak:***\": expected webhook:URL, slack:URL, teams:URL or "
          "pagerduty:ROUTING_KEY");
    CHECK(usage_error([] { parse_notify_spec("slack", 2); }) ==
          "--notify #2 \"slack\": expected webhook:URL, slack:URL, teams:URL or "
          "pagerduty:ROUTING_KEY");
    CHECK(usage_error([] { parse_notify_spec("slack:", 1); }) ==
          "--notify #1 slack:: the URL or routing key is missing");
    CHECK(usage_error(
              [] { parse_notify_spec("slack:http://hooks.slack.com/services/XyZsecret1", 3); }) ==
          "--notify #3 slack:http://hooks.slack.com/services/***: plain http:// only to this "
          "machine (localhost, 127.0.0.1, [::1]): use https://");
    CHECK(usage_error([] { parse_notify_spec("webhook:ftp://x/XyZsecret1", 1); }) ==
          "--notify #1 webhook:ftp://x/***: a webhook URL starts with https://");
    CHECK(usage_error([] { parse_notify_spec("webhook:https://u:XyZsecret1@x/h/k", 1); }) ==
          "--notify #1 webhook:https://***@x/h/***: the URL must not hold a user name");
    opsctl::forget_remembered_secrets();
}

TEST_CASE("notify: config entries, at the top and per target", "[notify][config]") {
    const auto config = parse_config(R"({"notify": [
  {"type": "slack", "url_env": "SLACK_URL", "repeat_every": "24h",
   "checklists": ["daily", "ops/queues"]},
  {"type": "pagerduty", "routing_key_env": "PD_KEY"}],
 "targets": {"t": {"connector": "sqlite", "path": "x.db",
  "notify": [{"type": "teams", "url_file": "teams.url"}]}}})",
                                     "opsctl.json");
    REQUIRE(config.notify.size() == 2);
    CHECK(config.notify[0].type == "slack");
    CHECK(config.notify[0].secret == opsctl::SecretSource::Environment);
    CHECK(config.notify[0].secret_reference == "SLACK_URL");
    CHECK(config.notify[0].repeat_every == "24h");
    CHECK(config.notify[0].checklists == std::vector<std::string>{"daily", "ops/queues"});
    CHECK(config.notify[0].where == "opsctl.json:2:3: notify[0]");
    CHECK(config.notify[1].secret_reference == "PD_KEY");
    REQUIRE(config.targets[0].notify.size() == 1);
    CHECK(config.targets[0].notify[0].secret == opsctl::SecretSource::File);
}

TEST_CASE("notify: bad config entries name file, line, column and path", "[notify][config]") {
    CHECK(
        config_error(
            R"({"notify": [{"type": "slack", "url": "https://hooks.slack.com/services/XyZ"}]})") ==
        "opsctl.json:1:31: notify[0].url: an inline URL or routing key is refused (it is a "
        "secret): name an environment variable (\"url_env\", \"routing_key_env\") or a file "
        "(\"url_file\") that holds it");
    CHECK(config_error(R"({"notify": [{"type": "slak", "url_env": "X"}]})") ==
          "opsctl.json:1:22: notify[0].type: unknown destination type \"slak\" (webhook, slack, "
          "teams, pagerduty) (did you mean \"slack\"?)");
    CHECK(config_error(R"({"notify": [{"type": "slack"}]})") ==
          "opsctl.json:1:13: notify[0]: missing url_env or url_file");
    CHECK(config_error(R"({"notify": [{"type": "pagerduty", "url_env": "X"}]})") ==
          "opsctl.json:1:35: notify[0].url_env: not for a pagerduty destination: use "
          "routing_key_env");
    CHECK(config_error(R"({"notify": [{"type": "slack", "url_env": "https://hooks"}]})") ==
          "opsctl.json:1:42: notify[0].url_env: expected the name of an environment variable "
          "(letters, digits and '_'), not the secret itself");
    CHECK(config_error(
              R"({"notify": [{"type": "slack", "url_env": "X", "repeat_every": "daily"}]})") ==
          "opsctl.json:1:63: notify[0].repeat_every: not a duration (examples: \"4h\", \"24h\", "
          "\"1d\")");
    CHECK(config_error(R"({"notify": {"type": "slack"}})") ==
          "opsctl.json:1:12: notify: expected a list of destinations, found an object");
}

TEST_CASE("notify: a config entry's secret is read from the environment or a file",
          "[notify][config]") {
    opsctl::forget_remembered_secrets();
    const opsctl::test::TempDir dir;
    const std::string file = dir.write("teams.url", "https://t.example/workflows/XyZsecret9\n");
    chmod(file.c_str(), 0600);
    const auto config = parse_config(
        R"({"notify": [{"type": "teams", "url_file": "teams.url"}, {"type": "pagerduty", "routing_key_env": "OPSCTL_TEST_PD"}]})",
        "opsctl.json");
    const Destination teams = opsctl::configured_destination(config.notify[0], dir.path());
    CHECK(teams.secret == "https://t.example/workflows/XyZsecret9");
    CHECK(teams.shown == "https://t.example/workflows/***");
    unsetenv("OPSCTL_TEST_PD");
    CHECK(usage_error([&] { opsctl::configured_destination(config.notify[1], ""); }) ==
          "opsctl.json:1:57: notify[1]: routing_key_env OPSCTL_TEST_PD is not set");
    chmod(file.c_str(), 0644);
    CHECK(usage_error([&] { opsctl::configured_destination(config.notify[0], dir.path()); }) ==
          "opsctl.json:1:13: notify[0]: url_file " + file +
              " is accessible to group or others; chmod 600 it");
    opsctl::forget_remembered_secrets();
}

TEST_CASE("notify: a destination limited to checklists", "[notify]") {
    Destination destination;
    CHECK(destination.applies_to("daily", "morning"));
    destination.checklists = {"ops/queues", "daily"};
    CHECK(destination.applies_to("daily", "morning"));
    CHECK(destination.applies_to("ops", "queues"));
    CHECK_FALSE(destination.applies_to("ops", "disks"));
}
