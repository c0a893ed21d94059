#include "opsctl/connect/standin_scenario.h"

#include "opsctl/core/error.h"
#include "opsctl/core/quote.h"
#include "opsctl/core/suggest.h"

namespace opsctl {

namespace {

struct ScenarioSpec {
    StandinScenario scenario;
    const char* name;
    const char* script;  // applied after data.sql; nullptr for none
};

constexpr ScenarioSpec kScenarios[] = {
    {StandinScenario::Healthy, "healthy", nullptr},
    {StandinScenario::Faults, "faults", "faults.sql"},
    {StandinScenario::FeedsStopped, "feeds-stopped", "feeds_stopped.sql"},
};

const ScenarioSpec& spec_of(StandinScenario scenario) {
    for (const auto& spec : kScenarios) {
        if (spec.scenario == scenario) return spec;
    }
    return kScenarios[0];
}

}  // namespace

std::string to_string(StandinScenario scenario) {
    return spec_of(scenario).name;
}

const std::vector<std::string>& standin_scenario_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> all;
        for (const auto& spec : kScenarios) all.emplace_back(spec.name);
        return all;
    }();
    return names;
}

std::optional<StandinScenario> find_standin_scenario(const std::string& name) {
    for (const auto& spec : kScenarios) {
        if (name == spec.name) return spec.scenario;
    }
    return std::nullopt;
}

StandinScenario parse_standin_scenario(const std::string& name, const std::string& where) {
    if (auto scenario = find_standin_scenario(name)) return *scenario;
    std::string known;
    for (const auto& each : standin_scenario_names()) known += (known.empty() ? "" : ", ") + each;
    throw UsageError(where + ": unknown stand-in scenario " + quote_value(name) + " (one of " +
                     known + ")" + did_you_mean(name, standin_scenario_names()));
}

std::optional<std::string> standin_scenario_script(StandinScenario scenario) {
    const char* script = spec_of(scenario).script;
    if (!script) return std::nullopt;
    return std::string(script);
}

std::vector<std::string> standin_scenario_scripts() {
    std::vector<std::string> scripts;
    for (const auto& spec : kScenarios) {
        if (spec.script) scripts.emplace_back(spec.script);
    }
    return scripts;
}

}  // namespace opsctl
