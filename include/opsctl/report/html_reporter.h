#pragma once
// The report to open in a browser, from a CI artifact or a share: one self-contained
// HTML file (report/html_page). Per checklist a header (checklist, target, as-of,
// status, counts), the steps with their status and message, each report step's rows
// as a table and the charts its values make (report/chart_choice), and each step's
// offending rows as a table with their change since the previous run. Every table is
// HTML, readable with JavaScript off; the charts are drawn by the inlined Chart.js.

#include "opsctl/report/reporter.h"

namespace opsctl {

class HtmlReporter : public Reporter {
  public:
    void write(const RunResult& run, std::ostream& out) const override;
};

}  // namespace opsctl
