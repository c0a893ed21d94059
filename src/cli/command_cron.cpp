// opsctl cron: a crontab for every scheduled checklist, or (--check) whether every
// schedule is a valid five-field cron expression.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "opsctl/cli/commands.h"
#include "opsctl/cli/run_lock.h"
#include "opsctl/connect/target.h"
#include "opsctl/connect/target_passwords.h"
#include "opsctl/core/crontab_entry.h"
#include "opsctl/core/error.h"
#include "opsctl/core/install_paths.h"
#include "opsctl/core/private_folder.h"
#include "opsctl/runbook/loader.h"

namespace opsctl {

namespace fs = std::filesystem;

namespace {

// A word for sh: as is when it is plain, else in single quotes.
std::string shell_word(const std::string& word) {
    const bool plain = !word.empty() && word.find_first_not_of(
                                            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                            "0123456789_-./:=@+,") == std::string::npos;
    if (plain) return word;
    std::string quoted = "'";
    for (const char c : word) {
        if (c == '\'') {
            quoted += "'\\''";
        } else {
            quoted += c;
        }
    }
    return quoted + "'";
}

std::string absolute(const std::string& path) {
    return fs::absolute(path).lexically_normal().string();
}

std::string opsctl_binary() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) throw UsageError("cannot find opsctl's own path (/proc/self/exe): " + ec.message());
    return exe.string();
}

// $XDG_STATE_HOME/opsctl/log, else ~/.local/state/opsctl/log: logs are state.
std::string default_log_dir() {
    return (fs::path(user_state_dir()) / "log").string();
}

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
    // What libpq cannot parse may hide one, so it is refused too.
    if (holds_password(options.target) || target_passwords(options.target).unparsable ||
        mask_secrets(options.target) != options.target) {
        throw UsageError(
            "--target holds a password (or cannot be parsed), which must not go into a "
            "crontab: keep the password in ~/.pgpass (or PGPASSFILE), or use a named "
            "target of the config file with password_env or password_file (opsctl targets)");
    }
    const std::string log_dir =
        absolute(options.log_dir.empty() ? default_log_dir() : options.log_dir);
    const std::string lock_dir =
        absolute(options.lock_dir.empty() ? default_lock_folder() : options.lock_dir);
    // The lines must work as printed: `>> log` fails in a missing folder.
    // 0700: the logs show what the checks found.
    create_private_folders(log_dir, "the log folder");

    // What the jobs need that cron's bare environment does not give them.
    std::string common;
    if (!options.runbooks_dir.empty()) {
        common += " --runbooks " + shell_word(absolute(options.runbooks_dir));
    }
    if (!options.config.empty()) common += " --config " + shell_word(absolute(options.config));
    if (!options.target.empty()) common += " --target " + shell_word(options.target);

    std::ostringstream out;
    out << "# opsctl crontab for the scheduled checklists of "
        << (options.runbooks_dir.empty() ? shipped_runbooks_dir() : absolute(options.runbooks_dir))
        << "\n# install: opsctl cron | crontab -   (times are in the cron daemon's time zone)\n"
        << "# logs: " << log_dir << "   locks: " << lock_dir << "\n";
    const std::string binary = shell_word(opsctl_binary());
    for (const auto& runbook : catalog.runbooks) {
        for (const auto& checklist : runbook.checklists) {
            if (checklist.schedule.empty()) continue;
            const std::string job = fmt::format("{}.{}", runbook.name, checklist.name);
            const std::string command =
                fmt::format("{}{} {} {}{} --lock {} --format text >> {} 2>&1",
                            options.user_prefix.empty() ? "" : options.user_prefix + " ", binary,
                            shell_word(runbook.name), shell_word(checklist.name), common,
                            shell_word(fmt::format("{}/{}.lock", lock_dir, job)),
                            shell_word(fmt::format("{}/{}.log", log_dir, job)));
            out << "\n# " << runbook.name << " " << checklist.name
                << (checklist.schedule_text.empty() ? "" : ": " + checklist.schedule_text) << " ("
                << checklist.schedule << ")\n";
            for (const auto& entry : crontab_entries(checklist.schedule)) {
                const std::string line =
                    entry.guard.empty() ? command : entry.guard + " && " + command;
                out << entry.fields << " " << escape_crontab_percent(line) << "\n";
            }
        }
    }
    write_output(options, out.str());
    return 0;
}

}  // namespace opsctl
