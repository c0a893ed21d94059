#include "opsctl/cli/unattended_command.h"

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include <fmt/format.h>

#include "opsctl/cli/run_lock.h"
#include "opsctl/config/config_file.h"
#include "opsctl/connect/target.h"
#include "opsctl/connect/target_passwords.h"
#include "opsctl/core/error.h"
#include "opsctl/core/install_paths.h"
#include "opsctl/core/quote.h"
#include "opsctl/core/terminal_text.h"

namespace opsctl {

namespace fs = std::filesystem;

namespace {

std::string opsctl_binary() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) throw UsageError("cannot find opsctl's own path (/proc/self/exe): " + ec.message());
    return exe.string();
}

// An sqlite: target with a relative file would open another file from cron's $HOME.
std::string absolute_target(const std::string& target) {
    constexpr std::string_view kSqlite = "sqlite:";
    if (!target.starts_with(kSqlite) || target.size() == kSqlite.size()) return target;
    return std::string(kSqlite) + absolute_path(target.substr(kSqlite.size()));
}

void refuse_password(const CliOptions& options, const std::string& what) {
    // What libpq cannot parse may hide a password, so it is refused too.
    if (holds_password(options.target) || target_passwords(options.target).unparsable ||
        mask_secrets(options.target) != options.target) {
        throw UsageError(
            "--target holds a password (or cannot be parsed), which must not go into " + what +
            ": keep the password in ~/.pgpass (or PGPASSFILE), or use a named "
            "target of the config file with password_env or password_file (opsctl targets)");
    }
}

}  // namespace

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

std::string absolute_path(const std::string& path) {
    return fs::absolute(path).lexically_normal().string();
}

void require_one_line(const std::string& text, const std::string& what, const std::string& where) {
    if (has_control_character(text)) {
        throw UsageError(what + " " + quote_value(text) +
                         " holds a control character, which must not go into " + where);
    }
}

std::string unattended_path(const CliOptions& options, const std::string& where) {
    const char* inherited = std::getenv("PATH");
    std::string path =  // not const: returned, so moved
        !options.cron_path.empty() ? options.cron_path : (inherited ? inherited : "");
    const std::string what = options.cron_path.empty() ? "PATH" : "--path";
    require_one_line(path, what, where);
    if (path.empty()) throw UsageError("PATH is empty: pass --path DIR[:DIR...]");
    std::istringstream dirs(path);
    for (std::string dir; std::getline(dirs, dir, ':');) {
        if (dir.empty() || dir[0] != '/') {
            throw UsageError(what + " " + quote_value(path) + " holds " + quote_value(dir) +
                             ", not an absolute folder: a job would find it relative to its "
                             "working folder (pass --path DIR[:DIR...])");
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

UnattendedCommand unattended_command(const CliOptions& options, const std::string& what) {
    refuse_password(options, what);
    UnattendedCommand command;
    command.binary = opsctl_binary();
    command.runbooks =
        absolute_path(options.runbooks_dir.empty() ? shipped_runbooks_dir() : options.runbooks_dir);
    const std::optional<std::string> found_config = find_config_file(options.config);
    command.config = found_config ? absolute_path(*found_config) : "";
    command.target = absolute_target(options.target);
    command.lock_dir =
        absolute_path(options.lock_dir.empty() ? default_lock_folder() : options.lock_dir);
    require_one_line(command.binary, "opsctl's own path", what);
    require_one_line(command.lock_dir, "--lock-dir", what);
    require_one_line(command.runbooks, "--runbooks", what);
    require_one_line(command.config, "the config file", what);
    require_one_line(command.target, "--target", what);
    return command;
}

std::string unattended_arguments(const UnattendedCommand& command, const std::string& runbook,
                                 const std::string& checklist,
                                 std::string (*quote)(const std::string&)) {
    std::string line =
        quote(runbook) + " " + quote(checklist) + " --runbooks " + quote(command.runbooks);
    if (!command.config.empty()) line += " --config " + quote(command.config);
    if (!command.target.empty()) line += " --target " + quote(command.target);
    const std::string lock = fmt::format("{}/{}.{}.lock", command.lock_dir, runbook, checklist);
    return line + " --lock " + quote(lock) + " --format text";
}

}  // namespace opsctl
