// Fuzz target: load and validate a runbook text, then bind its variables and render
// the SQL of every step, as `opsctl validate` and `opsctl render` would.

#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "opsctl/core/error.h"
#include "opsctl/runbook/loader.h"
#include "opsctl/runbook/variables.h"
#include "opsctl/translate/dialect_translator.h"

using opsctl::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const opsctl::LoadResult result = opsctl::load_runbook_text(text, "fuzz.json");
    require(result.runbook.has_value() == result.diagnostics.empty(),
            "a runbook exactly when there is no diagnostic");
    for (const auto& diagnostic : result.diagnostics) {
        const std::string line = diagnostic.to_string();
        require(line.find('\n') == std::string::npos, "a diagnostic is one line");
        require(line.size() < 4096, "a diagnostic stays short whatever the input");
        require(diagnostic.location.line >= 1 && diagnostic.location.column >= 1,
                "a diagnostic has a 1-based position");
    }
    if (!result.runbook) return 0;
    for (const auto& checklist : result.runbook->checklists) {
        const auto values = opsctl::effective_variables(*result.runbook, checklist, {});
        try {
            const opsctl::Checklist bound = opsctl::bind_checklist(checklist, values);
            for (const auto& step : bound.steps) {
                for (const auto& [dialect, sql] : step.sql) {
                    opsctl::TranslationOptions options;
                    options.source_dialect = result.runbook->dialect;
                    options.target_dialect = "postgresql";
                    try {
                        opsctl::translate_sql(opsctl::substitute_variables(sql, values), options);
                    } catch (const opsctl::TranslationError&) {
                        // an error step at run time, not a crash
                    }
                }
            }
        } catch (const opsctl::UsageError&) {
            // a variable whose default does not fit its use: reported at run time
        }
    }
    return 0;
}
