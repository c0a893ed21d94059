// opsctl systemd: one .service and one .timer per scheduled checklist, the systemd
// counterpart of opsctl cron, with the same self-contained command line.
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "opsctl/cli/commands.h"
#include "opsctl/cli/unattended_command.h"
#include "opsctl/core/atomic_file.h"
#include "opsctl/core/error.h"
#include "opsctl/core/quote.h"
#include "opsctl/core/systemd_calendar.h"
#include "opsctl/runbook/loader.h"

namespace opsctl {

namespace fs = std::filesystem;

namespace {

constexpr const char* kUnit = "a systemd unit";

// systemd expands "%x" specifiers and "$VAR" in unit values: both written doubled.
std::string escape_specifiers(const std::string& text) {
    std::string escaped;
    for (const char c : text) {
        if (c == '%' || c == '$') escaped += c;
        escaped += c;
    }
    return escaped;
}

// A word of ExecStart= or Environment=: as is when plain, else in double quotes with
// backslash escapes (systemd.service(5), "Command lines").
std::string systemd_word(const std::string& word) {
    const bool plain = !word.empty() && word.find_first_not_of(
                                            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                            "0123456789_-./:=@+,") == std::string::npos;
    if (plain) return word;
    std::string quoted = "\"";
    for (const char c : word) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return escape_specifiers(quoted + "\"");
}

// --dir, else ~/.config/systemd/user with --user, else /etc/systemd/system.
std::string unit_folder(const CliOptions& options) {
    if (!options.unit_dir.empty()) return absolute_path(options.unit_dir);
    if (!options.user_units) return "/etc/systemd/system";
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) {
        return (fs::path(xdg) / "systemd" / "user").string();
    }
    const char* home = std::getenv("HOME");
    if (!home || !*home) throw UsageError("HOME is not set: pass --dir for the user units");
    return (fs::path(home) / ".config" / "systemd" / "user").string();
}

std::vector<std::string> on_calendar(const Checklist& checklist, const std::string& job) {
    try {
        return systemd_on_calendar(checklist.schedule);
    } catch (const std::invalid_argument& e) {
        throw UsageError(job + ": schedule " + quote_value(checklist.schedule) + ": " + e.what());
    }
}

std::string service_unit(const UnattendedCommand& command, const std::string& path,
                         const Runbook& runbook, const Checklist& checklist) {
    const std::string title = checklist.title.empty() ? "" : ": " + checklist.title;
    return fmt::format(
        "# Written by opsctl systemd: one run of {} {}, started by its timer.\n"
        "[Unit]\nDescription=opsctl {} {}{}\nDocumentation=man:opsctl(1)\n\n"
        "[Service]\nType=oneshot\nEnvironment={}\nExecStart={} {}\n",
        runbook.name, checklist.name, runbook.name, checklist.name, escape_specifiers(title),
        systemd_word("PATH=" + path), systemd_word(command.binary),
        unattended_arguments(command, runbook.name, checklist.name, systemd_word));
}

std::string timer_unit(const Runbook& runbook, const Checklist& checklist,
                       const std::vector<std::string>& calendar) {
    std::string text = fmt::format(
        "# Written by opsctl systemd from the schedule \"{}\"{}.\n"
        "[Unit]\nDescription=Schedule of opsctl {} {}\n\n[Timer]\n",
        checklist.schedule,
        checklist.schedule_text.empty() ? "" : " (" + checklist.schedule_text + ")", runbook.name,
        checklist.name);
    for (const std::string& value : calendar) text += "OnCalendar=" + value + "\n";
    // A run missed while the machine was off starts when it is back.
    return text + "Persistent=true\n\n[Install]\nWantedBy=timers.target\n";
}

}  // namespace

int command_systemd(const CliOptions& options) {
    const Catalog catalog = load_catalog_for(options);
    if (!catalog.diagnostics.empty()) {
        throw UsageError(catalog.diagnostics.front().to_string() + " (run opsctl validate)");
    }
    // Unit files are readable by every user: secrets stay out of them.
    const UnattendedCommand command = unattended_command(options, kUnit);
    const std::string path = unattended_path(options, kUnit);
    const std::string folder = unit_folder(options);
    // Every unit is made before any is written: nothing changes on bad input.
    std::vector<std::pair<std::string, std::string>> units;
    for (const auto& runbook : catalog.runbooks) {
        for (const auto& checklist : runbook.checklists) {
            if (checklist.schedule.empty()) continue;
            const std::string job = fmt::format("{}.{}", runbook.name, checklist.name);
            const std::vector<std::string> calendar = on_calendar(checklist, job);
            units.emplace_back("opsctl-" + job + ".service",
                               service_unit(command, path, runbook, checklist));
            units.emplace_back("opsctl-" + job + ".timer",
                               timer_unit(runbook, checklist, calendar));
        }
    }
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) throw UsageError("cannot create " + quote_value(folder) + ": " + ec.message());
    std::string timers;
    for (const auto& [name, text] : units) {
        write_file_atomically((fs::path(folder) / name).string(), text);
        if (name.ends_with(".timer")) timers += " " + name;
    }
    const std::string scope = options.user_units ? " --user" : "";
    std::cout << units.size() / 2 << " timers and their services written to " << folder
              << "\nstart them: systemctl" << scope << " daemon-reload && systemctl" << scope
              << " enable --now" << timers << "\n";
    return 0;
}

}  // namespace opsctl
