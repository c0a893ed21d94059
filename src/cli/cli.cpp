#include "opsctl/cli/cli.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <csignal>
#include <iostream>

#include "opsctl/cli/commands.h"
#include "opsctl/cli/run_lock.h"
#include "opsctl/connect/connector.h"
#include "opsctl/connect/target.h"
#include "opsctl/core/error.h"
#include "opsctl/core/quote.h"
#include "opsctl/core/status.h"

namespace opsctl {

namespace {

void setup_logging(const CliOptions& options) {
    auto logger = spdlog::stderr_logger_mt("opsctl");
    logger->set_pattern("opsctl: %l: %v");
    spdlog::level::level_enum level = spdlog::level::warn;
    if (options.quiet) level = spdlog::level::err;
    if (options.verbosity == 1) level = spdlog::level::info;
    if (options.verbosity >= 2) level = spdlog::level::debug;
    logger->set_level(level);
    spdlog::set_default_logger(logger);
}

int report_error(const std::string& message) {
    // Whatever the message quotes (an argument, a target, a file's bytes): one line,
    // no password. Masked before it is cut, so a cut cannot hide a secret's end.
    std::cerr << "opsctl: error: " << one_line(mask_secrets(message)) << '\n';
    return exit_code::kError;
}

}  // namespace

// An option given with an empty value ("--timeout ''", a variable expanded to
// nothing in a crontab) is refused: silently meaning "not given" would run without
// the limit or on another target than the user wrote.
const CLI::Validator& not_empty() {
    static const CLI::Validator validator(
        [](std::string& value) {
            return value.empty() ? std::string("empty value") : std::string();
        },
        "", "NOT_EMPTY");
    return validator;
}

int run_cli(int argc, char** argv) {
    // A reader that goes away (`| head -1`) must not kill a run before its report
    // files are written: writes to it fail with EPIPE instead, which the report
    // outputs handle (report_outputs.cpp).
    signal(SIGPIPE, SIG_IGN);
    CliOptions options;
    CLI::App app{
        "opsctl runs operational runbooks as checks against a warehouse and prints a "
        "pass/fail report.\nExit codes: 0 pass, 1 warn, 2 fail, 3 error or unusable "
        "input, 4 another run holds the lock.",
        "opsctl"};
    app.set_version_flag("--version", std::string("opsctl ") + OPSCTL_VERSION);
    app.require_subcommand(0, 1);

    // Options that apply to every command.
    app.add_option("--runbooks", options.runbooks_dir,
                   "Folder of runbook files (default: the shipped runbooks)")
        ->check(not_empty())
        ->envname("OPSCTL_RUNBOOKS");
    app.add_option("--target", options.target,
                   "Warehouse: a named target of the config file, postgresql://..., "
                   "key=value conninfo, sqlite:PATH, odbc:DSN=name, odbc:Driver={...};..., "
                   "demo, demo:faults or demo:feeds-stopped (default: the config's default "
                   "target, else the embedded demo when stdin and stdout are a terminal)")
        ->check(not_empty())
        ->envname("OPSCTL_TARGET");
    app.add_option("--config", options.config,
                   "Config file of named targets (default: ./opsctl.json, else "
                   "$XDG_CONFIG_HOME/opsctl/config.json)")
        ->envname("OPSCTL_CONFIG");
    app.add_flag("-v,--verbose", options.verbosity, "Log progress to stderr (-vv: debug)");
    app.add_flag("-q,--quiet", options.quiet, "Log only errors");

    // Running a checklist: opsctl <runbook> [<checklist>].
    app.add_option("runbook", options.runbook, "Runbook to run (opsctl list shows them)");
    app.add_option("checklist", options.checklist,
                   "Checklist to run (default: all of the runbook)");
    const auto add_run_options = [&](CLI::App* command) {
        // One value per occurrence, so that "--set a=1 daily morning" leaves the
        // positionals alone; repeat the option for more.
        command
            ->add_option("--set", options.sets,
                         "Override a runbook variable: name=value (repeatable)")
            ->check(not_empty())
            ->expected(1)
            ->allow_extra_args(false)
            ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
        command
            ->add_option("--as-of", options.as_of,
                         "Evaluate as of this UTC time (\"2026-11-25 08:00\"): replaces the "
                         "current date and time in every query")
            ->check(not_empty());
    };
    add_run_options(&app);
    app.add_option("--dialect", options.dialect,
                   "SQL dialect of the target (default: its kind's; ODBC: detected from the "
                   "driver)")
        ->check(not_empty());
    app.add_option("--format", options.format,
                   "Report format: text, json, junit, nagios, prometheus (with --output) or "
                   "markdown")
        ->check(not_empty());
    app.add_option("--output", options.output, "Write the report to FILE instead of stdout")
        ->check(not_empty());
    app.add_option("--report", options.reports,
                   "Also write a report in FORMAT to PATH: FORMAT:PATH (repeatable)")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    for (const char* format : {"json", "junit", "nagios", "prometheus", "markdown"}) {
        app.add_option(std::string("--output-") + format, options.output_per_format[format],
                       std::string("Also write the ") + format + " report to PATH");
    }
    app.add_option("--only", options.only, "Run only this step (repeatable)")
        ->check(not_empty())
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    app.add_option("--skip", options.skip,
                   "Leave this step out (repeatable); the run is marked partial")
        ->check(not_empty())
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    app.add_option("--jobs,-j", options.jobs,
                   "SQL steps run at once, one connection each (default 4; 1 keeps the "
                   "runbook's order)")
        ->check(CLI::Range(1, 64));
    app.add_option("--timeout", options.timeout,
                   "Stop the whole run after this long (\"10m\"); unfinished steps end as error")
        ->check(not_empty());
    app.add_option("--lock", options.lock,
                   "Lock file: a second run with the same lock exits at once with code 4 "
                   "(default: one per runbook, checklist and target, in "
                   "$XDG_STATE_HOME/opsctl/locks, ~/.local/state/opsctl/locks or, for root, "
                   "/run/lock/opsctl); an existing file must be an opsctl lock")
        ->check(not_empty());
    app.add_flag("--no-lock", options.no_lock, "Do not take a lock");
    app.add_option("--color", options.color,
                   "Colour the text report: auto (on a terminal, unless NO_COLOR is set), "
                   "always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    app.add_option("--rows", options.rows,
                   "Rows of each report step shown in the reports: N or all (default 20)");
    app.add_flag("--require-read-only-role", options.require_read_only_role,
                 "Exit 3 before any step runs when the target's role can write (PostgreSQL)");

    auto* list = app.add_subcommand("list", "List every checklist with its schedule and owner");
    list->add_option("--format", options.format, "text or json")->check(not_empty());

    auto* show = app.add_subcommand("show", "Show a checklist's steps, SQL and thresholds");
    show->add_option("runbook", options.runbook, "Runbook")->required();
    show->add_option("checklist", options.checklist, "Checklist")->required();
    add_run_options(show);
    show->add_option("--format", options.format, "text or json")->check(not_empty());

    auto* validate = app.add_subcommand("validate", "Check runbook files without running them");
    validate->add_option("paths", options.paths, "Runbook files or folders (default: --runbooks)");
    validate->add_option("--format", options.format, "text or json")->check(not_empty());

    auto* render =
        app.add_subcommand("render", "Print a checklist's SQL exactly as it would be sent");
    render->add_option("runbook", options.runbook, "Runbook")->required();
    render->add_option("checklist", options.checklist, "Checklist")->required();
    render
        ->add_option("--dialect", options.dialect,
                     "Render for this dialect (default: the target's)")
        ->check(not_empty());
    add_run_options(render);

    auto* standin = app.add_subcommand("standin", "The stand-in warehouse for tests and demos");
    standin->require_subcommand(1);
    auto* load = standin->add_subcommand(
        "load", "Create the stand-in relations and demo data at --target (this writes)");
    load->add_option("--target", options.target,
                     "Where to load: postgresql://..., a key=value conninfo or sqlite:PATH")
        ->check(not_empty());
    load->add_option("--scale", options.scale, "Number of shipments (default 20000)");
    auto* scenario = load->add_option("--scenario", options.scenario,
                                      "The data to load: healthy (default), faults or "
                                      "feeds-stopped (see sql/README.md)")
                         ->check(not_empty());
    load->add_flag("--faults", options.faults, "The same as --scenario faults")->excludes(scenario);
    load->add_flag("--replace", options.replace,
                   "Replace relations of the stand-in's names that lack its marker, and drop "
                   "what depends on them (without it such a database is refused)");
    load->add_option("--as-of", options.as_of, "Anchor the data at this UTC time (default: now)")
        ->check(not_empty());

    auto* targets = app.add_subcommand("targets", "List the config file's named targets (masked)");
    targets->add_option("--format", options.format, "text or json");

    auto* ping = app.add_subcommand(
        "ping", "Connect to --target and print its server version, dialect and connect time");

    auto* cron =
        app.add_subcommand("cron", "Print a crontab for every scheduled checklist of the runbooks");
    cron->add_option("--user-prefix", options.user_prefix,
                     "Put this before opsctl in every line (\"nice -n 10\", \"sudo -u ops\")");
    cron->add_option("--log-dir", options.log_dir,
                     "Folder of the jobs' logs (default: $XDG_STATE_HOME/opsctl/log, else "
                     "~/.local/state/opsctl/log)");
    cron->add_option(
        "--lock-dir", options.lock_dir,
        "Folder of the jobs' lock files (default: the runs' own lock folder, see --lock)");
    cron->add_option("--path", options.cron_path,
                     "The PATH line the crontab starts with, for the jobs' shell steps "
                     "(default: the PATH opsctl cron runs with)")
        ->check(not_empty());
    cron->add_flag("--check", options.check,
                   "Only check that every schedule is a valid five-field cron expression");

    for (auto* command : {list, show, validate, render, standin, load, targets, ping, cron}) {
        command->fallthrough();
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        return report_error(std::string(e.what()) + " (see opsctl --help)");
    }
    setup_logging(options);

    try {
        if (list->parsed()) return command_list(options);
        if (show->parsed()) return command_show(options);
        if (validate->parsed()) return command_validate(options);
        if (render->parsed()) return command_render(options);
        if (load->parsed()) return command_standin_load(options);
        if (targets->parsed()) return command_targets(options);
        if (ping->parsed()) return command_ping(options);
        if (cron->parsed()) return command_cron(options);
        if (options.runbook.empty()) {
            std::cout << app.help();
            return exit_code::kError;
        }
        return command_run(options);
    } catch (const UsageError& e) {
        return report_error(e.what());
    } catch (const ConnectionError& e) {
        return report_error(e.what());
    } catch (const QueryError& e) {
        return report_error(e.what());
    } catch (const LockedError& e) {
        std::cerr << "opsctl: error: " << e.what() << '\n';
        return kExitLocked;
    } catch (const std::exception& e) {
        return report_error(std::string("unexpected: ") + e.what());
    }
}

}  // namespace opsctl
