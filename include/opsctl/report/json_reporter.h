#pragma once
// The report for machines: one JSON object per checklist (see README, "JSON report");
// a run of several checklists wraps them in {"runbook", "status", "exit_code",
// "checklists": [...]}.

#include "opsctl/report/reporter.h"

namespace opsctl {

class JsonReporter : public Reporter {
  public:
    void write(const RunResult& run, std::ostream& out) const override;
};

}  // namespace opsctl
