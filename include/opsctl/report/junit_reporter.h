#pragma once
// The report for CI (GitHub Actions, GitLab test reports): JUnit XML, one
// <testsuite> per checklist and one <testcase> per step. A warn is a <failure
// type="warn"> (a finding a CI should show), a fail a <failure type="fail"> with
// the offending rows in its text, an error an <error>, skipped and manual steps
// <skipped>. Text is repaired to valid UTF-8 and stripped of what XML forbids.
// tests/junit.xsd is the subset written here.

#include <string>
#include <string_view>

#include "opsctl/report/reporter.h"

namespace opsctl {

class JunitReporter : public Reporter {
  public:
    // `hostname` goes into every <testsuite>; empty: this machine's name.
    explicit JunitReporter(std::string hostname = "");
    void write(const RunResult& run, std::ostream& out) const override;

  private:
    std::string hostname_;
};

// `text` escaped for XML character data or an attribute value: valid UTF-8, the
// five special characters as entities, control characters XML 1.0 does not allow
// (and U+FFFE, U+FFFF) as U+FFFD; in attributes also tab and line ends as
// character references, so that they survive attribute normalisation.
std::string xml_escape(std::string_view text, bool attribute);

}  // namespace opsctl
