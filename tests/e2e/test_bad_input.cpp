// Unusable input: exit 3, exactly one "opsctl: error: ..." line on stderr that names
// the problem, and nothing on stdout, before anything runs.

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "e2e/e2e_support.h"

using namespace opsctl::e2e;
using opsctl::test::pg_uri;
using opsctl::test::Process;
using opsctl::test::run_opsctl;
using opsctl::test::TempDir;

namespace {

// daily morning against the healthy stand-in, so that the only problem is `extra`.
Process run_morning_with(const std::vector<std::string>& extra) {
    std::vector<std::string> args{"daily",   "morning", "--target", pg_uri("wh_healthy"),
                                  "--as-of", kAsOf};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_opsctl(args);
}

}  // namespace

TEST_CASE("bad input: an unknown runbook suggests the closest name", "[e2e][bad-input]") {
    const Process run = run_opsctl({"daly", "morning", "--target", pg_uri("wh_healthy")});
    const std::string line = require_usage_error(run);
    CHECK(contains(line, "\"daly\""));
    CHECK(contains(line, "did you mean \"daily\""));
}

TEST_CASE("bad input: an unknown checklist is named, with a suggestion when one is close",
          "[e2e][bad-input]") {
    const std::string line =
        require_usage_error(run_opsctl({"daily", "evening", "--target", pg_uri("wh_healthy")}));
    CHECK(contains(line, "\"evening\""));
    CHECK(contains(line, "\"daily\""));

    const std::string typo =
        require_usage_error(run_opsctl({"daily", "mornin", "--target", pg_uri("wh_healthy")}));
    CHECK(contains(typo, "did you mean \"morning\""));
}

TEST_CASE("bad input: an unknown --only step", "[e2e][bad-input]") {
    const std::string line = require_usage_error(run_morning_with({"--only", "nosuch-step"}));
    CHECK(contains(line, "--only"));
    CHECK(contains(line, "nosuch-step"));

    const std::string typo = require_usage_error(run_morning_with({"--only", "data-freshnes"}));
    CHECK(contains(typo, "did you mean \"data-freshness\""));
}

TEST_CASE("bad input: an unknown --format", "[e2e][bad-input]") {
    const std::string line = require_usage_error(run_morning_with({"--format", "xml"}));
    CHECK(contains(line, "--format"));
    CHECK(contains(line, "\"xml\""));
}

TEST_CASE("bad input: an --as-of that is not a time", "[e2e][bad-input]") {
    const Process run =
        run_opsctl({"daily", "morning", "--target", pg_uri("wh_healthy"), "--as-of", "yesterday"});
    const std::string line = require_usage_error(run);
    CHECK(contains(line, "--as-of"));
    CHECK(contains(line, "\"yesterday\""));
}

TEST_CASE("bad input: a target of an unknown kind", "[e2e][bad-input]") {
    const std::string line = require_usage_error(
        run_opsctl({"daily", "morning", "--target", "foo://x", "--as-of", kAsOf}));
    CHECK(contains(line, "foo://x"));
}

TEST_CASE("bad input: an unreachable warehouse fails fast and never shows its password",
          "[e2e][bad-input]") {
    const std::string secret = "s3cret";
    Process run;
    const double seconds = seconds_taken([&] {
        run = run_opsctl({"daily", "morning", "--target",
                          "postgresql://u:" + secret + "@127.0.0.1:1/db", "--as-of", kAsOf});
    });
    const std::string line = require_usage_error(run);
    CHECK(seconds < 5.0);
    CHECK(contains(line, "cannot connect"));
    CHECK(contains(line, "127.0.0.1"));
    CHECK_FALSE(contains(run.out, secret));
    CHECK_FALSE(contains(run.err, secret));

    // The password in a URI query or in a key=value conninfo is masked as well.
    for (const std::string& target :
         {"postgresql://u@127.0.0.1:1/db?password=" + secret,
          "host=127.0.0.1 port=1 user=u password=" + secret + " dbname=db",
          "host=127.0.0.1 port=1 user=u password='" + secret + " x' dbname=db"}) {
        INFO("target " << target);
        const Process other =
            run_opsctl({"daily", "morning", "--target", target, "--as-of", kAsOf});
        require_usage_error(other);
        CHECK_FALSE(contains(other.err, secret));
    }
}

TEST_CASE("bad input: --runbooks pointing at a folder with a broken runbook", "[e2e][bad-input]") {
    // A copy of daily.json with one typo: the runbook cannot be loaded, so it cannot run.
    const TempDir folder;
    std::string daily = opsctl::test::read_file(kSourceDir + "/runbooks/daily.json");
    const std::string key = "\"schedule_text\"";
    const auto at = daily.find(key);
    REQUIRE(at != std::string::npos);
    daily.replace(at, key.size(), "\"schedule_txt\"");
    folder.write("daily.json", daily);

    const std::string line = require_usage_error(run_opsctl(
        {"--runbooks", folder.path(), "daily", "morning", "--target", pg_uri("wh_healthy")}));
    CHECK(contains(line, "\"daily\""));
    CHECK(contains(line, "daily.json"));
    CHECK(contains(line, "schedule_txt"));

    // The same through OPSCTL_RUNBOOKS.
    const std::string env_line =
        require_usage_error(run_opsctl({"daily", "morning", "--target", pg_uri("wh_healthy")},
                                       {{"OPSCTL_RUNBOOKS", folder.path()}}));
    CHECK(contains(env_line, "schedule_txt"));

    // The shipped hostile fixtures: none of them loads.
    require_usage_error(run_opsctl({"--runbooks", kFixturesDir + "/bad-runbooks", "daily",
                                    "morning", "--target", pg_uri("wh_healthy")}));
}

TEST_CASE("bad input: --runbooks naming a folder that does not exist or holds no runbook",
          "[e2e][bad-input]") {
    const TempDir empty;
    const std::string none =
        require_usage_error(run_opsctl({"--runbooks", empty.path() + "/nosuch", "daily", "morning",
                                        "--target", pg_uri("wh_healthy")}));
    CHECK(contains(none, "nosuch"));
    const std::string no_json = require_usage_error(run_opsctl(
        {"--runbooks", empty.path(), "daily", "morning", "--target", pg_uri("wh_healthy")}));
    CHECK(contains(no_json, empty.path()));
}

TEST_CASE("bad input: an unknown option", "[e2e][bad-input]") {
    const std::string line = require_usage_error(run_morning_with({"--bogus"}));
    CHECK(contains(line, "--bogus"));
    const std::string first = require_usage_error(
        run_opsctl({"--bogus", "daily", "morning", "--target", pg_uri("wh_healthy")}));
    CHECK(contains(first, "--bogus"));
}

TEST_CASE("bad input: --set of an undeclared variable names it", "[e2e][bad-input]") {
    const std::string line = require_usage_error(run_morning_with({"--set", "nosuch=1"}));
    CHECK(contains(line, "nosuch"));
    CHECK(contains(line, "--set"));
}

TEST_CASE("bad input: --set with a value that is not a number, or without a value",
          "[e2e][bad-input]") {
    const std::string line =
        require_usage_error(run_morning_with({"--set", "freshness_fail_minutes=abc"}));
    CHECK(contains(line, "freshness_fail_minutes"));
    CHECK(contains(line, "\"abc\""));

    const std::string no_value =
        require_usage_error(run_morning_with({"--set", "freshness_fail_minutes"}));
    CHECK(contains(no_value, "freshness_fail_minutes"));

    const std::string not_a_duration =
        require_usage_error(run_opsctl({"daily", "afternoon", "--target", pg_uri("wh_healthy"),
                                        "--as-of", kAsOf, "--set", "max_feature_age=soon"}));
    CHECK(contains(not_a_duration, "max_feature_age"));
}

TEST_CASE("bad input: show and render reject unknown names and dialects", "[e2e][bad-input]") {
    CHECK(contains(require_usage_error(run_opsctl({"show", "daly", "morning"})),
                   "did you mean \"daily\""));
    CHECK(contains(require_usage_error(run_opsctl({"render", "daily", "evening"})), "\"evening\""));
    CHECK(contains(
        require_usage_error(run_opsctl({"render", "daily", "morning", "--dialect", "oracle"})),
        "\"oracle\""));
    CHECK(contains(require_usage_error(run_opsctl({"list", "--format", "xml"})), "\"xml\""));
}

TEST_CASE("bad input: show rejects --set of an undeclared variable, like run and render",
          "[e2e][bad-input]") {
    // docs/runbook-format.md: "setting a variable that no loaded checklist declares is an
    // error". run and render say so; show must not silently ignore it.
    CHECK(contains(require_usage_error(run_opsctl(
                       {"render", "daily", "morning", "--set", "nosuch=1", "--as-of", kAsOf})),
                   "nosuch"));
    CHECK(
        contains(require_usage_error(run_opsctl({"show", "daily", "morning", "--set", "nosuch=1"})),
                 "nosuch"));
}

TEST_CASE("bad input: options written before the runbook do not swallow it", "[e2e][bad-input]") {
    // "--only STEP" before "daily morning": either the run happens with that step only,
    // or it is unusable input with one error line; never the whole help on stdout.
    const Process run = run_opsctl({"--only", "data-freshness", "daily", "morning", "--target",
                                    pg_uri("wh_healthy"), "--as-of", kAsOf, "--format", "json"});
    INFO("stdout:\n" << run.out << "\nstderr:\n" << run.err);
    if (run.exit_code == 0) {
        CHECK(step_ids(run.json()) == std::vector<std::string>{"data-freshness"});
    } else {
        require_usage_error(run);
    }
}
