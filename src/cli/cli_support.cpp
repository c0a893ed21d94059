// Helpers shared by the command handlers.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "opsctl/cli/commands.h"
#include "opsctl/core/error.h"
#include "opsctl/core/install_paths.h"
#include "opsctl/core/quote.h"
#include "opsctl/core/suggest.h"

namespace opsctl {

namespace fs = std::filesystem;

Catalog load_catalog_for(const CliOptions& options) {
    return load_catalog(
        {options.runbooks_dir.empty() ? shipped_runbooks_dir() : options.runbooks_dir});
}

const Runbook& find_runbook(const Catalog& catalog, const std::string& name) {
    if (const Runbook* runbook = catalog.find(name)) return *runbook;
    std::string message = "no runbook " + quote_value(name) + did_you_mean(name, catalog.names());
    if (!catalog.diagnostics.empty()) {
        message +=
            "; " + std::to_string(catalog.diagnostics.size()) +
            " problem(s) in the runbook files, first: " + catalog.diagnostics.front().to_string() +
            " (run opsctl validate)";
    } else {
        message += " (opsctl list shows them)";
    }
    throw UsageError(message);
}

const Checklist& find_checklist(const Runbook& runbook, const std::string& name) {
    if (const Checklist* checklist = runbook.find_checklist(name)) return *checklist;
    std::vector<std::string> names;
    for (const auto& checklist : runbook.checklists) names.push_back(checklist.name);
    throw UsageError("runbook \"" + runbook.name + "\" has no checklist " + quote_value(name) +
                     did_you_mean(name, names));
}

Timestamp resolve_as_of(const CliOptions& options, bool& given) {
    given = !options.as_of.empty();
    if (!given) return now_utc();
    const auto parsed = parse_timestamp(options.as_of);
    if (!parsed) {
        throw UsageError("--as-of " + quote_value(options.as_of) +
                         " is not a time (examples: \"2026-11-25\", \"2026-11-25 08:00\", "
                         "\"2026-11-25T08:00:00Z\")");
    }
    Timestamp as_of = *parsed;
    as_of.date_only = false;
    return as_of;
}

void write_output(const CliOptions& options, const std::string& text) {
    if (options.output.empty()) {
        std::cout << text << std::flush;
        return;
    }
    // A reader of the file never sees half a report, and a failed run leaves the
    // previous report in place.
    const fs::path target(options.output);
    const fs::path temporary = target.parent_path() / ("." + target.filename().string() + ".tmp." +
                                                       std::to_string(getpid()));
    {
        errno = 0;  // so that a failure below is not blamed on an older error
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        const int open_errno = errno;
        out << text;
        out.close();
        if (!out) {
            std::error_code ignored;
            fs::remove(temporary, ignored);
            throw UsageError("cannot write the report to " + options.output + ": " +
                             std::strerror(open_errno ? open_errno : EIO));
        }
    }
    std::error_code ec;
    fs::rename(temporary, target, ec);
    if (ec) {
        const std::string reason = ec.message();  // before the clean-up reuses ec
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw UsageError("cannot write the report to " + options.output + ": " + reason);
    }
}

}  // namespace opsctl
