// opsctl cron: a crontab for every scheduled checklist, or (--check) whether every
// schedule is a valid five-field cron expression.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "opsctl/cli/commands.h"
#include "opsctl/cli/run_lock.h"
#include "opsctl/config/config_file.h"
#include "opsctl/connect/target.h"
#include "opsctl/connect/target_passwords.h"
#include "opsctl/core/crontab_entry.h"
#include "opsctl/core/error.h"
#include "opsctl/core/install_paths.h"
#include "opsctl/core/private_folder.h"
#include "opsctl/core/quote.h"
#include "opsctl/core/terminal_text.h"
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

// Every string of the crontab is one line: a newline inside quotes would still end
// the cron line, and what follows it would be a job of its own.
void require_one_line(const std::string& text, const std::string& what) {
    if (has_control_character(text)) {
        throw UsageError(what + " " + quote_value(text) +
                         " holds a control character, which must not go into a crontab");
    }
}

// The crontab's PATH line: absolute folders only, since cron starts jobs in $HOME.
std::string crontab_path(const CliOptions& options) {
    const char* inherited = std::getenv("PATH");
    std::string path =  // not const: returned, so moved
        !options.cron_path.empty() ? options.cron_path : (inherited ? inherited : "");
    const std::string what = options.cron_path.empty() ? "PATH" : "--path";
    require_one_line(path, what);
    if (path.empty()) throw UsageError("PATH is empty: pass --path DIR[:DIR...]");
    std::istringstream dirs(path);
    for (std::string dir; std::getline(dirs, dir, ':');) {
        if (dir.empty() || dir[0] != '/') {
            throw UsageError(what + " " + quote_value(path) + " holds " + quote_value(dir) +
                             ", not an absolute folder: under cron it would be relative to "
                             "$HOME (pass --path DIR[:DIR...])");
        }
    }
    if (path.back() == ' ') {
        throw UsageError(what + " " + quote_value(path) +
                         " ends with a blank, which cron would drop (pass --path)");
    }
    if (path.back() == ':') {
        throw UsageError(what + " " + quote_value(path) +
                         " ends with ':', which means the current folder (pass --path)");
    }
    return path;
}

// An sqlite: target with a relative file would open another file from cron's $HOME.
std::string absolute_target(const std::string& target) {
    constexpr std::string_view kSqlite = "sqlite:";
    if (!target.starts_with(kSqlite) || target.size() == kSqlite.size()) return target;
    return std::string(kSqlite) + absolute(target.substr(kSqlite.size()));
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

    // What the jobs need that cron's bare environment (cwd $HOME, a PATH of its own,
    // no OPSCTL_* variables) does not give them: this binary, and the runbooks,
    // config file and target this command used, by absolute paths.
    const std::string binary = opsctl_binary();
    const std::string runbooks =
        absolute(options.runbooks_dir.empty() ? shipped_runbooks_dir() : options.runbooks_dir);
    const std::optional<std::string> found_config = find_config_file(options.config);
    const std::string config = found_config ? absolute(*found_config) : "";
    const std::string target = absolute_target(options.target);
    const std::string path = crontab_path(options);
    // Refused before anything is made: nothing changes on bad input.
    require_one_line(binary, "opsctl's own path");
    require_one_line(options.user_prefix, "--user-prefix");
    require_one_line(log_dir, "--log-dir");
    require_one_line(lock_dir, "--lock-dir");
    require_one_line(runbooks, "--runbooks");
    require_one_line(config, "the config file");
    require_one_line(target, "--target");

    // The lines must work as printed: `>> log` fails in a missing folder.
    // 0700: the logs show what the checks found.
    create_private_folders(log_dir, "the log folder");

    std::string common = " --runbooks " + shell_word(runbooks);
    if (!config.empty()) common += " --config " + shell_word(config);
    if (!target.empty()) common += " --target " + shell_word(target);

    std::ostringstream out;
    out << "PATH=" << path << "\n"
        << "# opsctl crontab for the scheduled checklists of " << runbooks
        << "\n# install: opsctl cron | crontab -   (times are in the cron daemon's time zone)\n"
        << "# logs: " << log_dir << "   locks: " << lock_dir << "\n";
    for (const auto& runbook : catalog.runbooks) {
        for (const auto& checklist : runbook.checklists) {
            if (checklist.schedule.empty()) continue;
            const std::string job = fmt::format("{}.{}", runbook.name, checklist.name);
            const std::string command = fmt::format(
                "{}{} {} {}{} --lock {} --format text >> {} 2>&1",
                options.user_prefix.empty() ? "" : options.user_prefix + " ", shell_word(binary),
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
