// Acknowledgements (issue 17, item 3): an ack hides the violations it names from the
// step's status and the exit code until its expiry, never a key it did not name, never
// an escalation from warn to fail; with a SQLite and a PostgreSQL store.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "e2e/e2e_support.h"
#include "e2e/queue_depths.h"
#include "support/report_parsers.h"

using namespace opsctl::e2e;
using opsctl::test::fresh_pg_database;
using opsctl::test::pg_uri;
using opsctl::test::Process;
using opsctl::test::run_opsctl;
using opsctl::test::TempDir;

namespace {

// The checklist "acked/run" on a SQLite file of queue depths: above 100 warns,
// above 360 fails. `name`: the PostgreSQL database's, one per test (they run in parallel).
struct Depths : QueueChecklist {
    Depths(const std::string& kind, const std::string& name)
        : QueueChecklist(kind, "acked",
                         R"([{"column": "depth", "warn_above": 100, "fail_above": 360}])", name) {}
    // opsctl ack acked run depth MORE...
    Process ack(std::vector<std::string> more) const {
        std::vector<std::string> args = common();
        for (const char* word : {"ack", "acked", "run", "depth"}) args.push_back(word);
        args.insert(args.end(), more.begin(), more.end());
        return run_opsctl(args);
    }
    Process command(std::vector<std::string> words) const {
        std::vector<std::string> args = common();
        args.insert(args.end(), words.begin(), words.end());
        return run_opsctl(args);
    }
};

const std::vector<std::string> kAnHour{"--for", "1h",   "--reason", "known: ticket OPS-7",
                                       "--by",  "alice"};

std::vector<std::string> with(std::vector<std::string> words,
                              const std::vector<std::string>& more) {
    words.insert(words.end(), more.begin(), more.end());
    return words;
}

}  // namespace

TEST_CASE("acks: an ack hides what it names, in every report, until unack", "[e2e][history]") {
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    SECTION(kind) {
        const Depths depths(kind, "acks_hide");
        depths.set("eu=400,us=500");
        CHECK(depths.run("json").exit_code == 2);
        const Process acked = depths.ack(with({"--key", "eu"}, kAnHour));
        INFO(acked.out << acked.err);
        REQUIRE(acked.exit_code == 0);
        CHECK(contains(acked.out, "ack 1: acked/run depth key \"eu\""));
        CHECK(contains(acked.out, "covers up to fail"));

        // us was not named: it still fails the step.
        const Process partly = depths.run("json");
        CHECK(partly.exit_code == 2);
        const auto report = partly.json();
        const auto& eu = violation_of(report, "eu");
        CHECK(eu["state"] == "acked");
        CHECK(eu["ack"]["by"] == "alice");
        CHECK(eu["ack"]["reason"] == "known: ticket OPS-7");
        CHECK(eu["ack"]["id"] == 1);
        CHECK(epoch_of_iso8601(eu["ack"]["until"]) > epoch_of_iso8601(utc_now_iso8601()) + 3500);
        CHECK(violation_of(partly.json(), "us")["state"] == "ongoing");

        // Every violation acked: the step passes on what remains, and still lists them.
        REQUIRE(depths.ack(with({"--key", "us"}, kAnHour)).exit_code == 0);
        const Process all = depths.run("json");
        CHECK(all.exit_code == 0);
        CHECK(all.json()["status"] == "pass");
        CHECK(step_of(all.json(), "depth")["status"] == "pass");
        CHECK(step_of(all.json(), "depth")["violations"].size() == 2);
        CHECK(violation_of(all.json(), "us")["state"] == "acked");
        const Process text = depths.run("text");
        CHECK(text.exit_code == 0);
        CHECK(contains(text.out, "ACKED by alice until "));
        CHECK(contains(text.out, ": known: ticket OPS-7 (ack 2)"));

        const Process listed = depths.command({"acks", "--format", "json"});
        REQUIRE(listed.exit_code == 0);
        const auto acks = nlohmann::json::parse(listed.out)["acks"];
        REQUIRE(acks.size() == 2);
        CHECK(acks[0]["key"] == "eu");
        CHECK(acks[0]["severity"] == "fail");
        CHECK(acks[0]["target"] == acks[1]["target"]);
        CHECK(contains(depths.command({"acks"}).out, "ack 2: acked/run depth key \"us\""));

        const Process removed = depths.command({"unack", "1"});
        CHECK(removed.exit_code == 0);
        CHECK(removed.out == "removed ack 1\n");
        CHECK(depths.run("json").exit_code == 2);
        CHECK(contains(require_usage_error(depths.command({"unack", "1"})), "no ack 1 in "));
    }
}

TEST_CASE("acks: an ack does not cover a new key", "[e2e][history]") {
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    SECTION(kind) {
        const Depths depths(kind, "acks_new_key");
        depths.set("eu=400");
        depths.run("json");
        // Without --key: the keys the last run found, eu only.
        const Process acked = depths.ack(kAnHour);
        REQUIRE(acked.exit_code == 0);
        CHECK(contains(acked.out, "key \"eu\" column depth"));
        CHECK(depths.run("json").exit_code == 0);

        depths.set("eu=400,us=500");
        const Process run = depths.run("json");
        CHECK(run.exit_code == 2);
        CHECK(violation_of(run.json(), "eu")["state"] == "acked");
        CHECK(violation_of(run.json(), "us")["state"] == "new");
        CHECK(step_of(run.json(), "depth")["status"] == "fail");
    }
}

TEST_CASE("acks: an ack does not cover a warn that becomes a fail", "[e2e][history]") {
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    SECTION(kind) {
        const Depths depths(kind, "acks_escalation");
        depths.set("eu=200");
        CHECK(depths.run("json").exit_code == 1);
        const Process acked = depths.ack(with({"--key", "eu"}, kAnHour));
        CHECK(contains(acked.out, "covers up to warn"));
        CHECK(depths.run("json").exit_code == 0);

        depths.set("eu=400");
        const Process worse = depths.run("json");
        CHECK(worse.exit_code == 2);
        CHECK(violation_of(worse.json(), "eu")["state"] == "ongoing");
        CHECK(violation_of(worse.json(), "eu")["severity"] == "fail");

        // A key no recorded run found: the ack says it covers a warn only.
        const Process unseen = depths.ack(with({"--key", "zz"}, kAnHour));
        CHECK(unseen.exit_code == 0);
        CHECK(contains(unseen.out, "covers up to warn"));
        CHECK(contains(unseen.out,
                       "no recorded violation for key \"zz\": this ack covers a warn "
                       "only"));
    }
}

TEST_CASE("acks: an ack --for 2s counts again after 3 s", "[e2e][history]") {
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    SECTION(kind) {
        const Depths depths(kind, "acks_expiry");
        depths.set("eu=400");
        depths.run("json");
        REQUIRE(depths.ack({"--key", "eu", "--for", "2s", "--reason", "deploy"}).exit_code == 0);
        CHECK(depths.run("json").exit_code == 0);
        std::this_thread::sleep_for(std::chrono::seconds(3));
        const Process later = depths.run("json");
        CHECK(later.exit_code == 2);
        CHECK(violation_of(later.json(), "eu")["state"] == "ongoing");
        CHECK(depths.command({"acks"}).out == "no active acks\n");
    }
}

TEST_CASE("acks: JUnit, Markdown, Nagios and Prometheus say acked", "[e2e][history]") {
    const Depths depths("sqlite", "acks_formats");
    depths.set("eu=400,us=500");
    depths.run("json");
    REQUIRE(depths.ack(with({"--key", "eu"}, kAnHour)).exit_code == 0);
    for (const char* format : {"junit", "markdown", "nagios"}) {
        INFO(format);
        const Process run = depths.run(format);
        CHECK(contains(run.out, "ACKED by alice until "));
        CHECK(contains(run.out, "known: ticket OPS-7"));
    }
    const TempDir out;
    const std::string prom = out.file("opsctl.prom");
    depths.run("json", {"--output-prometheus", prom});
    const auto metrics = opsctl::test::parse_prometheus(opsctl::test::read_file(prom));
    CHECK(metrics.value("opsctl_step_violations", {{"step", "depth"}, {"state", "acked"}}) == 1);
    CHECK(metrics.value("opsctl_step_violations", {{"step", "depth"}, {"state", "ongoing"}}) == 1);
    // Every violation acked: the step passes, and each format still lists them.
    REQUIRE(depths.ack(with({"--key", "us"}, kAnHour)).exit_code == 0);
    for (const char* format : {"junit", "markdown", "nagios"}) {
        INFO(format);
        const Process run = depths.run(format);
        CHECK(run.exit_code == 0);
        CHECK(contains(run.out, "ACKED by alice until "));
        CHECK(contains(run.out, "known: ticket OPS-7 (ack 1)"));
        CHECK(contains(run.out, "known: ticket OPS-7 (ack 2)"));
    }
    CHECK(contains(depths.run("junit").out, "<property name=\"acked\" value=\"depth: eu: "));
}

TEST_CASE("acks: bad input is one error line", "[e2e][history]") {
    const Depths depths("sqlite", "acks_usage");
    const std::vector<std::string> reason{"--reason", "r"};
    CHECK(contains(require_usage_error(depths.ack({"--key", "eu", "--for", "1h"})),
                   "--reason TEXT is required"));
    CHECK(contains(require_usage_error(depths.ack(with({"--key", "eu"}, reason))),
                   "exactly one of --for DURATION"));
    CHECK(contains(require_usage_error(depths.ack(
                       with({"--key", "eu", "--for", "1h", "--until", "2099-01-01"}, reason))),
                   "exactly one of --for DURATION"));
    CHECK(contains(require_usage_error(depths.ack(with({"--for", "soon"}, reason))),
                   "--for \"soon\" is not a duration"));
    CHECK(contains(require_usage_error(depths.ack(with({"--until", "2001-01-01"}, reason))),
                   "--until \"2001-01-01\" is not in the future"));
    CHECK(contains(require_usage_error(depths.ack(with({"--until", "tomorrow"}, reason))),
                   "--until \"tomorrow\" is not a time"));
    // No recorded run, no --key: nothing to ack.
    CHECK(
        contains(require_usage_error(depths.ack(with({"--for", "1h"}, reason))), "nothing to ack"));
    CHECK(contains(require_usage_error(depths.command({"unack", "x1"})), "is not an ack id"));
    CHECK(contains(require_usage_error(depths.command({"unack", "42"})), "no ack 42 in "));
    CHECK(contains(require_usage_error(depths.command({"acks", "--format", "xml"})),
                   "unknown --format \"xml\""));
    CHECK(contains(require_usage_error(depths.command({"ack", "acked", "run"})), "step"));
    // A name that is not in the runbooks would ack nothing, ever: refused, with a suggestion.
    const std::vector<std::string> an_hour{"--key", "eu", "--for", "1h", "--reason", "r"};
    CHECK(contains(
        require_usage_error(depths.command(with({"ack", "acked", "run", "dpeth"}, an_hour))),
        "checklist \"acked/run\" has no step \"dpeth\" (did you mean \"depth\"?)"));
    CHECK(contains(
        require_usage_error(depths.command(with({"ack", "acked", "rnu", "depth"}, an_hour))),
        "has no checklist \"rnu\""));
    CHECK(contains(
        require_usage_error(depths.command(with({"ack", "ackd", "run", "depth"}, an_hour))),
        "ackd"));
    CHECK(contains(require_usage_error(run_opsctl({"--history", "none", "ack", "acked", "run",
                                                   "depth", "--for", "1h", "--reason", "r"})),
                   "--history none"));
    CHECK(
        contains(require_usage_error(run_opsctl({"--history", "none", "acks"})), "--history none"));
}

TEST_CASE("acks: a store that fails makes ack fail, and a run say acks were not applied",
          "[e2e][history]") {
    const Depths depths("sqlite", "acks_failing");
    depths.dir.write("blocker", "a file where the store's folder should be");
    const std::string store = depths.dir.file("blocker") + "/history.db";
    const Process ack =
        run_opsctl({"--history", store, "--target", "sqlite:" + depths.database, "ack", "acked",
                    "run", "depth", "--key", "eu", "--for", "1h", "--reason", "r"});
    CHECK(ack.exit_code == 3);
    CHECK(lines_of(ack.err).size() == 1);
    CHECK(starts_with(ack.err, "opsctl: error: "));
    depths.set("eu=400");
    const Process run =
        run_opsctl({"--runbooks", depths.runbooks, "--target", "sqlite:" + depths.database,
                    "--history", store, "--no-lock", "acked", "run", "--format", "json"});
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "(acknowledgements not applied)"));
}
