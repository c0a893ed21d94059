#pragma once
// The report for people: a header per checklist, one line per step, the offending
// rows under a step that breached a threshold, and a summary line.

#include "opsctl/report/reporter.h"

namespace opsctl {

class TextReporter : public Reporter {
  public:
    explicit TextReporter(ReportStyle style) : style_(style) {}
    void write(const RunResult& run, std::ostream& out) const override;

  private:
    ReportStyle style_;
};

}  // namespace opsctl
