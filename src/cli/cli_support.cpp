// Helpers shared by the command handlers.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

#include "opsctl/cli/commands.h"
#include "opsctl/config/config_file.h"
#include "opsctl/core/atomic_file.h"
#include "opsctl/core/error.h"
#include "opsctl/core/install_paths.h"
#include "opsctl/core/quote.h"
#include "opsctl/core/suggest.h"
#include "opsctl/runbook/loader.h"
#include "opsctl/translate/dialect.h"

namespace opsctl {

std::optional<Config> config_for(const CliOptions& options) {
    // A spec given as such names no config entry.
    const bool plain_spec = options.target.find_first_of(":=/") != std::string::npos;
    if (plain_spec && options.config.empty()) return std::nullopt;
    return load_config(options.config);
}

ResolvedTarget resolve_target_for(const CliOptions& options) {
    ResolvedTarget resolved = resolve_target(options.target, config_for(options));
    // --dialect wins over the config's dialect and over what an ODBC driver reports.
    if (!options.dialect.empty()) {
        if (const auto unknown = unknown_dialect(options.dialect, "--dialect")) {
            throw UsageError(*unknown);
        }
        resolved.dialect = canonical_dialect(options.dialect);
    }
    return resolved;
}

std::string check_read_only_role(const CliOptions& options, const ResolvedTarget& resolved,
                                 Connector& connector) {
    std::vector<std::string> capabilities;
    try {
        capabilities = connector.write_capabilities();
    } catch (const QueryError& e) {
        throw ConnectionError("connected to " + resolved.describe() +
                              " but cannot read the role's privileges: " + e.what());
    }
    if (capabilities.empty()) return {};
    std::string finding = fmt::format("the role of {} can write: {} (see README \"Read-only\")",
                                      resolved.describe(), fmt::join(capabilities, "; "));
    if (options.require_read_only_role || resolved.require_read_only_role) {
        throw UsageError(finding + "; nothing ran (--require-read-only-role)");
    }
    spdlog::warn("{}", finding);
    return finding;
}

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
    // Years 1900 to 9999: what every engine's dates and opsctl's formatting hold.
    constexpr std::int64_t kFirstSecond = -2208988800;      // 1900-01-01 00:00:00 UTC
    constexpr std::int64_t kPastLastSecond = 253402300800;  // 10000-01-01 00:00:00 UTC
    if (parsed->epoch_seconds < kFirstSecond || parsed->epoch_seconds >= kPastLastSecond) {
        throw UsageError("--as-of " + quote_value(options.as_of) +
                         " is outside the years 1900 to 9999");
    }
    Timestamp as_of = *parsed;
    as_of.date_only = false;
    return as_of;
}

std::string read_shipped_file(const std::string& path, const std::string& what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError("cannot read " + what + " " + path + " (is opsctl installed whole?)");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_output(const CliOptions& options, const std::string& text) {
    if (options.output.empty()) {
        std::cout << text << std::flush;
        return;
    }
    write_file_atomically(options.output, text);
}

}  // namespace opsctl
