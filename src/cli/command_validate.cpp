// opsctl validate [PATH...]: check runbook files without running anything.
#include <iostream>

#include <nlohmann/json.hpp>

#include "opsctl/cli/commands.h"
#include "opsctl/core/error.h"
#include "opsctl/core/install_paths.h"
#include "opsctl/core/status.h"

namespace opsctl {

namespace {

struct Totals {
    size_t checklists = 0;
    size_t steps = 0;
};

Totals count(const Catalog& catalog) {
    Totals totals;
    for (const auto& runbook : catalog.runbooks) {
        totals.checklists += runbook.checklists.size();
        for (const auto& checklist : runbook.checklists) totals.steps += checklist.steps.size();
    }
    return totals;
}

// The loader's diagnostics as they are, not parsed back out of their one-line text.
nlohmann::json problem(const Diagnostic& diagnostic) {
    return {{"file", diagnostic.file},
            {"line", diagnostic.location.line},
            {"column", diagnostic.location.column},
            {"path", diagnostic.path},
            {"message", diagnostic.message}};
}

void write_json(const Catalog& catalog) {
    const Totals totals = count(catalog);
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& diagnostic : catalog.diagnostics) problems.push_back(problem(diagnostic));
    const nlohmann::json report = {{"ok", catalog.diagnostics.empty()},
                                   {"files", catalog.files},
                                   {"runbooks", catalog.runbooks.size()},
                                   {"checklists", totals.checklists},
                                   {"steps", totals.steps},
                                   {"problems", problems}};
    // Invalid UTF-8 in a file name or a key is replaced, never a throw mid-answer.
    std::cout << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void write_text(const Catalog& catalog, bool quiet) {
    for (const auto& diagnostic : catalog.diagnostics) {
        std::cout << diagnostic.to_string() << '\n';
    }
    if (!catalog.diagnostics.empty()) {
        std::cout << catalog.diagnostics.size() << " problem(s) in " << catalog.files
                  << " file(s)\n";
        return;
    }
    if (quiet) return;
    const Totals totals = count(catalog);
    std::cout << "ok: " << catalog.files << " file(s), " << catalog.runbooks.size()
              << " runbook(s), " << totals.checklists << " checklist(s), " << totals.steps
              << " step(s)\n";
}

}  // namespace

int command_validate(const CliOptions& options) {
    if (options.format != "text" && options.format != "json") {
        throw UsageError("opsctl validate: unknown --format \"" + options.format +
                         "\" (text, json)");
    }
    std::vector<std::string> paths = options.paths;
    if (paths.empty()) {
        paths.push_back(options.runbooks_dir.empty() ? shipped_runbooks_dir()
                                                     : options.runbooks_dir);
    }
    const Catalog catalog = load_catalog(paths);
    if (options.format == "json") {
        write_json(catalog);
    } else {
        write_text(catalog, options.quiet);
    }
    return catalog.diagnostics.empty() ? exit_code::kPass : exit_code::kError;
}

}  // namespace opsctl
