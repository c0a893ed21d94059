#include "opsctl/report/result_table.h"

#include <algorithm>

#include "opsctl/core/display_value.h"
#include "opsctl/core/terminal_text.h"
#include "opsctl/core/utf8.h"
#include "opsctl/evaluate/decimal_compare.h"
#include "opsctl/report/markdown_reporter.h"

namespace opsctl {

namespace {

constexpr size_t kTextCellLength = 40;  // code points: a few columns fit 80
// The text report indents a table by 10: a wider table would wrap on an 80-column
// terminal, so it is shown a record at a time instead, like psql's \x auto.
constexpr size_t kTextTableWidth = 70;
constexpr size_t kMarkdownCellLength = 120;             // code points: a ticket stays readable
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026

// One cell as shown: made safe, on one line, cut with "…" past `length`.
std::string shown(const std::string& text, size_t length) {
    std::string safe = terminal_line(text);
    if (utf8_length(safe) <= length) return safe;
    return std::string(utf8_prefix(safe, length - 1)) + std::string(kEllipsis);
}

bool is_number(const std::string& text) {
    return compare_decimal_text(text, "0").has_value();
}

// A column is numeric when every value shown in it is a number (NULLs aside).
std::vector<bool> numeric_columns(const StepResult& step) {
    std::vector<bool> numeric(step.columns.size(), true);
    std::vector<bool> any_value(step.columns.size(), false);
    for (const auto& row : step.rows) {
        for (size_t c = 0; c < row.size() && c < numeric.size(); ++c) {
            if (row[c].is_null) continue;
            any_value[c] = true;
            if (!is_number(row[c].text)) numeric[c] = false;
        }
    }
    for (size_t c = 0; c < numeric.size(); ++c) numeric[c] = numeric[c] && any_value[c];
    return numeric;
}

std::string padded(const std::string& text, size_t width, bool right) {
    const size_t length = utf8_length(text);
    const std::string fill(width > length ? width - length : 0, ' ');
    return right ? fill + text : text + fill;
}

std::string centred(const std::string& text, size_t width) {
    const size_t length = utf8_length(text);
    const size_t room = width > length ? width - length : 0;
    return std::string(room / 2, ' ') + text + std::string(room - room / 2, ' ');
}

// psql's expanded display: "-[ RECORD 1 ]-----+------", then "name | value" lines.
std::vector<std::string> expanded_table(const std::vector<std::string>& header,
                                        const std::vector<std::vector<std::string>>& cells) {
    size_t name_width = 0;
    size_t value_width = 0;
    for (const auto& name : header) name_width = std::max(name_width, utf8_length(name));
    for (const auto& row : cells) {
        for (const auto& value : row) value_width = std::max(value_width, utf8_length(value));
    }
    std::vector<std::string> lines;
    for (size_t r = 0; r < cells.size(); ++r) {
        const std::string title = "-[ RECORD " + std::to_string(r + 1) + " ]";
        std::string rule =
            title +
            std::string(name_width + 1 > title.size() ? name_width + 1 - title.size() : 0, '-');
        rule += "+" + std::string(value_width + 1, '-');
        lines.push_back(rule);
        for (size_t c = 0; c < header.size(); ++c) {
            std::string line = padded(header[c], name_width, false) + " | " + cells[r][c];
            line.erase(line.find_last_not_of(' ') + 1);
            lines.push_back(line);
        }
    }
    return lines;
}

}  // namespace

std::string text_cell(const std::optional<std::string>& value) {
    return value ? shown(display_value(*value), kTextCellLength) : std::string(kNullMarker);
}

std::string markdown_value(const std::optional<std::string>& value) {
    return value ? markdown_cell(shown(display_value(*value), kMarkdownCellLength))
                 : "*" + std::string(kNullMarker) + "*";
}

std::string context_line(const Violation& violation) {
    std::string line;
    for (const auto& each : violation.context) {
        if (!line.empty()) line += ", ";
        line += shown(each.column, kTextCellLength) + ": " + text_cell(each.value);
    }
    return line;
}

std::vector<std::string> text_table(const StepResult& step) {
    if (step.columns.empty()) return {};
    const size_t columns = step.columns.size();
    std::vector<std::string> header(columns);
    std::vector<size_t> widths(columns);
    for (size_t c = 0; c < columns; ++c) {
        header[c] = shown(step.columns[c], kTextCellLength);
        widths[c] = utf8_length(header[c]);
    }
    std::vector<std::vector<std::string>> cells;
    for (const auto& row : step.rows) {
        std::vector<std::string> line(columns);
        for (size_t c = 0; c < columns && c < row.size(); ++c) {
            line[c] =
                text_cell(row[c].is_null ? std::nullopt : std::optional<std::string>(row[c].text));
            widths[c] = std::max(widths[c], utf8_length(line[c]));
        }
        cells.push_back(std::move(line));
    }
    const std::vector<bool> numeric = numeric_columns(step);

    std::vector<std::string> lines;
    std::string line;
    std::string rule;
    for (size_t c = 0; c < columns; ++c) {
        line += (c ? "|" : "") + (" " + centred(header[c], widths[c]) + " ");
        rule += (c ? "+" : "") + std::string(widths[c] + 2, '-');
    }
    lines.push_back(line);
    lines.push_back(rule);
    for (const auto& row : cells) {
        line.clear();
        for (size_t c = 0; c < columns; ++c) {
            line += (c ? "|" : "") + (" " + padded(row[c], widths[c], numeric[c]) + " ");
        }
        lines.push_back(line);
    }
    // psql keeps the padding of the last column; a report line ends at its text.
    for (auto& each : lines) each.erase(each.find_last_not_of(' ') + 1);
    if (utf8_length(lines.front()) > kTextTableWidth) return expanded_table(header, cells);
    return lines;
}

std::string markdown_table(const StepResult& step) {
    if (step.columns.empty()) return "";
    const std::vector<bool> numeric = numeric_columns(step);
    std::string out = "|";
    std::string rule = "|";
    for (size_t c = 0; c < step.columns.size(); ++c) {
        out += " " + markdown_cell(shown(step.columns[c], kMarkdownCellLength)) + " |";
        rule += numeric[c] ? "---:|" : "---|";
    }
    out += "\n" + rule + "\n";
    for (const auto& row : step.rows) {
        out += "|";
        for (size_t c = 0; c < step.columns.size(); ++c) {
            const bool null = c >= row.size() || row[c].is_null;
            out += " " + markdown_value(null ? std::nullopt : std::optional(row[c].text)) + " |";
        }
        out += "\n";
    }
    return out;
}

std::vector<std::string> context_columns(const StepResult& step) {
    std::vector<std::string> names;
    for (const auto& violation : step.violations) {
        if (violation.context.empty()) continue;
        for (const auto& value : violation.context) names.push_back(value.column);
        break;
    }
    return names;
}

std::string more_rows_note(const StepResult& step) {
    const size_t total = step.row_count.value_or(step.rows.size());
    if (total <= step.rows.size()) return "";
    const size_t more = total - step.rows.size();
    return std::string(kEllipsis) + " and " + std::to_string(more) +
           (more == 1 ? " more row" : " more rows");
}

}  // namespace opsctl
