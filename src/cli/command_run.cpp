// opsctl <runbook> [<checklist>]: run checklists and report.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <iostream>
#include <limits>
#include <map>
#include <optional>

#include "opsctl/cli/cli.h"
#include "opsctl/cli/commands.h"
#include "opsctl/cli/report_outputs.h"
#include "opsctl/cli/run_history.h"
#include "opsctl/cli/run_lock.h"
#include "opsctl/cli/run_notifications.h"
#include "opsctl/cli/signal_watcher.h"
#include "opsctl/cli/terminal.h"
#include "opsctl/connect/target.h"
#include "opsctl/core/duration.h"
#include "opsctl/core/error.h"
#include "opsctl/core/quote.h"
#include "opsctl/evaluate/checklist_runner.h"
#include "opsctl/evaluate/run_connections.h"
#include "opsctl/report/reporter.h"
#include "opsctl/standin/demo_warehouse.h"

namespace opsctl {

namespace {

// --rows: how many rows of each step the reports show, a number or "all".
size_t parse_rows(const std::string& text) {
    if (text == "all") return std::numeric_limits<size_t>::max();
    size_t rows = 0;
    const char* end = text.data() + text.size();
    const auto [stop, ec] = std::from_chars(text.data(), end, rows);
    if (text.empty() || ec != std::errc{} || stop != end) {
        throw UsageError("--rows " + quote_value(text) + " is not a number of rows or \"all\"");
    }
    return rows;
}

std::string describe_target(const ResolvedTarget& resolved, const Target& target) {
    if (target.kind != TargetKind::Demo) return resolved.describe();
    return resolved.describe() + " (the embedded SQLite demo warehouse, not your warehouse)";
}

RunOptions run_options_of(const CliOptions& options) {
    RunOptions run_options;
    run_options.as_of = resolve_as_of(options, run_options.as_of_given);
    run_options.only = options.only;
    run_options.skip = options.skip;
    run_options.rows_kept = parse_rows(options.rows);
    return run_options;
}

// --timeout: the whole run's, if given.
std::optional<Duration> parse_run_timeout(const std::string& text) {
    if (text.empty()) return std::nullopt;
    const std::optional<Duration> timeout = parse_duration(text);
    if (!timeout) {
        throw UsageError("--timeout \"" + text +
                         "\" is not a duration (examples: \"90s\", \"10m\", \"1h\")");
    }
    if (*timeout > kLongestTimeout) {
        throw UsageError("--timeout \"" + text + "\" is longer than " +
                         format_duration(kLongestTimeout) +
                         ", the longest timeout opsctl can enforce");
    }
    return timeout;
}

// Another file's problems do not stop this runbook, but they are not hidden.
void warn_of_other_files(const Catalog& catalog) {
    std::map<std::string, size_t> problems_per_file;
    for (const auto& diagnostic : catalog.diagnostics) ++problems_per_file[diagnostic.file];
    for (const auto& [file, count] : problems_per_file) {
        spdlog::warn("ignoring {}: {} problem(s) (run opsctl validate)", file, count);
    }
}

// The checklist named `name`, or every checklist of the runbook when it is empty.
std::vector<const Checklist*> checklists_to_run(const Runbook& runbook, const std::string& name) {
    std::vector<const Checklist*> checklists;
    if (name.empty()) {
        for (const auto& checklist : runbook.checklists) checklists.push_back(&checklist);
    } else {
        checklists.push_back(&find_checklist(runbook, name));
    }
    return checklists;
}

Target target_of_run(const ResolvedTarget& resolved) {
    // Under cron or CI a forgotten target must not check the demo and pass for ever.
    if (resolved.implicit_demo && !stdin_and_stdout_are_terminals()) {
        throw UsageError(
            "no target: pass --target NAME|SPEC, set OPSCTL_TARGET or default_target "
            "(--target demo for the demo)");
    }
    Target target = resolved.connect_target();
    if (resolved.implicit_demo) {
        spdlog::warn(
            "no --target, OPSCTL_TARGET or default target: using the embedded demo "
            "warehouse");
    }
    return target;
}

// Cron must never stack runs of the same checklist.
std::vector<std::string> lock_paths(const CliOptions& options, const Runbook& runbook,
                                    const std::vector<const Checklist*>& checklists,
                                    const Target& target) {
    if (options.no_lock) return {};
    if (!options.lock.empty()) return {options.lock};
    std::vector<std::string> paths;
    paths.reserve(checklists.size());
    for (const Checklist* checklist : checklists) {
        paths.push_back(default_lock_path(runbook.name, checklist->name, target.describe()));
    }
    return paths;
}

// What connecting leaves for the end of the run.
struct Connected {
    std::optional<std::string> failure;  // the connect's error, or the refused role's
    bool role_refused = false;           // --require-read-only-role refused the role
    std::string role_warning;            // a role that can write, when allowed to
};

Connected connect_for_run(RunConnections& connections, const CliOptions& options,
                          const ResolvedTarget& resolved, const Target& target,
                          const std::vector<const Checklist*>& checklists,
                          const RunOptions& run_options, RunControl& control) {
    Connected connected;
    try {
        connections.open(checklists, target.dialect(), run_options, options.jobs,
                         connector_kind(target.kind).is_server);
        // Before any step, so that --require-read-only-role stops the run with nothing done.
        if (connections.primary()) {
            connected.role_warning =
                check_read_only_role(options, resolved, *connections.primary());
        }
    } catch (const ConnectionError& e) {
        // Every step says why it did not run; the files are rewritten with it.
        connected.failure = e.what();
        control.interrupt(e.what());
    } catch (const UsageError& e) {
        // A role that can write, under --require-read-only-role: the same, as a usage error.
        connected.failure = e.what();
        connected.role_refused = true;
        control.interrupt(e.what());
    }
    connections.leave_behind_if_interrupted();
    return connected;
}

// Manual steps ask the operator only on a terminal that shows the text report.
ManualPrompt manual_prompt(const CliOptions& options, RunControl& control) {
    if (options.format != "text" || !options.output.empty() || !interactive_session()) return {};
    return [&control](const Step& step) { return ask_operator(step, &control.interrupted_flag()); };
}

RunResult run_checklists(ChecklistRunner& runner, const Runbook& runbook,
                         const std::vector<const Checklist*>& checklists,
                         const RunOptions& run_options, const std::string& role_warning) {
    RunResult run;
    for (const Checklist* checklist : checklists) {
        run.checklists.push_back(runner.run(runbook, *checklist, run_options));
        if (!role_warning.empty()) run.checklists.back().warnings.push_back(role_warning);
        run.status = worse(run.status, run.checklists.back().status);
    }
    return run;
}

// Every report file of the run, for the notifications that name them.
std::vector<std::string> report_paths(const std::vector<ReportOutput>& outputs) {
    std::vector<std::string> paths;
    for (const ReportOutput& output : outputs) {
        if (!output.path.empty()) paths.push_back(output.path);
    }
    return paths;
}

// Also after an interruption, a timeout or a failed connect: the unfinished steps
// are in `run`. A failed connect prints one error line instead of a report.
int finish_run(const CliOptions& options, const std::vector<ReportOutput>& outputs, RunResult& run,
               const Connected& connected, bool open_left_behind, const HistorySpec& history,
               const std::string& target, const RunNotifications& notifications) {
    // What the run will exit with: a failed connect or a refused role is an error.
    const int exit_code = connected.failure ? exit_code::kError : exit_code_for(run.status);
    record_run_history(history, run, target, exit_code);
    write_report_outputs(outputs, run, use_color_on_stdout(options.color),
                         connected.failure ? StdoutReport::Skip : StdoutReport::Write);
    notifications.send(run, history, target, report_paths(outputs));
    if (open_left_behind) {
        // A connect still inside libpq must not meet the static destructors of exit:
        // say what main() would have said, and end here.
        if (connected.failure) report_error(ConnectionError(*connected.failure));
        std::cout.flush();
        std::cerr.flush();
        _exit(exit_code_for(run.status));
    }
    if (connected.role_refused) throw UsageError(*connected.failure);
    if (connected.failure) throw ConnectionError(*connected.failure);
    return exit_code_for(run.status);
}

}  // namespace

int command_run(const CliOptions& options) {
    RunOptions run_options = run_options_of(options);
    const VariableValues sets = parse_overrides(options.sets);
    const std::optional<Duration> run_timeout = parse_run_timeout(options.timeout);
    // Before any thread starts, so that only the signal watcher receives them, and
    // watched from here on: a signal while loading or connecting ends the run too.
    block_termination_signals();
    RunControl control;
    SignalWatcher signals(control);
    // Check the formats and the report files before anything runs, so a typo or an
    // unwritable path costs nothing.
    const std::vector<ReportOutput> outputs = plan_report_outputs(options);
    const HistorySpec history = history_spec_for(options);

    const Catalog catalog = load_catalog_for(options);
    const Runbook& runbook = find_runbook(catalog, options.runbook);
    warn_of_other_files(catalog);
    const std::vector<const Checklist*> checklists = checklists_to_run(runbook, options.checklist);
    const ResolvedTarget resolved = resolve_target_for(options);
    // Before any step: a shell step must not see a destination's secret.
    const RunNotifications notifications(options, resolved);
    run_options.overrides = resolved.overrides(runbook, checklists, sets);
    check_run_options(runbook, checklists, run_options);
    const Target target = target_of_run(resolved);
    run_options.demo_target = target.kind == TargetKind::Demo;

    const RunLock lock(lock_paths(options, runbook, checklists, target));
    // From here on every requested report file is rewritten, whatever happens: a
    // stale passing file would tell monitoring all is well.
    std::optional<ScopedAlarm> run_alarm;
    if (run_timeout) {
        run_alarm.emplace(
            control, RunControl::Clock::now() + *run_timeout, [&control, run_timeout] {
                control.interrupt("run timed out after " + format_duration(*run_timeout));
            });
    }
    // By value: an abandoned open outlives this function.
    RunConnections connections(
        [target, as_of = run_options.as_of] { return open_target(target, as_of); },
        resolved.describe(), control);
    const Connected connected =
        connect_for_run(connections, options, resolved, target, checklists, run_options, control);

    const RunBaselines baselines =
        run_baselines(history, runbook.name, checklists, resolved.describe());
    run_options.baselines = &baselines;
    ChecklistRunner runner(connections.primary(), describe_target(resolved, target),
                           connections.dialect(), manual_prompt(options, control));
    runner.set_control(&control);
    runner.set_parallelism(options.jobs, connections.worker_factory());
    RunResult run =
        run_checklists(runner, runbook, checklists, run_options, connected.role_warning);
    run_alarm.reset();
    return finish_run(options, outputs, run, connected, connections.left_behind(), history,
                      resolved.describe(), notifications);
}

}  // namespace opsctl
