// opsctl cron: a crontab for every scheduled checklist, or (--check) whether every
// schedule is a valid five-field cron expression.
#include <filesystem>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "opsctl/cli/commands.h"
#include "opsctl/cli/unattended_command.h"
#include "opsctl/core/crontab_entry.h"
#include "opsctl/core/error.h"
#include "opsctl/core/install_paths.h"
#include "opsctl/core/private_folder.h"
#include "opsctl/runbook/loader.h"

namespace opsctl {

namespace fs = std::filesystem;

namespace {

// $XDG_STATE_HOME/opsctl/log, else ~/.local/state/opsctl/log: logs are state.
std::string default_log_dir() {
    return (fs::path(user_state_dir()) / "log").string();
}

constexpr const char* kCrontab = "a crontab";

int check_schedules(const Catalog& catalog) {
    for (const auto& diagnostic : catalog.diagnostics) {
        std::cerr << "opsctl: error: " << diagnostic.to_string() << '\n';
    }
    if (!catalog.diagnostics.empty()) return 3;
    size_t schedules = 0;
    for (const auto& runbook : catalog.runbooks) {
        for (const auto& checklist : runbook.checklists) schedules += !checklist.schedule.empty();
    }
    std::cout << schedules << " schedules in " << catalog.runbooks.size()
              << " runbooks, every one a valid five-field cron expression\n";
    return 0;
}

}  // namespace

int command_cron(const CliOptions& options) {
    const Catalog catalog = load_catalog_for(options);
    if (options.check) return check_schedules(catalog);
    if (!catalog.diagnostics.empty()) {
        throw UsageError(catalog.diagnostics.front().to_string() + " (run opsctl validate)");
    }
    // A crontab is readable by root and lands in backups: secrets stay out of it.
    const UnattendedCommand command = unattended_command(options, kCrontab);
    const std::string log_dir =
        absolute_path(options.log_dir.empty() ? default_log_dir() : options.log_dir);
    const std::string path = unattended_path(options, kCrontab);
    // Refused before anything is made: nothing changes on bad input.
    require_one_line(options.user_prefix, "--user-prefix", kCrontab);
    require_one_line(log_dir, "--log-dir", kCrontab);

    // The lines must work as printed: `>> log` fails in a missing folder.
    // 0700: the logs show what the checks found.
    create_private_folders(log_dir, "the log folder");

    std::ostringstream out;
    out << "PATH=" << path << "\n"
        << "# opsctl crontab for the scheduled checklists of " << command.runbooks
        << "\n# install: opsctl cron | crontab -   (times are in the cron daemon's time zone)\n"
        << "# logs: " << log_dir << "   locks: " << command.lock_dir << "\n";
    for (const auto& runbook : catalog.runbooks) {
        for (const auto& checklist : runbook.checklists) {
            if (checklist.schedule.empty()) continue;
            const std::string job = fmt::format("{}.{}", runbook.name, checklist.name);
            const std::string job_line = fmt::format(
                "{}{} {} >> {} 2>&1", options.user_prefix.empty() ? "" : options.user_prefix + " ",
                shell_word(command.binary),
                unattended_arguments(command, runbook.name, checklist.name, shell_word),
                shell_word(fmt::format("{}/{}.log", log_dir, job)));
            out << "\n# " << runbook.name << " " << checklist.name
                << (checklist.schedule_text.empty() ? "" : ": " + checklist.schedule_text) << " ("
                << checklist.schedule << ")\n";
            for (const auto& entry : crontab_entries(checklist.schedule)) {
                const std::string line =
                    entry.guard.empty() ? job_line : entry.guard + " && " + job_line;
                out << entry.fields << " " << escape_crontab_percent(line) << "\n";
            }
        }
    }
    write_output(options, out.str());
    return 0;
}

}  // namespace opsctl
