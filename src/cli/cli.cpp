#include "opsctl/cli/cli.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <csignal>
#include <iostream>
#include <optional>
#include <string_view>

#include "opsctl/cli/commands.h"
#include "opsctl/cli/completion.h"
#include "opsctl/connect/target.h"
#include "opsctl/core/build_info.h"
#include "opsctl/core/error.h"
#include "opsctl/core/quote.h"
#include "opsctl/core/status.h"
#include "opsctl/report/reporter.h"

namespace opsctl {

namespace {

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

int report_error_line(const std::string& message) {
    // Whatever the message quotes (an argument, a target, a file's bytes): one line,
    // no password. Masked before it is cut, so a cut cannot hide a secret's end.
    std::cerr << "opsctl: error: " << one_line(mask_secrets(message)) << '\n';
    return exit_code::kError;
}

// Options that apply to every command; returned for completion, which offers them
// after any command.
std::vector<const CLI::Option*> add_global_options(CLI::App& app, CliOptions& options) {
    app.add_option("--runbooks", options.runbooks_dir,
                   "Folder of runbook files (default: the shipped runbooks)")
        ->check(not_empty())
        ->envname("OPSCTL_RUNBOOKS");
    app.add_option("--target", options.target,
                   "Warehouse: a named target of the config file, " + target_forms_for_help() +
                       " (default: the config's default target, else the embedded demo when "
                       "stdin and stdout are a terminal)")
        ->check(not_empty())
        ->envname("OPSCTL_TARGET");
    app.add_option("--config", options.config,
                   "Config file of named targets (default: ./opsctl.json, else "
                   "$XDG_CONFIG_HOME/opsctl/config.json)")
        ->envname("OPSCTL_CONFIG");
    app.add_option("--history", options.history,
                   "Run history store: a file, sqlite:PATH, postgresql://... (no password in "
                   "it: use ~/.pgpass) or none (default: the config's \"history\", else "
                   "$XDG_STATE_HOME/opsctl/history.db or ~/.local/state/opsctl/history.db)")
        ->check(not_empty())
        ->envname("OPSCTL_HISTORY");
    app.add_flag("-v,--verbose", options.verbosity, "Log progress to stderr (-vv: debug)");
    app.add_flag("-q,--quiet", options.quiet, "Log only errors");
    const std::vector<CLI::Option*> so_far = app.get_options();  // --help, --version, the above
    return {so_far.begin(), so_far.end()};
}

// Options of running and rendering a checklist.
void add_run_options(CLI::App* command, CliOptions& options) {
    // One value per occurrence, so that "--set a=1 daily morning" leaves the
    // positionals alone; repeat the option for more.
    command
        ->add_option("--set", options.sets, "Override a runbook variable: name=value (repeatable)")
        ->check(not_empty())
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    command
        ->add_option("--as-of", options.as_of,
                     "Evaluate as of this UTC time (\"2026-11-25 08:00\"): replaces the "
                     "current date and time in every query")
        ->check(not_empty());
}

// Running a checklist: opsctl <runbook> [<checklist>].
void add_checklist_run(CLI::App& app, CliOptions& options) {
    app.add_option("runbook", options.runbook, "Runbook to run (opsctl list shows them)");
    app.add_option("checklist", options.checklist,
                   "Checklist to run (default: all of the runbook)");
    add_run_options(&app, options);
    app.add_option("--dialect", options.dialect,
                   "SQL dialect of the target (default: its kind's; ODBC: detected from the "
                   "driver)")
        ->check(not_empty());
    // The list comes from the reporter registry: a new format is named here by itself.
    app.add_option("--format", options.format,
                   "Report format: " + report_format_list() + " (prometheus with --output)")
        ->check(not_empty());
    app.add_option("--output", options.output, "Write the report to FILE instead of stdout")
        ->check(not_empty());
    app.add_option("--report", options.reports,
                   "Also write a report in FORMAT to PATH: FORMAT:PATH (repeatable)")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    for (const std::string& format : report_formats()) {
        if (format == "text") continue;  // the text report is what stdout shows
        app.add_option("--output-" + format, options.output_per_format[format],
                       "Also write the " + format + " report to PATH");
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
    app.add_option("--notify", options.notify,
                   "Send what changed to webhook:URL, slack:URL, teams:URL or "
                   "pagerduty:ROUTING_KEY; the value may be env:NAME or file:PATH (repeatable)")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    app.add_option("--notify-on", options.notify_on,
                   "When to notify: change (new, escalated, resolved, errors; the default) or "
                   "always (every run)")
        ->check(CLI::IsMember({"change", "always"}));
}

struct Commands {
    CLI::App* list = nullptr;
    CLI::App* show = nullptr;
    CLI::App* validate = nullptr;
    CLI::App* render = nullptr;
    CLI::App* standin = nullptr;
    CLI::App* load = nullptr;
    CLI::App* targets = nullptr;
    CLI::App* ping = nullptr;
    CLI::App* cron = nullptr;
    CLI::App* import = nullptr;
    CLI::App* history = nullptr;
    CLI::App* prune = nullptr;
    CLI::App* report = nullptr;
    CLI::App* schema = nullptr;
    CLI::App* completion = nullptr;
    CLI::App* systemd = nullptr;
    CLI::App* ack = nullptr;
    CLI::App* acks = nullptr;
    CLI::App* unack = nullptr;
};

void add_runbook_commands(CLI::App& app, CliOptions& options, Commands& commands) {
    commands.list = app.add_subcommand("list", "List every checklist with its schedule and owner");
    commands.list->add_option("--format", options.format, "text or json")->check(not_empty());

    commands.show = app.add_subcommand("show", "Show a checklist's steps, SQL and thresholds");
    commands.show->add_option("runbook", options.runbook, "Runbook")->required();
    commands.show->add_option("checklist", options.checklist, "Checklist")->required();
    add_run_options(commands.show, options);
    commands.show->add_option("--format", options.format, "text or json")->check(not_empty());

    commands.validate = app.add_subcommand("validate", "Check runbook files without running them");
    commands.validate->add_option("paths", options.paths,
                                  "Runbook files or folders (default: --runbooks)");
    commands.validate->add_option("--format", options.format, "text or json")->check(not_empty());

    commands.render =
        app.add_subcommand("render", "Print a checklist's SQL exactly as it would be sent");
    commands.render->add_option("runbook", options.runbook, "Runbook")->required();
    commands.render->add_option("checklist", options.checklist, "Checklist")->required();
    commands.render
        ->add_option("--dialect", options.dialect,
                     "Render for this dialect (default: the target's)")
        ->check(not_empty());
    commands.render
        ->add_option("--evaluate", options.evaluate,
                     "auto or warehouse: print the query that evaluates each step in the "
                     "warehouse where its rules allow (default: client, the step's SQL)")
        ->check(CLI::IsMember({"auto", "warehouse", "client"}));
    add_run_options(commands.render, options);
}

void add_warehouse_commands(CLI::App& app, CliOptions& options, Commands& commands) {
    commands.standin = app.add_subcommand("standin", "The stand-in warehouse for tests and demos");
    commands.standin->require_subcommand(1);
    commands.load = commands.standin->add_subcommand(
        "load", "Create the stand-in relations and demo data at --target (this writes)");
    commands.load
        ->add_option("--target", options.target,
                     "Where to load: postgresql://..., a key=value conninfo or sqlite:PATH")
        ->check(not_empty());
    commands.load->add_option("--scale", options.scale, "Number of shipments (default 20000)");
    auto* scenario = commands.load
                         ->add_option("--scenario", options.scenario,
                                      "The data to load: healthy (default), faults or "
                                      "feeds-stopped (see sql/README.md)")
                         ->check(not_empty());
    commands.load->add_flag("--faults", options.faults, "The same as --scenario faults")
        ->excludes(scenario);
    commands.load->add_flag(
        "--replace", options.replace,
        "Replace relations of the stand-in's names that lack its marker, and drop "
        "what depends on them (without it such a database is refused)");
    commands.load
        ->add_option("--as-of", options.as_of, "Anchor the data at this UTC time (default: now)")
        ->check(not_empty());

    commands.targets =
        app.add_subcommand("targets", "List the config file's named targets (masked)");
    commands.targets->add_option("--format", options.format, "text or json");

    commands.ping = app.add_subcommand(
        "ping", "Connect to --target and print its server version, dialect and connect time");

    commands.cron =
        app.add_subcommand("cron", "Print a crontab for every scheduled checklist of the runbooks");
    commands.cron->add_option(
        "--user-prefix", options.user_prefix,
        "Put this before opsctl in every line (\"nice -n 10\", \"sudo -u ops\")");
    commands.cron->add_option("--log-dir", options.log_dir,
                              "Folder of the jobs' logs (default: $XDG_STATE_HOME/opsctl/log, else "
                              "~/.local/state/opsctl/log)");
    commands.cron->add_option(
        "--lock-dir", options.lock_dir,
        "Folder of the jobs' lock files (default: the runs' own lock folder, see --lock)");
    commands.cron
        ->add_option("--path", options.cron_path,
                     "The PATH line the crontab starts with, for the jobs' shell steps "
                     "(default: the PATH opsctl cron runs with)")
        ->check(not_empty());
    commands.cron->add_flag("--check", options.check,
                            "Only check that every schedule is a valid five-field cron expression");
}

void add_import_command(CLI::App& app, CliOptions& options, Commands& commands) {
    commands.import = app.add_subcommand(
        "import", "Make runbooks of a Markdown runbook document and print what was inferred");
    commands.import->add_option("document", options.document, "The Markdown document")->required();
    commands.import
        ->add_option("--out", options.out_dir,
                     "Write one runbook file per section into this folder (default: write "
                     "nothing, print the review only)")
        ->check(not_empty());
    commands.import
        ->add_option("--dialect", options.dialect,
                     "SQL dialect the document's queries are written in (default snowflake)")
        ->check(not_empty());
    commands.import->add_flag("--force", options.force,
                              "Replace runbook files that already exist in --out");
    commands.import->add_flag("--check", options.check,
                              "Compare the document with --runbooks instead: exit 1 when they "
                              "differ, 0 when they agree");
}

// The run history: opsctl history [RUNBOOK [CHECKLIST [STEP]]], opsctl history prune.
void add_history_commands(CLI::App& app, CliOptions& options, Commands& commands) {
    commands.history = app.add_subcommand(
        "history", "List the recorded runs (--history's store), or one step's results over time");
    commands.history->add_option("runbook", options.runbook, "Runbook (default: every one)");
    commands.history->add_option("checklist", options.checklist, "Checklist");
    commands.history->add_option("step", options.step,
                                 "Step: its status over time as a strip, one line per run");
    commands.history
        ->add_option("--since", options.since, "Only the runs of this last period (\"7d\")")
        ->check(not_empty());
    commands.history->add_option("--key", options.key, "With STEP: the value checked for this key")
        ->check(not_empty());
    commands.history->add_option("--limit", options.limit, "The newest runs shown (default 50)")
        ->check(CLI::Range(size_t{1}, size_t{1000000}));
    commands.history->add_option("--format", options.format, "text or json")->check(not_empty());
    commands.prune = commands.history->add_subcommand(
        "prune", "Delete the recorded runs older than --older-than");
    commands.prune->add_option("--older-than", options.older_than, "Their age (\"90d\")")
        ->required()
        ->check(not_empty());
    commands.history->fallthrough();
    commands.prune->fallthrough();
    commands.report =
        app.add_subcommand("report", "Write one HTML page over the run history of every checklist");
    commands.report
        ->add_option("--since", options.since, "The period shown (default 30d; at most 720 runs)")
        ->check(not_empty());
    commands.report->add_option("--output", options.output, "The page's file (default: stdout)")
        ->check(not_empty());
    commands.report->fallthrough();
}

// Packaging and the shell around opsctl (issue 20): schemas for editors, completion,
// systemd timers.
void add_shell_commands(CLI::App& app, CliOptions& options, Commands& commands) {
    commands.schema = app.add_subcommand(
        "schema", "Print the JSON Schema of runbook files or of the config file, for editors");
    commands.schema->add_option("kind", options.kind, "runbook or config")
        ->required()
        ->check(CLI::IsMember({"runbook", "config"}));
    commands.completion = app.add_subcommand(
        "completion", "Print the completion script for bash, zsh or fish (see man opsctl)");
    commands.completion->add_option("shell", options.kind, "bash, zsh or fish")
        ->required()
        ->check(CLI::IsMember({"bash", "zsh", "fish"}));
    commands.systemd = app.add_subcommand(
        "systemd", "Write a systemd .service and .timer for every scheduled checklist");
    commands.systemd
        ->add_option("--dir", options.unit_dir,
                     "Folder of the units (default: /etc/systemd/system, with --user "
                     "~/.config/systemd/user)")
        ->check(not_empty());
    commands.systemd->add_flag("--user", options.user_units,
                               "Units for the user's systemd (systemctl --user)");
    commands.systemd->add_option(
        "--lock-dir", options.lock_dir,
        "Folder of the jobs' lock files (default: the runs' own lock folder, see --lock)");
    commands.systemd
        ->add_option("--path", options.cron_path,
                     "The PATH of the jobs, for their shell steps (default: the PATH opsctl "
                     "systemd runs with)")
        ->check(not_empty());
}

// Acknowledgements, kept in the history store: opsctl ack, opsctl acks, opsctl unack.
void add_ack_commands(CLI::App& app, CliOptions& options, Commands& commands) {
    commands.ack = app.add_subcommand(
        "ack", "Acknowledge a step's known violations until an expiry: they stop counting");
    commands.ack->add_option("runbook", options.runbook, "Runbook")->required();
    commands.ack->add_option("checklist", options.checklist, "Checklist")->required();
    commands.ack->add_option("step", options.step, "Step")->required();
    commands.ack
        ->add_option("--key", options.key,
                     "Only this key (default: each key the step's last recorded run found)")
        ->check(not_empty());
    commands.ack->add_option("--column", options.column, "Only this column")->check(not_empty());
    commands.ack->add_option("--for", options.ack_for, "How long the ack lasts (\"2h\", \"3d\")");
    commands.ack->add_option("--until", options.ack_until,
                             "When the ack ends (\"2026-12-05 08:00\", UTC)");
    commands.ack->add_option("--reason", options.reason, "Why (required; every report shows it)");
    commands.ack->add_option("--by", options.acked_by, "Who acknowledges (default: $USER)")
        ->check(not_empty());
    commands.acks = app.add_subcommand("acks", "List the active acknowledgements and their expiry");
    commands.acks->add_option("--format", options.format, "text or json")->check(not_empty());
    commands.unack = app.add_subcommand("unack", "Remove an acknowledgement");
    commands.unack->add_option("id", options.ack_id, "Its id (opsctl acks lists them)")->required();
    for (auto* command : {commands.ack, commands.acks, commands.unack}) command->fallthrough();
}

Commands add_commands(CLI::App& app, CliOptions& options) {
    Commands commands;
    add_runbook_commands(app, options, commands);
    add_import_command(app, options, commands);
    add_warehouse_commands(app, options, commands);
    add_history_commands(app, options, commands);
    add_shell_commands(app, options, commands);
    add_ack_commands(app, options, commands);
    for (auto* command :
         {commands.list, commands.show, commands.validate, commands.render, commands.standin,
          commands.load, commands.targets, commands.ping, commands.cron, commands.import,
          commands.schema, commands.completion, commands.systemd}) {
        command->fallthrough();
    }
    return commands;
}

// The exit code when parsing ends the process (help, version, a bad command line).
std::optional<int> parse(CLI::App& app, int argc, char** argv) {
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {  // --help, --help-all, --version: printed by CLI11
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        return report_error_line(std::string(e.what()) + " (see opsctl --help)");
    }
    return std::nullopt;
}

int run_command(const CLI::App& app, const Commands& commands, const CliOptions& options) {
    if (commands.list->parsed()) return command_list(options);
    if (commands.show->parsed()) return command_show(options);
    if (commands.validate->parsed()) return command_validate(options);
    if (commands.render->parsed()) return command_render(options);
    if (commands.load->parsed()) return command_standin_load(options);
    if (commands.targets->parsed()) return command_targets(options);
    if (commands.ping->parsed()) return command_ping(options);
    if (commands.cron->parsed()) return command_cron(options);
    if (commands.import->parsed()) return command_import(options);
    if (commands.prune->parsed()) return command_history_prune(options);
    if (commands.history->parsed()) return command_history(options);
    if (commands.report->parsed()) return command_history_page(options);
    if (commands.schema->parsed()) return command_schema(options);
    if (commands.completion->parsed()) return command_completion(options);
    if (commands.systemd->parsed()) return command_systemd(options);
    if (commands.ack->parsed()) return command_ack(options);
    if (commands.acks->parsed()) return command_acks(options);
    if (commands.unack->parsed()) return command_unack(options);
    if (options.runbook.empty()) {
        std::cout << app.help();
        return exit_code::kError;
    }
    return command_run(options);
}

// The hidden `opsctl __complete WORD...`: candidates one per line, never an error.
int print_completions(const CLI::App& app, const std::vector<const CLI::Option*>& global_options,
                      int argc, char** argv) {
    const std::vector<std::string> words(argv + 2, argv + argc);
    for (const std::string& candidate : completion_candidates(app, global_options, words)) {
        std::cout << candidate << '\n';
    }
    return exit_code::kPass;
}

}  // namespace

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
    app.set_version_flag("--version", std::string("opsctl ") + OPSCTL_VERSION + " (commit " +
                                          opsctl_build_commit() + ")");
    app.require_subcommand(0, 1);
    const std::vector<const CLI::Option*> global_options = add_global_options(app, options);
    add_checklist_run(app, options);
    const Commands commands = add_commands(app, options);
    if (argc > 1 && std::string_view(argv[1]) == kCompleteCommand) {
        return print_completions(app, global_options, argc, argv);
    }
    if (const std::optional<int> parse_exit = parse(app, argc, argv)) return *parse_exit;
    setup_logging(options);

    return run_command(app, commands, options);
}

int report_error(const std::exception& error) {
    const auto* own = dynamic_cast<const Error*>(&error);
    report_error_line(own ? std::string(error.what()) : std::string("unexpected: ") + error.what());
    return own ? own->exit_code() : exit_code::kError;
}

}  // namespace opsctl
