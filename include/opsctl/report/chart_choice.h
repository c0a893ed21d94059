#pragma once
// Which charts a report step's rows make, decided from the values the warehouse
// returned (connectors hand over text), never from column names: a first column of
// months ("2026-11"), weeks ("2026-W47"), dates or time stamps makes each numeric
// column a line over it; any other first column is a category and makes bars.
// Nothing numeric, fewer than two rows or more than `max_points` rows: no chart.
// Pure: rows in, chart descriptions out (the HTML report draws them).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "opsctl/evaluate/step_result.h"  // Cell, as a step keeps its rows

namespace opsctl {

// What one value of a column reads as. Blank: NULL or only spaces.
enum class ValueKind { Blank, Number, Month, Week, Date, Timestamp, Text };

ValueKind classify_value(const Cell& cell);
bool is_time_kind(ValueKind kind);

enum class ChartKind { Line, Bar };

struct ChartSeries {
    std::string name;                           // the column
    std::vector<std::optional<double>> values;  // one per label; nullopt: a gap (NULL, blank)
};

struct ChartSpec {
    ChartKind kind = ChartKind::Line;
    std::string axis;                 // the first column's name
    std::vector<std::string> labels;  // the first column's values, in the rows' order
    std::vector<ChartSeries> series;
};

// The charts, and one line for each thing left out ("revenue: mixed numbers and text,
// not charted"). Series whose largest values differ more than tenfold go to separate
// charts, so that a rate is not flattened against a revenue.
struct ChartChoice {
    std::vector<ChartSpec> charts;
    std::vector<std::string> notes;
};

inline constexpr std::size_t kMaxChartPoints = 1000;

ChartChoice choose_charts(const std::vector<std::string>& columns,
                          const std::vector<std::vector<Cell>>& rows,
                          std::size_t max_points = kMaxChartPoints);

}  // namespace opsctl
