#pragma once
// The frame of every HTML page opsctl writes (a run's report, the history page): one
// self-contained file. Its style is inline (light and dark by prefers-color-scheme,
// print keeps the tables), its data is JSON in <script type="application/json">,
// and Chart.js (report/chart_js.h) and the few lines that draw the charts from that
// data are inline after it. Nothing is fetched: no src, href or url() but "#" anchors.

#include <ostream>
#include <string_view>

#include "opsctl/core/status.h"

namespace opsctl {

// <!DOCTYPE html> to the opening <body>; `title` is escaped.
void write_html_start(std::ostream& out, std::string_view title);

// The page's data (`data_json`, a JSON object with "charts"), the scripts that draw
// them, and the end of the document.
void write_html_end(std::ostream& out, std::string_view data_json);

// A status as a person sees it: its word and its colour, never the colour alone.
std::string status_badge(Status status);
std::string status_badge(std::string_view status);  // "pass", "fail", ... as recorded

}  // namespace opsctl
