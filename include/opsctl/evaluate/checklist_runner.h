#pragma once
// Runs the steps of a checklist in order against one connector and collects their
// results: pick the SQL for the target's dialect, substitute variables, translate,
// query, evaluate; run shell steps; list or confirm manual steps.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "opsctl/connect/connector.h"
#include "opsctl/evaluate/baselines.h"
#include "opsctl/evaluate/run_control.h"
#include "opsctl/evaluate/step_result.h"
#include "opsctl/evaluate/worker_pool.h"
#include "opsctl/runbook/model.h"
#include "opsctl/runbook/variables.h"

namespace opsctl {

inline constexpr Duration kDefaultSqlTimeout = std::chrono::minutes(5);
inline constexpr Duration kDefaultShellTimeout = std::chrono::hours(1);

struct RunOptions {
    Timestamp as_of;
    bool as_of_given = false;       // literal dates in SQL only when the user asked for them
    std::vector<std::string> only;  // step ids; empty = every step
    std::vector<std::string> skip;  // step ids left out
    VariableValues overrides;
    size_t rows_kept = 20;  // --rows: the rows of each step kept for the reports
    // The embedded demo: a program missing from PATH (dbt) skips its shell step, since
    // trying opsctl needs no dbt. Anywhere else the step did not do its job: an error.
    bool demo_target = false;
    // The drop and rise rules' baselines, from the run history; null: none was read.
    const RunBaselines* baselines = nullptr;
};

// Asks the operator about a manual step: true = done, false = not done,
// nullopt = no answer (not a terminal). Absent = list manual steps only.
using ManualPrompt = std::function<std::optional<bool>(const Step&)>;

// The SQL of `step` for `dialect` exactly as it would be sent, or nullopt when the
// step has no variant for that dialect. Throws TranslationError.
std::optional<std::string> sql_for_target(const Runbook& runbook, const Step& step,
                                          const std::string& dialect, const VariableValues& values,
                                          const RunOptions& options);

// Throws UsageError for an unknown --only or --skip step or a --set that fits no threshold.
void check_run_options(const Runbook& runbook, const std::vector<const Checklist*>& checklists,
                       const RunOptions& options);

// Steps run in the runbook's order with --jobs 1. With more jobs, consecutive SQL
// steps run concurrently, one connection per worker; a shell step is a barrier
// (a `dbt run` changes what later checks read), and the report keeps the
// runbook's order whatever order steps finished in.
class ChecklistRunner {
  public:
    // `connector` may be null when no step needs the warehouse.
    ChecklistRunner(Connector* connector, std::string target_description, std::string dialect,
                    ManualPrompt prompt = nullptr);
    ~ChecklistRunner();

    // Up to `jobs` SQL steps at once; `factory` opens the extra connections.
    void set_parallelism(int jobs, ConnectorFactory factory);
    // Shares interruption (signals, --timeout) with the caller; without it the
    // runner uses a control of its own.
    void set_control(RunControl* control);

    ChecklistResult run(const Runbook& runbook, const Checklist& checklist,
                        const RunOptions& options);

  private:
    ChecklistResult result_header(const Runbook& runbook, const Checklist& checklist,
                                  const RunOptions& options) const;
    // Each step into its slot of `results`; with `parallel`, SQL steps go to the pool
    // and a shell step waits for every one before it.
    void run_steps(const Runbook& runbook, const std::vector<const Step*>& steps,
                   const VariableValues& literals, const RunOptions& options, bool parallel,
                   std::vector<StepResult>& results);
    StepResult run_sql(Connector* connector, const Runbook& runbook, const Step& step,
                       const VariableValues& values, const RunOptions& options);
    // The SQL as sent into result.sql; false with the result an error (it does not
    // translate) or skipped (no SQL for this dialect).
    bool prepare_sql(const Runbook& runbook, const Step& step, const VariableValues& values,
                     const RunOptions& options, StepResult& result) const;
    // Sends result.sql under the step's timeout and evaluates the rows into `result`.
    void query_and_evaluate(Connector* connector, const Step& step, const RunOptions& options,
                            std::chrono::steady_clock::time_point start, StepResult& result);
    std::string query_failure(const std::exception& e, const std::atomic<bool>& timed_out,
                              Duration timeout, Connector* connector);
    StepResult run_shell_step(const Step& step, const RunOptions& options);
    StepResult run_manual(const Step& step);
    StepResult not_run(const Step& step);
    RunControl& control();

    Connector* connector_;
    std::string target_description_;
    std::string dialect_;
    ManualPrompt prompt_;
    int jobs_ = 1;
    ConnectorFactory factory_;
    RunControl* control_ = nullptr;
    std::unique_ptr<RunControl> own_control_;
    std::unique_ptr<WorkerPool> pool_;
    std::string checklist_name_;  // of the checklist running: the baselines' key
};

// Whether running `checklist` with `options` needs a warehouse connection.
bool needs_connection(const Checklist& checklist, const std::string& dialect,
                      const RunOptions& options);

// How many workers (and connections) running `checklist` with `options` and --jobs
// `jobs` uses: one per selected SQL step, at most `jobs`; more than one runs them
// in parallel.
int worker_count(const Checklist& checklist, const RunOptions& options, int jobs);

}  // namespace opsctl
