// opsctl list: every checklist with its schedule, owner and duration.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "opsctl/cli/commands.h"
#include "opsctl/core/error.h"

namespace opsctl {

int command_list(const CliOptions& options) {
    const Catalog catalog = load_catalog_for(options);
    if (!catalog.diagnostics.empty()) {
        throw UsageError(catalog.diagnostics.front().to_string() + " (run opsctl validate)");
    }
    std::ostringstream out;
    if (options.format == "json") {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& runbook : catalog.runbooks) {
            for (const auto& checklist : runbook.checklists) {
                list.push_back(
                    {{"runbook", runbook.name},
                     {"checklist", checklist.name},
                     {"title", checklist.title},
                     {"schedule", checklist.schedule.empty() ? nlohmann::json(nullptr)
                                                             : nlohmann::json(checklist.schedule)},
                     {"schedule_text", checklist.schedule_text},
                     {"owner", checklist.owner},
                     {"duration_minutes", checklist.duration_minutes
                                              ? nlohmann::json(*checklist.duration_minutes)
                                              : nlohmann::json(nullptr)},
                     {"steps", checklist.steps.size()}});
            }
        }
        out << list.dump(2) << '\n';
    } else if (options.format == "text") {
        out << fmt::format("{:<28} {:<16} {:<44} {:<32} {:>10} {:>5}\n", "CHECKLIST", "SCHEDULE",
                           "WHEN", "OWNER", "DURATION", "STEPS");
        for (const auto& runbook : catalog.runbooks) {
            for (const auto& checklist : runbook.checklists) {
                out << fmt::format("{:<28} {:<16} {:<44} {:<32} {:>10} {:>5}\n",
                                   runbook.name + " " + checklist.name,
                                   checklist.schedule.empty() ? "on demand" : checklist.schedule,
                                   checklist.schedule_text, checklist.owner,
                                   checklist.duration_minutes
                                       ? std::to_string(*checklist.duration_minutes) + " min"
                                       : "",
                                   checklist.steps.size());
            }
        }
    } else {
        throw UsageError("opsctl list: unknown --format \"" + options.format + "\" (text, json)");
    }
    write_output(options, out.str());
    return 0;
}

}  // namespace opsctl
