#include "opsctl/evaluate/checklist_runner.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>

#include <spdlog/spdlog.h>

#include "opsctl/core/error.h"
#include "opsctl/core/quote.h"
#include "opsctl/core/suggest.h"
#include "opsctl/evaluate/row_evaluator.h"
#include "opsctl/evaluate/shell_step.h"
#include "opsctl/evaluate/worker_pool.h"
#include "opsctl/translate/dialect_translator.h"

namespace opsctl {

namespace {

// A checklist whose dbt step could not run did not do its job (cron's PATH has no
// dbt): an error, unless the runbook or the demo says a missing program is fine.
void missing_program(const Step& step, const RunOptions& options, StepResult& result) {
    const std::string& program = step.shell[0];
    if (step.optional) {
        result.status = Status::Skipped;
        result.message = program + " is not on PATH (the step is optional)";
    } else if (options.demo_target) {
        result.status = Status::Skipped;
        result.message = program + " is not on PATH (skipped on the demo warehouse)";
    } else {
        const char* path = std::getenv("PATH");
        result.status = Status::Error;
        result.message = program + " is not on PATH (" +
                         (path ? "PATH=" + quote_value(path, 400) : std::string("PATH is unset")) +
                         "); set PATH, or mark the step \"optional\": true";
    }
}

bool selected(const Step& step, const RunOptions& options) {
    const auto listed = [&step](const std::vector<std::string>& ids) {
        return std::find(ids.begin(), ids.end(), step.id) != ids.end();
    };
    return (options.only.empty() || listed(options.only)) && !listed(options.skip);
}

std::chrono::milliseconds elapsed_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start);
}

std::vector<const Step*> selected_steps(const Checklist& checklist, const RunOptions& options) {
    std::vector<const Step*> steps;
    for (const auto& step : checklist.steps) {
        if (selected(step, options)) steps.push_back(&step);
    }
    return steps;
}

// The steps' results in the runbook's order; the checklist is as bad as its worst step.
void add_step_results(const Runbook& runbook, const Checklist& checklist,
                      std::vector<StepResult> results, ChecklistResult& result) {
    for (auto& step_result : results) {
        spdlog::info("{}/{}: step {} {} ({} ms)", runbook.name, checklist.name, step_result.id,
                     to_string(step_result.status), step_result.duration.count());
        result.status = worse(result.status, step_result.status);
        result.steps.push_back(std::move(step_result));
    }
}

StepResult result_for(const Step& step) {
    StepResult result;
    result.id = step.id;
    result.title = step.title;
    result.kind = step.kind;
    result.report = step.report;
    return result;
}

}  // namespace

std::optional<std::string> sql_for_target(const Runbook& runbook, const Step& step,
                                          const std::string& dialect, const VariableValues& values,
                                          const RunOptions& options) {
    std::string source_dialect = runbook.dialect;
    std::string text;
    if (step.sql_is_variants) {
        const auto found = step.sql.find(dialect);
        if (found == step.sql.end()) return std::nullopt;
        // A variant is written in its own dialect; only dates may still change.
        source_dialect = dialect;
        text = found->second;
    } else {
        text = step.sql.at("");
    }
    TranslationOptions translation;
    translation.source_dialect = source_dialect;
    translation.target_dialect = dialect;
    if (options.as_of_given) translation.as_of = options.as_of;
    return translate_sql(substitute_variables(text, values), translation);
}

void check_run_options(const Runbook& runbook, const std::vector<const Checklist*>& checklists,
                       const RunOptions& options) {
    std::vector<std::string> step_ids;
    std::vector<std::string> variable_names = names_of(runbook.variables);
    for (const Checklist* checklist : checklists) {
        for (const auto& step : checklist->steps) step_ids.push_back(step.id);
        for (const auto& [name, variable] : checklist->variables) variable_names.push_back(name);
    }
    for (const auto& [option, ids] :
         {std::pair{"--only", &options.only}, std::pair{"--skip", &options.skip}}) {
        for (const auto& id : *ids) {
            if (std::find(step_ids.begin(), step_ids.end(), id) == step_ids.end()) {
                throw UsageError(std::string(option) + " " + id + ": no such step" +
                                 did_you_mean(id, step_ids));
            }
        }
    }
    for (const auto& [name, value] : options.overrides) {
        if (std::find(variable_names.begin(), variable_names.end(), name) == variable_names.end()) {
            throw UsageError("--set " + name + ": runbook \"" + runbook.name +
                             "\" declares no such variable" + did_you_mean(name, variable_names));
        }
    }
    for (const Checklist* checklist : checklists) {
        const VariableValues values = effective_variables(runbook, *checklist, options.overrides);
        bind_checklist(*checklist, values);
        sql_literals(runbook, *checklist, values);
    }
}

bool needs_connection(const Checklist& checklist, const std::string& dialect,
                      const RunOptions& options) {
    return std::any_of(checklist.steps.begin(), checklist.steps.end(), [&](const Step& step) {
        return step.kind == StepKind::Sql && selected(step, options) &&
               (!step.sql_is_variants || step.sql.count(dialect));
    });
}

int worker_count(const Checklist& checklist, const RunOptions& options, int jobs) {
    const auto sql_steps = std::count_if(
        checklist.steps.begin(), checklist.steps.end(),
        [&](const Step& step) { return step.kind == StepKind::Sql && selected(step, options); });
    return static_cast<int>(std::min<std::ptrdiff_t>(jobs, sql_steps));
}

ChecklistRunner::ChecklistRunner(Connector* connector, std::string target_description,
                                 std::string dialect, ManualPrompt prompt)
    : connector_(connector),
      target_description_(std::move(target_description)),
      dialect_(std::move(dialect)),
      prompt_(std::move(prompt)) {}

ChecklistRunner::~ChecklistRunner() = default;

void ChecklistRunner::set_parallelism(int jobs, ConnectorFactory factory) {
    jobs_ = std::max(1, jobs);
    factory_ = std::move(factory);
    pool_.reset();
}

void ChecklistRunner::set_control(RunControl* control) {
    control_ = control;
}

RunControl& ChecklistRunner::control() {
    if (control_) return *control_;
    if (!own_control_) own_control_ = std::make_unique<RunControl>();
    return *own_control_;
}

StepResult ChecklistRunner::not_run(const Step& step) {
    StepResult result = result_for(step);
    result.status = Status::Error;
    result.message = "not run: " + control().reason();
    return result;
}

ChecklistResult ChecklistRunner::run(const Runbook& runbook, const Checklist& checklist,
                                     const RunOptions& options) {
    const VariableValues values = effective_variables(runbook, checklist, options.overrides);
    const Checklist bound = bind_checklist(checklist, values);
    const VariableValues literals = sql_literals(runbook, checklist, values);

    ChecklistResult result = result_header(runbook, checklist, options);
    result.started_at = now_utc();
    const auto start = std::chrono::steady_clock::now();

    const std::vector<const Step*> steps = selected_steps(bound, options);
    result.partial = steps.size() < bound.steps.size();
    // Each slot is written by exactly one worker or by this thread.
    std::vector<StepResult> results(steps.size());
    const int workers = worker_count(bound, options, jobs_);
    const bool parallel = workers > 1 && factory_ && connector_;
    if (parallel && !pool_) pool_ = std::make_unique<WorkerPool>(workers, connector_, factory_);

    checklist_name_ = checklist.name;
    run_steps(runbook, steps, literals, options, parallel, results);
    add_step_results(runbook, checklist, std::move(results), result);
    result.finished_at = now_utc();
    result.duration = elapsed_since(start);
    return result;
}

ChecklistResult ChecklistRunner::result_header(const Runbook& runbook, const Checklist& checklist,
                                               const RunOptions& options) const {
    ChecklistResult result;
    result.runbook = runbook.name;
    result.checklist = checklist.name;
    result.title = checklist.title;
    result.owner = checklist.owner;
    result.schedule_text = checklist.schedule_text;
    result.duration_minutes = checklist.duration_minutes;
    result.response_time = checklist.response_time;
    result.resolution_time = checklist.resolution_time;
    result.target = target_description_;
    result.dialect = dialect_;
    result.as_of = options.as_of;
    result.as_of_given = options.as_of_given;
    return result;
}

void ChecklistRunner::run_steps(const Runbook& runbook, const std::vector<const Step*>& steps,
                                const VariableValues& literals, const RunOptions& options,
                                bool parallel, std::vector<StepResult>& results) {
    RunControl& run_control = control();
    for (size_t i = 0; i < steps.size(); ++i) {
        const Step& step = *steps[i];
        if (step.kind == StepKind::Shell && parallel) pool_->wait_idle();  // a barrier
        if (run_control.interrupted()) {
            results[i] = not_run(step);
            continue;
        }
        switch (step.kind) {
            case StepKind::Sql:
                if (parallel) {
                    pool_->submit([&, i](Connector* connector) {
                        results[i] =
                            run_control.interrupted()
                                ? not_run(*steps[i])
                                : run_sql(connector, runbook, *steps[i], literals, options);
                    });
                } else {
                    results[i] = run_sql(connector_, runbook, step, literals, options);
                }
                break;
            case StepKind::Shell:
                results[i] = run_shell_step(step, options);
                break;
            case StepKind::Manual:
                results[i] = run_manual(step);
                break;
        }
    }
    if (parallel) pool_->wait_idle();
}

StepResult ChecklistRunner::run_sql(Connector* connector, const Runbook& runbook, const Step& step,
                                    const VariableValues& values, const RunOptions& options) {
    StepResult result = result_for(step);
    const auto start = std::chrono::steady_clock::now();
    if (!prepare_sql(runbook, step, values, options, result)) return result;
    if (!connector) {
        result.status = Status::Error;
        result.message = "no warehouse connection";
        return result;
    }
    query_and_evaluate(connector, step, options, start, result);
    result.duration = elapsed_since(start);
    return result;
}

bool ChecklistRunner::prepare_sql(const Runbook& runbook, const Step& step,
                                  const VariableValues& values, const RunOptions& options,
                                  StepResult& result) const {
    std::optional<std::string> sql;
    try {
        sql = sql_for_target(runbook, step, dialect_, values, options);
    } catch (const TranslationError& e) {
        result.status = Status::Error;
        result.message = std::string("cannot translate the SQL to ") + dialect_ + ": " + e.what();
        return false;
    }
    if (!sql) {
        result.status = Status::Skipped;
        std::string dialects;
        for (const auto& [dialect, text] : step.sql)
            dialects += (dialects.empty() ? "" : ", ") + dialect;
        result.message =
            "no SQL for dialect " + dialect_ + " (the step has it for " + dialects + ")";
        return false;
    }
    result.sql = std::move(*sql);
    return true;
}

void ChecklistRunner::query_and_evaluate(Connector* connector, const Step& step,
                                         const RunOptions& options,
                                         std::chrono::steady_clock::time_point start,
                                         StepResult& result) {
    RunControl& run_control = control();
    const Duration timeout = step.timeout.value_or(kDefaultSqlTimeout);
    // The watchdog cancels a query that outlives the step's timeout, wherever it is
    // (planning, a cursor fetch, streaming rows); the server's statement_timeout
    // is a second line of defence.
    std::atomic<bool> timed_out{false};
    const TrackedQuery tracked(run_control, connector);
    const ScopedAlarm alarm(run_control, start + timeout, [&timed_out, &run_control, connector] {
        timed_out = true;
        run_control.cancel(connector);
    });
    const StepBaselines baselines =
        options.baselines ? options.baselines->for_step(checklist_name_, step.id) : StepBaselines{};
    RowEvaluator evaluator(step, options.as_of, EvaluationLimits{.rows_kept = options.rows_kept},
                           &baselines);
    try {
        connector->query(result.sql, evaluator, timeout);
        evaluator.finish(result);
    } catch (const std::exception& e) {
        // QueryError above all, but nothing a connector throws may end a worker.
        evaluator.finish_incomplete(result);
        result.status = Status::Error;
        result.measure.reset();  // a partial worst value would mislead
        result.message = query_failure(e, timed_out, timeout, connector);
    }
}

std::string ChecklistRunner::query_failure(const std::exception& e,
                                           const std::atomic<bool>& timed_out, Duration timeout,
                                           Connector* connector) {
    RunControl& run_control = control();
    // A server that did not answer the cancel (stopped, or behind a dead network)
    // had its connection closed: say so, it is worth a look.
    const std::string unanswered =
        run_control.abandoned(connector) ? "; no answer from the server after cancelling" : "";
    if (timed_out) return "timed out after " + format_duration(timeout) + unanswered;
    if (run_control.interrupted()) return "cancelled: " + run_control.reason() + unanswered;
    const auto* query_error = dynamic_cast<const QueryError*>(&e);
    const std::string sqlstate = query_error ? query_error->sqlstate() : std::string();
    return sqlstate.empty() ? std::string(e.what())
                            : std::string(e.what()) + " (SQLSTATE " + sqlstate + ")";
}

StepResult ChecklistRunner::run_shell_step(const Step& step, const RunOptions& options) {
    StepResult result = result_for(step);
    const auto start = std::chrono::steady_clock::now();
    const Duration timeout = step.timeout.value_or(kDefaultShellTimeout);
    const ShellOutcome outcome = run_shell(step.shell, timeout, &control().interrupted_flag());
    result.duration = elapsed_since(start);
    result.output = outcome.output_tail;
    if (!outcome.found) {
        missing_program(step, options, result);
    } else if (outcome.stopped) {
        result.status = Status::Error;
        result.message = "stopped " + step.shell[0] + ": " + control().reason();
    } else if (outcome.timed_out) {
        result.status = Status::Error;
        result.message = "timed out after " + format_duration(timeout) + "; stopped " +
                         step.shell[0] + " and its process group";
    } else if (outcome.exit_status != 0) {
        result.status = Status::Fail;
        result.message =
            step.shell[0] + " exited with status " + std::to_string(outcome.exit_status);
    } else {
        result.status = Status::Pass;
        result.message = step.shell[0] + " exited with status 0";
    }
    return result;
}

StepResult ChecklistRunner::run_manual(const Step& step) {
    StepResult result = result_for(step);
    result.status = Status::Manual;
    result.message = step.title.empty() ? "a human step" : step.title;
    if (!prompt_) return result;
    const auto start = std::chrono::steady_clock::now();
    const std::optional<bool> done = prompt_(step);
    result.duration = elapsed_since(start);
    if (done == true) {
        result.message = "confirmed by the operator";
    } else if (done == false) {
        result.status = Status::Fail;
        result.message = "the operator answered that it is not done";
    }
    return result;
}

}  // namespace opsctl
