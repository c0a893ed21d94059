#pragma once
// The charts of one HTML page: each gets an id and a <canvas> where it stands, and
// its description goes into the page's JSON data, which the page's script draws with
// Chart.js. The canvas holds a caption for readers without JavaScript; the numbers
// stay in the page's tables.

#include <string>
#include <string_view>
#include <vector>

#include "opsctl/report/chart_choice.h"

namespace opsctl {

class HtmlCharts {
  public:
    // The HTML of `chart`'s canvas, its caption `label` (escaped here). Per series a
    // colour may be given ("#1a7f37"), else the page's palette is used.
    std::string canvas(const ChartSpec& chart, std::string_view label,
                       const std::vector<std::string>& colours = {});

    // {"charts": [...]}: the page's data.
    std::string json() const;

    size_t size() const { return charts_.size(); }

  private:
    struct Entry {
        std::string id;
        ChartSpec chart;
        std::vector<std::string> colours;
    };
    std::vector<Entry> charts_;
};

}  // namespace opsctl
