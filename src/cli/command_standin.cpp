// opsctl standin load: the one command that writes, into a database the user names.
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "opsctl/cli/commands.h"
#include "opsctl/connect/target.h"
#include "opsctl/core/error.h"
#include "opsctl/core/install_paths.h"
#include "opsctl/standin/standin_loader.h"

namespace opsctl {

namespace {

// What the load made, and what --replace let it replace or drop.
void print_changes(const StandinInventory& found, bool postgres) {
    std::cout << "created " << standin_relations().size()
              << " relations: " << fmt::format("{}", fmt::join(standin_relations(), ", ")) << "\n";
    if (!found.existing.empty() && !found.marked) {
        std::vector<std::string> replaced;
        for (const auto& relation : found.existing) replaced.push_back(relation.name);
        std::cout << "replaced (--replace), without the stand-in's marker: "
                  << fmt::format("{}", fmt::join(replaced, ", ")) << "\n";
    }
    if (!found.dependents.empty()) {
        std::cout << (postgres ? "dropped (--replace), as they depended on them: "
                               : "left in place (--replace), now over the new relations: ")
                  << fmt::format("{}", fmt::join(found.dependents, ", ")) << "\n";
    }
}

}  // namespace

int command_standin_load(const CliOptions& options) {
    if (options.target.empty()) {
        throw UsageError("opsctl standin load needs --target postgresql://... or sqlite:PATH");
    }
    const ResolvedTarget resolved = resolve_target_for(options);
    const Target target = resolved.connect_target();
    StandinOptions standin;
    bool given = false;
    standin.anchor = resolve_as_of(options, given);
    standin.scale = options.scale;
    standin.scenario =
        options.faults ? StandinScenario::Faults
                       : parse_standin_scenario(
                             options.scenario.empty() ? "healthy" : options.scenario, "--scenario");
    standin.sql_dir = shipped_standin_sql_dir();
    standin.replace = options.replace;
    const StandinInventory found = load_standin(target, standin);
    if (!options.quiet) {
        std::cout << "loaded the stand-in into " << resolved.describe() << ": " << standin.scale
                  << " shipments, scenario " << to_string(standin.scenario) << ", anchored at "
                  << format_timestamp(standin.anchor) << " UTC (run checks with --as-of \""
                  << format_timestamp(standin.anchor) << "\")\n";
        print_changes(found, target.kind == TargetKind::Postgres);
    }
    return 0;
}

}  // namespace opsctl
