#pragma once
// A report step's rows as people read them: a table laid out like psql's for the
// text report (aligned columns, numbers to the right, NULL marked, long values cut
// with "…"), a GFM table for Markdown. Both show the rows the evaluator kept
// (--rows) and say how many more the query returned.

#include <optional>
#include <string>
#include <vector>

#include "opsctl/evaluate/step_result.h"

namespace opsctl {

// What stands for NULL in the text table: never a value a warehouse returns as text
// without it being a lie it told on purpose.
inline constexpr std::string_view kNullMarker = "(null)";

// The lines of the table of `step`'s rows, without a trailing newline, or none when
// it has no columns. A table wider than 70 code points (80 columns less the report's
// indent) is shown a record at a time, as psql's \x auto does.
std::vector<std::string> text_table(const StepResult& step);

// The GFM table of `step`'s rows, ending with a newline, or "" when it has no
// columns.
std::string markdown_table(const StepResult& step);

// One value from the warehouse as a cell of each table shows it (display_value, made
// safe, cut with "…"; NULL as kNullMarker): for values shown beside a table too.
std::string text_cell(const std::optional<std::string>& value);
std::string markdown_value(const std::optional<std::string>& value);

// The context of an offending row on one line, each value as text_cell() shows it:
// "test_name: orders_not_null, evaluated_at: 2026-09-08".
std::string context_line(const Violation& violation);

// The columns the step's "show" names, as its offending rows carry them (a row-count
// breach has none).
std::vector<std::string> context_columns(const StepResult& step);

// "… and 7 more rows" when the query returned more rows than `step` kept, else "".
std::string more_rows_note(const StepResult& step);

}  // namespace opsctl
