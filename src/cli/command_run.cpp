// opsctl <runbook> [<checklist>]: run checklists and report.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <iostream>
#include <limits>
#include <map>
#include <optional>

#include "opsctl/cli/commands.h"
#include "opsctl/cli/report_outputs.h"
#include "opsctl/cli/run_lock.h"
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

}  // namespace

int command_run(const CliOptions& options) {
    RunOptions run_options;
    run_options.as_of = resolve_as_of(options, run_options.as_of_given);
    run_options.only = options.only;
    run_options.skip = options.skip;
    run_options.rows_kept = parse_rows(options.rows);
    const VariableValues sets = parse_overrides(options.sets);
    std::optional<Duration> run_timeout;
    if (!options.timeout.empty()) {
        run_timeout = parse_duration(options.timeout);
        if (!run_timeout) {
            throw UsageError("--timeout \"" + options.timeout +
                             "\" is not a duration (examples: \"90s\", \"10m\", \"1h\")");
        }
        if (*run_timeout > kLongestTimeout) {
            throw UsageError("--timeout \"" + options.timeout + "\" is longer than " +
                             format_duration(kLongestTimeout) +
                             ", the longest timeout opsctl can enforce");
        }
    }
    // Before any thread starts, so that only the signal watcher receives them, and
    // watched from here on: a signal while loading or connecting ends the run too.
    block_termination_signals();
    RunControl control;
    SignalWatcher signals(control);
    // Check the formats and the report files before anything runs, so a typo or an
    // unwritable path costs nothing.
    const std::vector<ReportOutput> outputs = plan_report_outputs(options);

    const Catalog catalog = load_catalog_for(options);
    const Runbook& runbook = find_runbook(catalog, options.runbook);
    // Another file's problems do not stop this runbook, but they are not hidden.
    std::map<std::string, size_t> problems_per_file;
    for (const auto& diagnostic : catalog.diagnostics) ++problems_per_file[diagnostic.file];
    for (const auto& [file, count] : problems_per_file) {
        spdlog::warn("ignoring {}: {} problem(s) (run opsctl validate)", file, count);
    }
    std::vector<const Checklist*> checklists;
    if (options.checklist.empty()) {
        for (const auto& checklist : runbook.checklists) checklists.push_back(&checklist);
    } else {
        checklists.push_back(&find_checklist(runbook, options.checklist));
    }
    const ResolvedTarget resolved = resolve_target_for(options);
    run_options.overrides = resolved.overrides(runbook, checklists, sets);
    check_run_options(runbook, checklists, run_options);

    // Under cron or CI a forgotten target must not check the demo and pass for ever.
    if (resolved.implicit_demo && !stdin_and_stdout_are_terminals()) {
        throw UsageError(
            "no target: pass --target NAME|SPEC, set OPSCTL_TARGET or default_target "
            "(--target demo for the demo)");
    }
    const Target target = resolved.connect_target();
    run_options.demo_target = target.kind == TargetKind::Demo;
    if (resolved.implicit_demo) {
        spdlog::warn(
            "no --target, OPSCTL_TARGET or default target: using the embedded demo "
            "warehouse");
    }

    // Cron must never stack runs of the same checklist.
    std::vector<std::string> lock_paths;
    if (!options.no_lock) {
        if (!options.lock.empty()) {
            lock_paths.push_back(options.lock);
        } else {
            for (const Checklist* checklist : checklists) {
                lock_paths.push_back(
                    default_lock_path(runbook.name, checklist->name, target.describe()));
            }
        }
    }
    const RunLock lock(lock_paths);
    // From here on every requested report file is rewritten, whatever happens: a
    // stale passing file would tell monitoring all is well.
    std::optional<int> run_alarm;
    if (run_timeout) {
        run_alarm = control.arm(RunControl::Clock::now() + *run_timeout, [&control, &run_timeout] {
            control.interrupt("run timed out after " + format_duration(*run_timeout));
        });
    }

    // By value: an abandoned open outlives this function.
    RunConnections connections(
        [target, as_of = run_options.as_of] { return open_target(target, as_of); },
        resolved.describe(), control);
    std::optional<std::string> connect_failure;
    bool role_refused = false;
    std::string role_warning;
    try {
        connections.open(checklists, target.dialect(), run_options, options.jobs,
                         connector_kind(target.kind).is_server);
        // Before any step, so that --require-read-only-role stops the run with nothing done.
        if (connections.primary()) {
            role_warning = check_read_only_role(options, resolved, *connections.primary());
        }
    } catch (const ConnectionError& e) {
        // Every step says why it did not run; the files are rewritten with it.
        connect_failure = e.what();
        control.interrupt(e.what());
    } catch (const UsageError& e) {
        // A role that can write, under --require-read-only-role: the same, as a usage error.
        connect_failure = e.what();
        role_refused = true;
        control.interrupt(e.what());
    }
    connections.leave_behind_if_interrupted();

    const bool prompt = options.format == "text" && options.output.empty() && interactive_session();
    ManualPrompt ask;
    if (prompt) {
        ask = [&control](const Step& step) {
            return ask_operator(step, &control.interrupted_flag());
        };
    }
    ChecklistRunner runner(connections.primary(), describe_target(resolved, target),
                           connections.dialect(), ask);
    runner.set_control(&control);
    runner.set_parallelism(options.jobs, connections.worker_factory());
    RunResult run;
    for (const Checklist* checklist : checklists) {
        run.checklists.push_back(runner.run(runbook, *checklist, run_options));
        if (!role_warning.empty()) run.checklists.back().warnings.push_back(role_warning);
        run.status = worse(run.status, run.checklists.back().status);
    }
    if (run_alarm) control.disarm(*run_alarm);
    // Also after an interruption, a timeout or a failed connect: the unfinished steps
    // are in `run`. A failed connect prints one error line instead of a report.
    write_report_outputs(outputs, run, use_color_on_stdout(options.color),
                         connect_failure ? StdoutReport::Skip : StdoutReport::Write);
    if (connections.left_behind()) {
        // A connect still inside libpq must not meet the static destructors of exit:
        // say what cli.cpp would have said, and end here.
        if (connect_failure) {
            std::cerr << "opsctl: error: " << one_line(mask_secrets(*connect_failure)) << '\n';
        }
        std::cout.flush();
        std::cerr.flush();
        _exit(exit_code_for(run.status));
    }
    if (role_refused) throw UsageError(*connect_failure);
    if (connect_failure) throw ConnectionError(*connect_failure);
    return exit_code_for(run.status);
}

}  // namespace opsctl
