#pragma once
// The command line of an unattended run, as `opsctl cron` and `opsctl systemd` write
// it: self-contained, since cron and systemd start jobs with a bare environment (cwd
// $HOME or /, their own PATH, no OPSCTL_* variables), so it names this binary and
// the runbooks, config file and target of the command that wrote it by absolute paths.

#include <string>

#include "opsctl/cli/commands.h"

namespace opsctl {

struct UnattendedCommand {
    std::string binary;    // this opsctl, absolute
    std::string runbooks;  // --runbooks, absolute (default: the shipped runbooks)
    std::string config;    // the config file found, absolute; empty = none
    std::string target;    // --target, sqlite: paths made absolute; empty = the default
    std::string lock_dir;  // --lock-dir, absolute (default: the runs' own lock folder)
};

// Refuses (UsageError) a target that holds a password or cannot be parsed, since the
// line lands in a file readable by root and in backups, and any part holding a
// control character, which would end the line. `what` names where the line goes
// ("a crontab", "a systemd unit").
UnattendedCommand unattended_command(const CliOptions& options, const std::string& what);

// The words of one checklist's run after the binary: "RUNBOOK CHECKLIST --runbooks
// DIR [--config FILE] [--target T] --lock FILE --format text", each quoted by `quote`.
std::string unattended_arguments(const UnattendedCommand& command, const std::string& runbook,
                                 const std::string& checklist,
                                 std::string (*quote)(const std::string&));

// The PATH line of the jobs, for their shell steps: --path, else the PATH opsctl runs
// with; absolute folders only (jobs start in $HOME or /). UsageError otherwise.
std::string unattended_path(const CliOptions& options, const std::string& where);

// A word for sh: as is when it is plain, else in single quotes.
std::string shell_word(const std::string& word);

// An absolute, normal form of `path`.
std::string absolute_path(const std::string& path);

// `text` must be one line: UsageError naming `what` when it holds a control character.
void require_one_line(const std::string& text, const std::string& what, const std::string& where);

}  // namespace opsctl
