#pragma once
// The past in the HTML pages: a status strip (one cell per run or per day, its
// status as a letter and a colour, its time and word in the cell's title), and a
// step's last runs as that strip and a chart of its offending values over time.

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "opsctl/evaluate/step_result.h"
#include "opsctl/report/html_charts.h"

namespace opsctl {

struct StripCell {
    std::string label;             // "2026-11-26 08:00 UTC", shown as the cell's title
    std::optional<Status> status;  // nullopt: nothing ran then
};

// One line of cells; `caption` (escaped) says what the cells are.
std::string status_strip(const std::vector<StripCell>& cells, const std::string& caption);

// The step's past_runs: nothing without them; the strip, and with two runs or more of
// which one had offending values, a line of their count per run.
void write_step_history(const StepResult& step, HtmlCharts& charts, std::ostream& out);

}  // namespace opsctl
