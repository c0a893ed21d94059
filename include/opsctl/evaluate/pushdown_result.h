#pragma once
// Reads what a pushdown query (evaluate/pushdown_query) returns into the StepResult of
// the step. The offending rows it returns go through the client's own RowEvaluator,
// so their violations are worded, cut and ranked exactly as on the client; the rows
// and breaches the warehouse only counted are added to its totals. What the query
// does not return: the first rows of the result (`rows` stays empty), and the
// offending rows beyond the groups kept.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "opsctl/connect/row_sink.h"
#include "opsctl/evaluate/pushdown_query.h"
#include "opsctl/evaluate/row_evaluator.h"
#include "opsctl/evaluate/step_result.h"
#include "opsctl/runbook/model.h"

namespace opsctl {

class PushdownResultReader : public RowSink {
  public:
    // `step` bound, `plan` in the warehouse, `query` built from them; all must outlive
    // the reader.
    PushdownResultReader(const Step& step, const PushdownPlan& plan, const PushdownQuery& query,
                         Timestamp as_of, size_t violations_kept);

    void on_columns(const std::vector<std::string>& names) override;
    void on_row(const std::vector<Cell>& cells) override;

    // Rows whose values SQL could not judge as the client does: evaluate on the client.
    bool undecided() const { return undecided_rows_ > 0; }

    // Status, message, row_count, violations and measure into `result`; `columns` are
    // the result's own column names.
    void finish(StepResult& result, const std::vector<std::string>& columns);

  private:
    struct Layout {
        size_t codes = 0;  // opsctl_e1, ...
        size_t undecided = 0;
        size_t payload = 0;  // opsctl_key_1, ...
        size_t rows = 0;
        size_t total = 0;
        size_t undecided_rows = 0;
        size_t counts = 0;  // opsctl_count_1_1, ...
        std::optional<size_t> measure_all;
        size_t width = 0;
    };

    void read_totals(const std::vector<Cell>& cells);
    void feed_group(const std::vector<Cell>& cells);
    size_t number(const Cell& cell) const;

    const Step& step_;
    const PushdownPlan& plan_;
    const PushdownQuery& query_;
    size_t violations_kept_;
    RowEvaluator evaluator_;
    Layout layout_;
    std::vector<std::string> names_;        // the runbook's names the evaluator is given
    std::vector<size_t> payload_columns_;   // per payload column: its place in names_
    std::optional<size_t> measure_column_;  // in names_
    bool totals_read_ = false;
    size_t total_rows_ = 0;
    size_t total_violations_ = 0;
    bool any_fail_ = false;
    size_t undecided_rows_ = 0;
    size_t fed_rows_ = 0;
    size_t fed_violations_ = 0;
    std::optional<std::string> error_;
};

}  // namespace opsctl
