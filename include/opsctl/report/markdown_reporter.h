#pragma once
// The report for incident tickets and chat: per checklist a heading line, a table
// of the steps (step | status | summary), and a table of the offending rows under
// each step that warned or failed. Cells never break the table: "|" is escaped
// and line breaks become spaces.

#include <string>
#include <string_view>

#include "opsctl/report/reporter.h"

namespace opsctl {

class MarkdownReporter : public Reporter {
  public:
    void write(const RunResult& run, std::ostream& out) const override;
};

// `text` as the content of one table cell.
std::string markdown_cell(std::string_view text);

}  // namespace opsctl
