// opsctl standin load: the one command that writes, into a database the user names.
#include <iostream>

#include "opsctl/cli/commands.h"
#include "opsctl/connect/target.h"
#include "opsctl/core/error.h"
#include "opsctl/core/install_paths.h"
#include "opsctl/standin/standin_loader.h"

namespace opsctl {

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
    load_standin(target, standin);
    if (!options.quiet) {
        std::cout << "loaded the stand-in into " << resolved.describe() << ": " << standin.scale
                  << " shipments, scenario " << to_string(standin.scenario) << ", anchored at "
                  << format_timestamp(standin.anchor) << " UTC (run checks with --as-of \""
                  << format_timestamp(standin.anchor) << "\")\n";
    }
    return 0;
}

}  // namespace opsctl
