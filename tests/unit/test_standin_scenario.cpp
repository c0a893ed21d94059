// The stand-in's scenarios: their names, their scripts, and the demo targets named
// after them.

#include <catch2/catch.hpp>
#include <string>

#include "opsctl/connect/standin_scenario.h"
#include "opsctl/connect/target.h"
#include "opsctl/core/error.h"

using opsctl::StandinScenario;

TEST_CASE("scenario: every name parses back to its scenario, with its script",
          "[standin][scenario]") {
    CHECK(opsctl::standin_scenario_names() ==
          std::vector<std::string>{"healthy", "faults", "feeds-stopped"});
    for (const auto& name : opsctl::standin_scenario_names()) {
        INFO(name);
        CHECK(opsctl::to_string(opsctl::parse_standin_scenario(name, "--scenario")) == name);
    }
    CHECK_FALSE(opsctl::standin_scenario_script(StandinScenario::Healthy).has_value());
    CHECK(opsctl::standin_scenario_script(StandinScenario::Faults) ==
          std::optional<std::string>("faults.sql"));
    CHECK(opsctl::standin_scenario_script(StandinScenario::FeedsStopped) ==
          std::optional<std::string>("feeds_stopped.sql"));
    CHECK(opsctl::standin_scenario_scripts() ==
          std::vector<std::string>{"faults.sql", "feeds_stopped.sql"});
}

TEST_CASE("scenario: an unknown name is refused with the known ones and a suggestion",
          "[standin][scenario]") {
    CHECK_THROWS_AS(opsctl::parse_standin_scenario("", "--scenario"), opsctl::UsageError);
    CHECK_THROWS_AS(opsctl::parse_standin_scenario("Faults", "--scenario"), opsctl::UsageError);
    CHECK_THROWS_WITH(opsctl::parse_standin_scenario("fault", "--scenario"),
                      "--scenario: unknown stand-in scenario \"fault\" (one of healthy, faults, "
                      "feeds-stopped) (did you mean \"faults\"?)");
}

TEST_CASE("scenario: demo targets are demo and demo:SCENARIO", "[standin][scenario][target]") {
    CHECK(opsctl::is_demo_spec("demo"));
    CHECK(opsctl::is_demo_spec("demo:faults"));
    CHECK(opsctl::is_demo_spec("demo:feeds-stopped"));
    CHECK_FALSE(opsctl::is_demo_spec("demo:"));
    CHECK_FALSE(opsctl::is_demo_spec("demo:nope"));
    CHECK_FALSE(opsctl::is_demo_spec("demos"));
    const opsctl::Target stopped = opsctl::parse_target("demo:feeds-stopped");
    CHECK(stopped.kind == opsctl::TargetKind::Demo);
    CHECK(stopped.demo_scenario == StandinScenario::FeedsStopped);
    CHECK(stopped.describe() == "demo:feeds-stopped");
    CHECK(opsctl::parse_target("demo").demo_scenario == StandinScenario::Healthy);
    CHECK(opsctl::parse_target("demo").describe() == "demo");
    CHECK_THROWS_AS(opsctl::parse_target("demo:nope"), opsctl::UsageError);
}
