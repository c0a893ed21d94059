// opsctl render <runbook> <checklist>: the SQL exactly as it would be sent.
#include <sstream>

#include "opsctl/cli/commands.h"
#include "opsctl/connect/target.h"
#include "opsctl/core/error.h"
#include "opsctl/core/suggest.h"
#include "opsctl/evaluate/checklist_runner.h"
#include "opsctl/evaluate/pushdown_query.h"
#include "opsctl/evaluate/row_evaluator.h"
#include "opsctl/runbook/loader.h"
#include "opsctl/standin/demo_warehouse.h"
#include "opsctl/translate/dialect_translator.h"

namespace opsctl {

namespace {

// With --evaluate auto or warehouse: the query a run sends to evaluate the step in the
// warehouse, or why it stays on the client. The result's column types are only known
// when the step runs: a doubt there still sends it to the client (auto) or fails it.
std::string evaluated_sql(const Step& step, const std::string& dialect, const std::string& sql,
                          const RunOptions& run_options) {
    const Dialect& engine = *find_dialect(dialect);
    const PushdownPlan plan = plan_pushdown(step, engine, std::nullopt);
    if (!plan.in_warehouse) return "-- evaluated on the client: " + plan.reason + "\n" + sql;
    const EvaluationLimits limits;
    return "-- evaluated in the warehouse, if the result's column types allow\n" +
           build_pushdown_query(step, plan, engine, sql, run_options.as_of, limits.violations_kept)
               .sql;
}

}  // namespace

int command_render(const CliOptions& options) {
    RunOptions run_options;
    run_options.as_of = resolve_as_of(options, run_options.as_of_given);
    const Catalog catalog = load_catalog_for(options);
    const Runbook& runbook = find_runbook(catalog, options.runbook);
    const Checklist& checklist = find_checklist(runbook, options.checklist);
    const ResolvedTarget resolved = resolve_target_for(options);
    run_options.overrides =
        resolved.overrides(runbook, {&checklist}, parse_overrides(options.sets));
    check_run_options(runbook, {&checklist}, run_options);

    // Rendering connects (and reads a named target's secret) only for an ODBC target
    // without a dialect, to ask the driver which engine it is.
    std::string dialect = resolved.effective_dialect();
    if (dialect.empty()) {
        try {
            dialect = open_target(resolved.connect_target(), run_options.as_of)->dialect();
        } catch (const ConnectionError& e) {
            throw ConnectionError("cannot connect to " + resolved.describe() +
                                  " to learn its dialect (or pass --dialect): " + e.what());
        }
    }
    // The SQL exactly as it is sent: each variable as its literal.
    const VariableValues values = sql_literals(
        runbook, checklist, effective_variables(runbook, checklist, run_options.overrides));
    const bool pushdown = !options.evaluate.empty() && options.evaluate != "client";
    const Checklist bound =
        bind_checklist(checklist, effective_variables(runbook, checklist, run_options.overrides));
    std::ostringstream out;
    out << "-- " << runbook.name << " / " << checklist.name << " for " << dialect;
    if (run_options.as_of_given) out << " as of " << format_timestamp(run_options.as_of) << " UTC";
    out << "\n";
    for (size_t i = 0; i < checklist.steps.size(); ++i) {
        const Step& step = checklist.steps[i];
        if (step.kind != StepKind::Sql) continue;
        out << "\n-- " << step.id << (step.title.empty() ? "" : ": " + step.title) << "\n";
        try {
            auto sql = sql_for_target(runbook, step, dialect, values, run_options);
            if (sql && pushdown) sql = evaluated_sql(bound.steps[i], dialect, *sql, run_options);
            out << (sql ? *sql + ";\n" : "-- skipped: no SQL for dialect " + dialect + "\n");
        } catch (const TranslationError& e) {
            throw UsageError("step " + step.id + ": cannot translate the SQL to " + dialect + ": " +
                             e.what());
        }
    }
    write_output(options, out.str());
    return 0;
}

}  // namespace opsctl
