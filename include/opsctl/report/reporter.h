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
};

struct ReportStyle {
    bool color = false;
};

// "text" or "json"; throws UsageError for another name.
std::unique_ptr<Reporter> make_reporter(const std::string& format, ReportStyle style);

const std::vector<std::string>& report_formats();

}  // namespace opsctl
