#include "opsctl/report/chart_choice.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "opsctl/core/decimal_text.h"
#include "opsctl/core/display_value.h"
#include "opsctl/core/text_trim.h"

namespace opsctl {

namespace {

constexpr double kScaleRatio = 10.0;  // series further apart than this get their own chart

bool digits_at(std::string_view text, size_t at, size_t count) {
    if (at + count > text.size()) return false;
    for (size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
    }
    return true;
}

// "YYYY-MM" at the start of `text`, with a month from 01 to 12.
bool month_prefix(std::string_view text) {
    if (!digits_at(text, 0, 4) || text.size() < 7 || text[4] != '-' || !digits_at(text, 5, 2))
        return false;
    const int month = (text[5] - '0') * 10 + (text[6] - '0');
    return month >= 1 && month <= 12;
}

bool is_week(std::string_view text) {
    return text.size() == 8 && digits_at(text, 0, 4) && text[4] == '-' && text[5] == 'W' &&
           digits_at(text, 6, 2);
}

// "YYYY-MM-DD" at the start of `text`.
bool date_prefix(std::string_view text) {
    return month_prefix(text) && text.size() >= 10 && text[7] == '-' && digits_at(text, 8, 2);
}

// What may follow a time of day: seconds, a fraction, then "Z" or an offset.
bool is_time_tail(std::string_view tail) {
    size_t at = 0;
    if (at < tail.size() && tail[at] == ':') {
        if (!digits_at(tail, at + 1, 2)) return false;
        at += 3;
        if (at < tail.size() && tail[at] == '.') {
            ++at;
            while (at < tail.size() && digits_at(tail, at, 1)) ++at;
        }
    }
    const std::string_view zone = tail.substr(at);
    if (zone.empty() || zone == "Z") return true;
    if (zone[0] != '+' && zone[0] != '-') return false;
    if (!digits_at(zone, 1, 2)) return false;
    const std::string_view minutes = zone.substr(3);
    return minutes.empty() || (minutes.size() == 2 && digits_at(minutes, 0, 2)) ||
           (minutes.size() == 3 && minutes[0] == ':' && digits_at(minutes, 1, 2));
}

bool is_timestamp(std::string_view text) {
    if (!date_prefix(text) || text.size() < 16 || (text[10] != ' ' && text[10] != 'T'))
        return false;
    if (!digits_at(text, 11, 2) || text[13] != ':' || !digits_at(text, 14, 2)) return false;
    return is_time_tail(text.substr(16));
}

std::optional<double> number_of(const Cell& cell) {
    const std::string text = trim_space(cell.text);
    if (!parse_decimal_text(text, 4)) return std::nullopt;
    double value = 0;
    const char* begin = text.data() + (text.front() == '+' ? 1 : 0);
    const auto [end, error] = std::from_chars(begin, text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

const Cell& cell_at(const std::vector<Cell>& row, size_t column) {
    static const Cell null_cell;
    return column < row.size() ? row[column] : null_cell;
}

enum class ColumnKind { Empty, Numeric, Time, Mixed, Text };

ColumnKind column_kind(const std::vector<std::vector<Cell>>& rows, size_t column) {
    size_t numbers = 0, times = 0, others = 0;
    for (const auto& row : rows) {
        const ValueKind kind = classify_value(cell_at(row, column));
        if (kind == ValueKind::Number)
            ++numbers;
        else if (is_time_kind(kind))
            ++times;
        else if (kind == ValueKind::Text)
            ++others;
    }
    if (numbers + times + others == 0) return ColumnKind::Empty;
    if (numbers > 0) return times + others == 0 ? ColumnKind::Numeric : ColumnKind::Mixed;
    return others == 0 ? ColumnKind::Time : ColumnKind::Text;
}

double largest_magnitude(const ChartSeries& series) {
    double largest = 0;
    for (const auto& value : series.values) {
        if (value) largest = std::max(largest, std::fabs(*value));
    }
    return largest;
}

// Series grouped by scale, largest first: each chart holds the series within
// kScaleRatio of its largest, so that each line keeps its shape.
std::vector<std::vector<ChartSeries>> group_by_scale(std::vector<ChartSeries> series) {
    std::stable_sort(series.begin(), series.end(), [](const auto& a, const auto& b) {
        return largest_magnitude(a) > largest_magnitude(b);
    });
    std::vector<std::vector<ChartSeries>> groups;
    double group_top = 0;
    for (auto& one : series) {
        const double top = largest_magnitude(one);
        if (groups.empty() || top * kScaleRatio < group_top) {
            groups.emplace_back();
            group_top = top;
        }
        groups.back().push_back(std::move(one));
    }
    return groups;
}

// The rows the chart is drawn from: on a time axis, a row without a time (a total
// row of ROLLUP) has no place and is left out.
std::vector<size_t> charted_rows(const std::vector<std::vector<Cell>>& rows, bool time_axis) {
    std::vector<size_t> kept;
    for (size_t i = 0; i < rows.size(); ++i) {
        if (!time_axis || classify_value(cell_at(rows[i], 0)) != ValueKind::Blank)
            kept.push_back(i);
    }
    return kept;
}

std::vector<ChartSeries> numeric_series(const std::vector<std::string>& columns,
                                        const std::vector<std::vector<Cell>>& rows,
                                        const std::vector<size_t>& kept,
                                        std::vector<std::string>& notes) {
    std::vector<ChartSeries> series;
    for (size_t column = 1; column < columns.size(); ++column) {
        const ColumnKind kind = column_kind(rows, column);
        if (kind == ColumnKind::Mixed) {
            notes.push_back(columns[column] + ": mixed numbers and text, not charted");
        }
        if (kind != ColumnKind::Numeric) continue;
        ChartSeries one{columns[column], {}};
        for (const size_t row : kept) one.values.push_back(number_of(cell_at(rows[row], column)));
        series.push_back(std::move(one));
    }
    return series;
}

// A label as the tables show its value ("2026-11-01 00:00:00+00" is "2026-11-01").
std::string label_of(const Cell& cell) {
    return cell.is_null ? "(null)" : display_value(trim_space(cell.text));
}

}  // namespace

ValueKind classify_value(const Cell& cell) {
    if (cell.is_null) return ValueKind::Blank;
    const std::string text = trim_space(cell.text);
    if (text.empty()) return ValueKind::Blank;
    if (number_of(cell)) return ValueKind::Number;
    if (is_week(text)) return ValueKind::Week;
    if (text.size() == 7 && month_prefix(text)) return ValueKind::Month;
    if (text.size() == 10 && date_prefix(text)) return ValueKind::Date;
    if (is_timestamp(text)) return ValueKind::Timestamp;
    return ValueKind::Text;
}

bool is_time_kind(ValueKind kind) {
    return kind == ValueKind::Month || kind == ValueKind::Week || kind == ValueKind::Date ||
           kind == ValueKind::Timestamp;
}

ChartChoice choose_charts(const std::vector<std::string>& columns,
                          const std::vector<std::vector<Cell>>& rows, size_t max_points) {
    ChartChoice choice;
    if (columns.size() < 2 || rows.size() < 2) return choice;
    if (rows.size() > max_points) {
        choice.notes.push_back(
            fmt::format("{} rows: more than {} points, not charted", rows.size(), max_points));
        return choice;
    }
    const bool time_axis = column_kind(rows, 0) == ColumnKind::Time;
    const std::vector<size_t> kept = charted_rows(rows, time_axis);
    if (kept.size() < rows.size()) {
        choice.notes.push_back(fmt::format("{} without {}, not charted",
                                           rows.size() - kept.size() == 1 ? "a row" : "rows",
                                           columns[0]));
    }
    std::vector<ChartSeries> series = numeric_series(columns, rows, kept, choice.notes);
    if (series.empty() || kept.size() < 2) return choice;
    std::vector<std::string> labels;
    labels.reserve(kept.size());
    for (const size_t row : kept) labels.push_back(label_of(cell_at(rows[row], 0)));
    std::vector<std::vector<ChartSeries>> groups = group_by_scale(std::move(series));
    for (auto& group : groups) {
        choice.charts.push_back(
            {time_axis ? ChartKind::Line : ChartKind::Bar, columns[0], labels, std::move(group)});
    }
    return choice;
}

}  // namespace opsctl
