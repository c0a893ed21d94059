#pragma once
// Formats a run's results. One implementation per format; user-facing output goes
// to stdout or --output, never mixed with the logs on stderr.

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "opsctl/evaluate/step_result.h"

namespace opsctl {

class Reporter {
  public:
    virtual ~Reporter() = default;
    virtual void write(const RunResult& run, std::ostream& out) const = 0;
    // Formats read by a program from a file (Prometheus) are refused on stdout.
    virtual bool needs_file() const { return false; }
};

struct ReportStyle {
    bool color = false;
};

// One of report_formats(); throws UsageError for another name. `previous` is the
// content of the file the report will replace, for the formats that carry values
// over from one run to the next (Prometheus's last success).
std::unique_ptr<Reporter> make_reporter(const std::string& format, ReportStyle style,
                                        const std::string& previous = "");

const std::vector<std::string>& report_formats();
// report_formats() for a message: "text, json, junit, ...".
std::string report_format_list();

}  // namespace opsctl
