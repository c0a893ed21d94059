// Notifications on change (issue 19) against a real HTTP server on loopback
// (e2e/notify_receiver.h): what each service receives, when a run sends and when it
// does not, retries, Retry-After, a server that never answers, a refused connection,
// and no secret in any output.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "e2e/e2e_support.h"
#include "e2e/notify_receiver.h"
#include "e2e/queue_depths.h"

using namespace opsctl::e2e;
using nlohmann::json;
using opsctl::test::Process;
using opsctl::test::run_opsctl;

namespace {

// The secret part of every URL and key these tests use: never in any output.
const std::string kSecret = "T0SECRET/B0SECRET/xoxSecret123";
const std::string kRoutingKey = "R0UTINGKEYSECRET0123456789abcdef";

// The checklist "notes/run" on queue depths: above 100 warns, above 360 fails; a
// SQLite history store.
struct Queues : QueueChecklist {
    explicit Queues(const std::string& kind = "sqlite")
        : QueueChecklist(kind, "notes",
                         R"([{"column": "depth", "warn_above": 100, "fail_above": 360}])",
                         "notifications") {}
    // A run of the checklist with MORE arguments (and ENV).
    Process notify(std::vector<std::string> more,
                   const std::map<std::string, std::string>& env = {}) const {
        std::vector<std::string> args = common();
        for (const char* word : {"--no-lock", "notes", "run"}) args.push_back(word);
        args.insert(args.end(), more.begin(), more.end());
        return run_opsctl(args, env);
    }
};

std::vector<json> bodies(const NotifyReceiver& receiver) {
    std::vector<json> all;
    for (const json& request : receiver.requests()) all.push_back(request["body_json"]);
    return all;
}

std::vector<std::string> keys_of(const json& list) {
    std::vector<std::string> keys;
    for (const json& item : list) keys.push_back(item["key"]);
    return keys;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("notifications: new, then unchanged (nothing sent), then resolved", "[e2e][notify]") {
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    INFO("history store: " << kind);
    const Queues queues(kind);
    const NotifyReceiver receiver;
    const std::string spec = "webhook:" + receiver.url("/hook/" + kSecret);
    const std::string report = queues.dir.file("report.json");
    queues.set("eu=400,us=50");
    const Process first = queues.notify({"--notify", spec, "--report", "json:" + report});
    CHECK(first.exit_code == 2);
    CHECK(first.err.empty());
    REQUIRE(receiver.requests().size() == 1);
    const json request = receiver.requests()[0];
    CHECK(request["path"] == "/hook/" + kSecret);
    CHECK(request["headers"]["Content-Type"] == "application/json");
    const json body = request["body_json"];
    CHECK(body["version"] == 1);
    CHECK(body["status"] == "fail");
    CHECK(body["report_paths"] == json::array({report}));
    const json& checklist = body["checklists"][0];
    CHECK(checklist["runbook"] == "notes");
    CHECK(checklist["checklist"] == "run");
    CHECK(checklist["target"] == "sqlite:" + queues.database);
    CHECK(checklist["status"] == "fail");
    REQUIRE(checklist["new"].size() == 1);
    CHECK(checklist["new"][0]["key"] == "eu");
    CHECK(checklist["new"][0]["value"] == "400");
    CHECK(checklist["new"][0]["threshold"] == "360");

    CHECK(queues.notify({"--notify", spec}).exit_code == 2);
    CHECK(receiver.requests().size() == 1);

    queues.set("us=50");
    const Process third = queues.notify({"--notify", spec});
    CHECK(third.exit_code == 0);
    REQUIRE(receiver.requests().size() == 2);
    const json resolved = bodies(receiver)[1]["checklists"][0];
    CHECK(resolved["status"] == "pass");
    CHECK(keys_of(resolved["resolved"]) == std::vector<std::string>{"eu"});
    CHECK(resolved["new"].empty());

    // --notify-on always: a message every run, changes or not.
    CHECK(queues.notify({"--notify", spec, "--notify-on", "always"}).exit_code == 0);
    REQUIRE(receiver.requests().size() == 3);
    CHECK(bodies(receiver)[2]["notify_on"] == "always");
}

TEST_CASE("notifications: a run that cannot connect is sent, once", "[e2e][notify]") {
    const Queues queues;
    const NotifyReceiver receiver;
    std::vector<std::string> args{"--runbooks",
                                  queues.runbooks,
                                  "--target",
                                  "sqlite:" + queues.dir.file("missing.db"),
                                  "--history",
                                  queues.store,
                                  "--no-lock",
                                  "notes",
                                  "run",
                                  "--notify",
                                  "webhook:" + receiver.url("/hook")};
    const Process run = run_opsctl(args);
    CHECK(run.exit_code == 3);
    REQUIRE(receiver.requests().size() == 1);
    const json checklist = bodies(receiver)[0]["checklists"][0];
    CHECK(checklist["status"] == "error");
    REQUIRE(checklist["error"].size() == 1);
    CHECK(checklist["error"][0]["step"] == "depth");
    CHECK(checklist["error"][0]["column"] == "(step error)");
    CHECK(run_opsctl(args).exit_code == 3);
    CHECK(receiver.requests().size() == 1);
}

TEST_CASE("notifications: Slack, Teams and PagerDuty get their documented fields",
          "[e2e][notify]") {
    const Queues queues;
    const NotifyReceiver receiver;
    queues.set("eu=400");
    const std::map<std::string, std::string> env{
        {"OPSCTL_PAGERDUTY_EVENTS_URL", receiver.url("/v2/enqueue")}};
    const Process run = queues.notify(
        {"--notify", "slack:" + receiver.url("/services/" + kSecret), "--notify",
         "teams:" + receiver.url("/workflows/" + kSecret), "--notify", "pagerduty:" + kRoutingKey},
        env);
    CHECK(run.err.empty());
    std::map<std::string, json> by_path;
    for (const json& request : receiver.requests()) by_path[request["path"]] = request["body_json"];
    REQUIRE(by_path.size() == 3);

    const json& slack = by_path["/services/" + kSecret];
    CHECK(slack["text"].is_string());
    REQUIRE(slack["blocks"].size() >= 3);
    CHECK(slack["blocks"].size() <= 50);
    CHECK(slack["blocks"][0]["type"] == "header");
    CHECK(slack["blocks"][0]["text"]["type"] == "plain_text");
    CHECK(contains(slack["blocks"][0]["text"]["text"], "FAIL"));
    CHECK(contains(slack["blocks"][2]["text"]["text"], "eu: depth 400 &gt; 360"));

    const json& teams = by_path["/workflows/" + kSecret];
    CHECK(teams["type"] == "message");
    CHECK(teams["attachments"][0]["contentType"] == "application/vnd.microsoft.card.adaptive");
    CHECK(teams["attachments"][0]["content"]["type"] == "AdaptiveCard");
    CHECK(teams["attachments"][0]["content"]["version"] == "1.4");
    CHECK(teams["attachments"][0]["content"]["body"][0]["type"] == "TextBlock");

    const json& event = by_path["/v2/enqueue"];
    CHECK(event["routing_key"] == kRoutingKey);
    CHECK(event["event_action"] == "trigger");
    CHECK(event["dedup_key"] == "notes/run/depth/sqlite:" + queues.database);
    CHECK(event["payload"]["severity"] == "critical");
    CHECK(event["payload"]["source"] == "sqlite:" + queues.database);
    CHECK(event["payload"]["summary"].get<std::string>().size() <= 1024);

    // The step passes again: the same dedup_key resolves it.
    queues.set("eu=10");
    queues.notify({"--notify", "pagerduty:" + kRoutingKey}, env);
    const json resolve = receiver.requests().back()["body_json"];
    CHECK(resolve["event_action"] == "resolve");
    CHECK(resolve["dedup_key"] == event["dedup_key"]);
    CHECK(resolve["routing_key"] == kRoutingKey);
}

TEST_CASE("notifications: an escalation from warn to fail is sent", "[e2e][notify]") {
    const Queues queues;
    const NotifyReceiver receiver;
    const std::string spec = "webhook:" + receiver.url("/hook");
    queues.set("eu=200");
    queues.notify({"--notify", spec});
    REQUIRE(receiver.requests().size() == 1);
    CHECK(bodies(receiver)[0]["checklists"][0]["new"][0]["severity"] == "warn");
    queues.set("eu=400");
    queues.notify({"--notify", spec});
    REQUIRE(receiver.requests().size() == 2);
    const json escalated = bodies(receiver)[1]["checklists"][0]["escalated"];
    REQUIRE(escalated.size() == 1);
    CHECK(escalated[0]["key"] == "eu");
    CHECK(escalated[0]["severity"] == "fail");
    CHECK(escalated[0]["previous_severity"] == "warn");
    queues.notify({"--notify", spec});
    CHECK(receiver.requests().size() == 2);
}

TEST_CASE("notifications: repeat_every reminds of an ongoing violation", "[e2e][notify]") {
    const Queues queues;
    const NotifyReceiver receiver;
    const std::string url_file = queues.dir.write("hook.url", receiver.url("/hook/" + kSecret));
    chmod(url_file.c_str(), 0600);
    const std::string config = queues.dir.write(
        "opsctl.json",
        R"({"notify": [{"type": "webhook", "url_file": "hook.url", "repeat_every": "2s"}]})");
    queues.set("eu=400");
    queues.notify({"--config", config});
    REQUIRE(receiver.requests().size() == 1);
    queues.notify({"--config", config});
    CHECK(receiver.requests().size() == 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));
    queues.notify({"--config", config});
    REQUIRE(receiver.requests().size() == 2);
    CHECK(keys_of(bodies(receiver)[1]["checklists"][0]["reminder"]) ==
          std::vector<std::string>{"eu"});
}

TEST_CASE("notifications: an acked violation is never sent", "[e2e][notify]") {
    const Queues queues;
    const NotifyReceiver receiver;
    const std::string spec = "webhook:" + receiver.url("/hook");
    // An ack of a key never seen covers a warn (a warn that becomes a fail is news).
    queues.set("eu=200");
    std::vector<std::string> ack = queues.common();
    for (const char* word : {"ack", "notes", "run", "depth", "--key", "eu", "--for", "1h",
                             "--reason", "known", "--by", "alice"}) {
        ack.push_back(word);
    }
    REQUIRE(run_opsctl(ack).exit_code == 0);
    queues.notify({"--notify", spec});
    CHECK(receiver.requests().empty());
    queues.set("eu=200,us=500");
    queues.notify({"--notify", spec});
    REQUIRE(receiver.requests().size() == 1);
    const json checklist = bodies(receiver)[0]["checklists"][0];
    CHECK(keys_of(checklist["new"]) == std::vector<std::string>{"us"});
    CHECK(checklist["ongoing"].empty());
}

TEST_CASE("notifications: a 500 is retried, a 429 waits for its Retry-After", "[e2e][notify]") {
    const Queues queues;
    queues.set("eu=400");
    SECTION("500 then 200") {
        const NotifyReceiver receiver({"500", "200"});
        const Process run = queues.notify({"--notify", "webhook:" + receiver.url("/hook")});
        CHECK(run.exit_code == 2);
        CHECK(run.err.empty());
        CHECK(receiver.requests().size() == 2);
    }
    SECTION("429 with Retry-After: 1, then 200") {
        const NotifyReceiver receiver({"429:1", "200"});
        const Process run = queues.notify({"--notify", "webhook:" + receiver.url("/hook")});
        CHECK(run.err.empty());
        const auto requests = receiver.requests();
        REQUIRE(requests.size() == 2);
        CHECK(requests[1]["at"].get<double>() - requests[0]["at"].get<double>() >= 0.9);
    }
    SECTION("500 every time: three tries, one warning, the exit code unchanged") {
        const NotifyReceiver receiver({"500"});
        const Process run =
            queues.notify({"--notify", "webhook:" + receiver.url("/hook/" + kSecret)});
        CHECK(run.exit_code == 2);
        CHECK(receiver.requests().size() == 3);
        CHECK(lines_of(run.err).size() == 1);
        CHECK(contains(run.err, "notification to webhook http://127.0.0.1:"));
        CHECK(contains(run.err, "/hook/***"));
        CHECK(contains(run.err, "HTTP 500 after 3 tries"));
        CHECK_FALSE(contains(run.err, kSecret));
    }
}

TEST_CASE("notifications: a server that never answers times out, and the next run sends again",
          "[e2e][notify]") {
    const Queues queues;
    const NotifyReceiver receiver({"hang", "200"});
    const std::string spec = "webhook:" + receiver.url("/hook");
    queues.set("eu=400");
    const auto start = std::chrono::steady_clock::now();
    const Process run = queues.notify({"--notify", spec});
    const auto took = std::chrono::steady_clock::now() - start;
    CHECK(run.exit_code == 2);
    CHECK(lines_of(run.err).size() == 1);
    CHECK(contains(run.err, "not delivered"));
    CHECK(contains(run.err, "the next run sends it again"));
    // Bounded: 10 s per try, 30 s for every notification of the run (generous margin).
    CHECK(took < std::chrono::seconds(45));
    // The failed delivery was recorded: the next run sends the change again.
    const Process next = queues.notify({"--notify", spec});
    CHECK(next.err.empty());
    REQUIRE(receiver.requests().size() == 2);
    CHECK(keys_of(bodies(receiver)[1]["checklists"][0]["new"]) == std::vector<std::string>{"eu"});
}

TEST_CASE("notifications: a refused connection is one warning, the exit code unchanged",
          "[e2e][notify]") {
    const Queues queues;
    queues.set("eu=400");
    const std::string url =
        "http://127.0.0.1:" + std::to_string(closed_port()) + "/services/" + kSecret;
    const Process run = queues.notify({"--notify", "slack:" + url});
    CHECK(run.exit_code == 2);
    REQUIRE(lines_of(run.err).size() == 1);
    CHECK(starts_with(run.err, "opsctl: warning: notification to slack http://127.0.0.1:"));
    CHECK(contains(run.err, "/services/***"));
    CHECK_FALSE(contains(run.err, kSecret));
}

TEST_CASE("notifications: no secret in any output", "[e2e][notify]") {
    const Queues queues;
    const NotifyReceiver receiver({"500"});
    // A shell step that prints its environment and a URL it was given.
    queues.dir.write("runbooks/leaky.json", R"({"runbook": "leaky", "checklists": [{"name": "run",
        "steps": [{"id": "env", "shell": ["env"]},
                  {"id": "depth", "sql": "SELECT region, depth FROM queues", "key": ["region"],
                   "expect": [{"column": "depth", "fail_above": 360}]}]}]})");
    const std::string config = queues.dir.write(
        "opsctl.json", R"({"targets": {"q": {"connector": "sqlite", "path": ")" + queues.database +
                           R"(", "notify": [{"type": "slack", "url_env": "OPSCTL_TEST_SLACK"},
                          {"type": "pagerduty", "routing_key_env": "OPSCTL_TEST_PD"}]}}})");
    const std::map<std::string, std::string> env{
        {"OPSCTL_TEST_SLACK", receiver.url("/services/" + kSecret)},
        {"OPSCTL_TEST_PD", kRoutingKey},
        {"OPSCTL_PAGERDUTY_EVENTS_URL", receiver.url("/v2/enqueue")}};
    queues.set("eu=400");
    std::vector<std::string> args{"--runbooks",
                                  queues.runbooks,
                                  "--config",
                                  config,
                                  "--target",
                                  "q",
                                  "--history",
                                  queues.store,
                                  "--no-lock",
                                  "leaky",
                                  "run",
                                  "--notify",
                                  "teams:" + receiver.url("/workflows/" + kSecret)};
    std::vector<std::string> files;
    for (const char* format : {"json", "junit", "markdown", "nagios", "prometheus", "text"}) {
        files.push_back(queues.dir.file(std::string("report.") + format));
        args.push_back("--report");
        args.push_back(std::string(format) + ":" + files.back());
    }
    const Process run = run_opsctl(args, env);
    CHECK(run.exit_code == 2);
    CHECK(receiver.requests().size() >= 3);  // every destination tried
    std::vector<std::string> outputs{run.out, run.err};
    for (const std::string& file : files) outputs.push_back(read_file(file));
    const Process targets = run_opsctl({"--config", config, "targets"}, env);
    CHECK(targets.exit_code == 0);
    outputs.push_back(targets.out + targets.err);
    for (const std::string& output : outputs) {
        CHECK_FALSE(contains(output, kSecret));
        CHECK_FALSE(contains(output, kRoutingKey));
        CHECK_FALSE(contains(output, "xoxSecret123"));
    }
    // The shell step did not inherit the variables the secrets came from.
    CHECK_FALSE(contains(read_file(files[0]), "OPSCTL_TEST_SLACK"));
    CHECK_FALSE(contains(read_file(files[0]), "OPSCTL_TEST_PD="));
    CHECK(contains(run.err, "notification to slack http://127.0.0.1:"));
}

TEST_CASE("notifications: a bad --notify is one error line before anything runs", "[e2e][notify]") {
    const Queues queues;
    const Process run =
        queues.notify({"--notify", "slak:https://hooks.slack.com/services/" + kSecret});
    CHECK(run.exit_code == 3);
    CHECK(run.err ==
          "opsctl: error: --notify #1 \"slak:***\": expected webhook:URL, slack:URL, teams:URL or "
          "pagerduty:ROUTING_KEY\n");
    const Process env = queues.notify({"--notify", "slack:env:OPSCTL_TEST_UNSET_URL"},
                                      {{"OPSCTL_TEST_UNSET_URL", ""}});
    CHECK(env.exit_code == 3);
    CHECK(env.err == "opsctl: error: --notify #1 slack: env: OPSCTL_TEST_UNSET_URL is not set\n");
}
