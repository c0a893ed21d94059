#pragma once
// A step's numeric measure, for the formats that chart a number per step (Nagios
// perfdata): the value of the column of the step's first expectation with a fixed
// numeric threshold (fail_above, warn_below, ...), the worst across all rows - the
// largest for an "above" rule, the smallest for a "below" one - with that
// direction's warn and fail thresholds. A step without such an expectation but
// with a row_count rule measures its number of rows. Other steps have none.
// Computed while the rows stream past, so every row counts, not only those kept.

#include <optional>
#include <string>
#include <vector>

#include "opsctl/connect/row_sink.h"
#include "opsctl/runbook/model.h"

namespace opsctl {

struct Measure {
    std::string column;  // "(row count)" for the number of rows
    double value = 0;
    std::string value_text;  // a plain decimal ("1500", "-0.25"), as the warehouse wrote it
    std::optional<std::string> warn;  // the thresholds as written in the runbook
    std::optional<std::string> fail;
    bool above = true;  // the rule's direction: "above" thresholds, or "below" ones
};

class MeasureTracker {
  public:
    // `step` must have its variables bound and outlive the tracker.
    explicit MeasureTracker(const Step& step);

    void on_columns(const std::vector<std::string>& names);
    void on_row(const std::vector<Cell>& cells);
    // The measure after `rows` rows; nullopt when the step has none (or no row had
    // a number in the column).
    std::optional<Measure> finish(size_t rows) const;

  private:
    enum class Source { None, Column, RowCount };
    Source source_ = Source::None;
    bool above_ = true;
    std::string column_name_;
    std::optional<size_t> column_;
    std::optional<std::string> warn_;
    std::optional<std::string> fail_;
    std::optional<double> worst_;
    std::string worst_text_;
};

}  // namespace opsctl
