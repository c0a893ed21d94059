#pragma once
// The report for Prometheus: the node_exporter textfile-collector format (the text
// exposition format, without sample timestamps), written to a *.prom file only.
// Per step opsctl_step_status (-2 manual, -1 skipped, 0 pass, 1 warn, 2 fail,
// 3 error); per checklist opsctl_checklist_status, its duration, the time of this
// run and the time of its last success. The last success only moves when the
// checklist passed; otherwise it is carried over from the file being replaced, so
// an alert can ask "how long since this checklist last passed?".

#include <map>
#include <string>
#include <utility>

#include "opsctl/report/reporter.h"

namespace opsctl {

class PrometheusReporter : public Reporter {
  public:
    // `previous` is the content of the file this report replaces ("" when none).
    explicit PrometheusReporter(std::string previous = "") : previous_(std::move(previous)) {}
    void write(const RunResult& run, std::ostream& out) const override;
    bool needs_file() const override { return true; }

  private:
    std::string previous_;
};

// The gauge value of a status (see above).
int prometheus_status_value(Status status);

// A label value escaped as the exposition format requires: \\, \" and \n.
std::string prometheus_label_value(std::string_view text);

// The last-success timestamps found in a previous report, by (runbook, checklist),
// as written there. Lines that are not such a sample are ignored.
std::map<std::pair<std::string, std::string>, std::string> previous_last_successes(
    const std::string& previous);

}  // namespace opsctl
