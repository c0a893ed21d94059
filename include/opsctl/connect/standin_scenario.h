#pragma once
// The stand-in's scenarios: which data the stand-in holds on top of its schema
// (sql/README.md describes each). Named on the command line by `standin load
// --scenario NAME` and in demo targets (`demo:NAME`).

#include <optional>
#include <string>
#include <vector>

namespace opsctl {

enum class StandinScenario {
    Healthy,       // data.sql: every check passes
    Faults,        // data.sql + faults.sql: the known faults
    FeedsStopped,  // data.sql + feeds_stopped.sql: every feed stopped 40 days ago
};

// "healthy", "faults", "feeds-stopped".
std::string to_string(StandinScenario scenario);

// Every scenario's name, in the order above.
const std::vector<std::string>& standin_scenario_names();

// The scenario called `name`, if there is one.
std::optional<StandinScenario> find_standin_scenario(const std::string& name);

// The scenario called `name`; a UsageError naming `where` and the known names otherwise.
StandinScenario parse_standin_scenario(const std::string& name, const std::string& where);

// The script applied after data.sql ("faults.sql", "feeds_stopped.sql"), or none.
std::optional<std::string> standin_scenario_script(StandinScenario scenario);

// Every scenario script, for the stand-in's fingerprint.
std::vector<std::string> standin_scenario_scripts();

}  // namespace opsctl
