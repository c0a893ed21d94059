#pragma once
// The report for monitoring (Nagios, Icinga, Naemon, Sensu): the Monitoring Plugins
// output. A first line "OPSCTL OK|WARNING|CRITICAL|UNKNOWN - <summary>" of at most
// 80 characters, then " | " and the perfdata ('step'=value;warn;crit for each step
// with a numeric measure, evaluate/measure.h, and 'duration'=Ns), then one detail
// line per step. The exit code already is the plugin's state.

#include "opsctl/report/reporter.h"

namespace opsctl {

class NagiosReporter : public Reporter {
  public:
    void write(const RunResult& run, std::ostream& out) const override;
};

inline constexpr size_t kNagiosSummaryLength = 80;  // code points before " | "

}  // namespace opsctl
