// opsctl validate [PATH...]: check runbook files without running anything.
#include <iostream>

#include "opsctl/cli/commands.h"
#include "opsctl/core/install_paths.h"
#include "opsctl/core/status.h"

namespace opsctl {

int command_validate(const CliOptions& options) {
    std::vector<std::string> paths = options.paths;
    if (paths.empty()) {
        paths.push_back(options.runbooks_dir.empty() ? shipped_runbooks_dir()
                                                     : options.runbooks_dir);
    }
    const Catalog catalog = load_catalog(paths);
    for (const auto& diagnostic : catalog.diagnostics) {
        std::cout << diagnostic.to_string() << '\n';
    }
    size_t checklists = 0, steps = 0;
    for (const auto& runbook : catalog.runbooks) {
        checklists += runbook.checklists.size();
        for (const auto& checklist : runbook.checklists) steps += checklist.steps.size();
    }
    if (!catalog.diagnostics.empty()) {
        std::cout << catalog.diagnostics.size() << " problem(s) in " << catalog.files
                  << " file(s)\n";
        return exit_code::kError;
    }
    if (!options.quiet) {
        std::cout << "ok: " << catalog.files << " file(s), " << catalog.runbooks.size()
                  << " runbook(s), " << checklists << " checklist(s), " << steps << " step(s)\n";
    }
    return exit_code::kPass;
}

}  // namespace opsctl
