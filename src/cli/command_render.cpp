// opsctl render <runbook> <checklist>: the SQL exactly as it would be sent.
#include <sstream>

#include "opsctl/cli/commands.h"
#include "opsctl/connect/connector_factory.h"
#include "opsctl/connect/target.h"
#include "opsctl/core/error.h"
#include "opsctl/core/suggest.h"
#include "opsctl/evaluate/checklist_runner.h"
#include "opsctl/runbook/loader.h"
#include "opsctl/translate/dialect_translator.h"

namespace opsctl {

int command_render(const CliOptions& options) {
    RunOptions run_options;
    run_options.as_of = resolve_as_of(options, run_options.as_of_given);
    run_options.overrides = parse_overrides(options.sets);
    const Catalog catalog = load_catalog_for(options);
    const Runbook& runbook = find_runbook(catalog, options.runbook);
    const Checklist& checklist = find_checklist(runbook, options.checklist);
    check_run_options(runbook, {&checklist}, run_options);

    const Target target = resolve_target(options);
    std::string dialect = target.dialect();
    if (dialect.empty()) {
        // An ODBC target without --dialect: ask the driver which engine it is.
        try {
            dialect = open_connector(target, run_options.as_of)->dialect();
        } catch (const ConnectionError& e) {
            throw ConnectionError("cannot connect to " + target.describe() +
                                  " to learn its dialect (or pass --dialect): " + e.what());
        }
    }
    const VariableValues values = effective_variables(runbook, checklist, run_options.overrides);
    std::ostringstream out;
    out << "-- " << runbook.name << " / " << checklist.name << " for " << dialect;
    if (run_options.as_of_given) out << " as of " << format_timestamp(run_options.as_of) << " UTC";
    out << "\n";
    for (const auto& step : checklist.steps) {
        if (step.kind != StepKind::Sql) continue;
        out << "\n-- " << step.id << (step.title.empty() ? "" : ": " + step.title) << "\n";
        try {
            const auto sql = sql_for_target(runbook, step, dialect, values, run_options);
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
