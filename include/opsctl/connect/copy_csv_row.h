#pragma once
// One row of `COPY ... TO STDOUT (FORMAT csv)` as PostgreSQL sends it: one CopyData
// message per row, fields separated by ',', quoted with '"' (a quote doubled) when
// they hold a delimiter, a quote, a line break, or are the empty string; an unquoted
// empty field is NULL.

#include <string_view>
#include <vector>

#include "opsctl/connect/row_sink.h"

namespace opsctl {

// Parses `line` (with or without its final newline) into `cells`, reusing their
// storage. Returns false when the text is not well-formed CSV.
bool parse_copy_csv_row(std::string_view line, std::vector<Cell>& cells);

}  // namespace opsctl
