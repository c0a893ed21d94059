#pragma once
// Evaluates a step's expectations on every row as the connector streams it, keeping
// only the first rows and the first offending values, so memory stays flat
// whatever the number of rows.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "opsctl/connect/row_sink.h"
#include "opsctl/evaluate/baselines.h"
#include "opsctl/evaluate/measure.h"
#include "opsctl/evaluate/step_result.h"
#include "opsctl/evaluate/word_list.h"
#include "opsctl/runbook/model.h"

namespace opsctl {

struct EvaluationLimits {
    size_t rows_kept = 20;
    size_t violations_kept = 50;
};

class RowEvaluator : public RowSink {
  public:
    // `step` must have its variables bound (runbook/variables.h). `baselines` are its drop
    // and rise rules' (evaluate/baselines.h); null: no history, they are not evaluated.
    RowEvaluator(const Step& step, Timestamp as_of, EvaluationLimits limits = {},
                 const StepBaselines* baselines = nullptr);

    void on_columns(const std::vector<std::string>& names) override;
    void on_row(const std::vector<Cell>& cells) override;

    // The warehouse evaluated the step (evaluate/pushdown_result): it counted `rows` rows
    // and `violations` breaches (`any_fail`: a failing one among them) that were not
    // streamed here.
    void add_counted_elsewhere(size_t rows, size_t violations, bool any_fail);
    // A row read only for the measure: the warehouse counted its breaches.
    void observe_measure(const std::vector<Cell>& cells);

    // Fills status, message, row_count, columns, rows, violations and measure of `result`.
    void finish(StepResult& result);
    // The query ended early (an error, a timeout): the rows and breaches seen so far
    // are kept for the report, but a row count that never completed proves nothing,
    // so neither row-count rules nor on_empty apply.
    void finish_incomplete(StepResult& result);

  private:
    struct BoundExpectation {
        const Expectation* expectation;
        size_t column;
        std::vector<size_t> rule_columns;  // per rule: the other column, for *_column rules
        std::vector<std::optional<WordList>> word_lists;  // per rule: the words, for *_if/*_unless
        bool drift = false;  // it has drop or rise rules: its values are kept for the history
    };

    // The result column a runbook name means: the engine may fold its case.
    std::optional<size_t> find_column(const std::string& name);
    void check_row_count();
    void check_empty();
    void fill(StepResult& result);
    void record(Violation violation);
    void fail_evaluation(std::string message);
    std::string row_key(const std::vector<Cell>& cells) const;
    std::vector<ContextValue> row_context(const std::vector<Cell>& cells) const;
    // One expectation's cell in one row, while its rules are checked.
    struct CellUnderCheck {
        const Expectation& expectation;
        const std::vector<Cell>& cells;
        const Cell& value;
        std::optional<double> number;  // the value as a number, read once a rule needs it
    };

    std::optional<Violation> check(const BoundExpectation& bound, const std::vector<Cell>& cells);
    std::optional<Violation> check_rule(CellUnderCheck& cell, const BoundExpectation& bound,
                                        size_t r);
    std::optional<Violation> check_null(const CellUnderCheck& cell) const;
    std::optional<Violation> check_against_number(CellUnderCheck& cell, const Rule& rule);
    std::optional<Violation> check_against_column(CellUnderCheck& cell, const Rule& rule,
                                                  const Cell& other);
    std::optional<Violation> check_words(const CellUnderCheck& cell, const Rule& rule,
                                         const WordList& words) const;
    std::optional<Violation> check_age(const CellUnderCheck& cell, const Rule& rule);
    std::optional<Violation> check_drift(CellUnderCheck& cell, const Rule& rule);
    void keep_drift_value(const BoundExpectation& bound, const std::vector<Cell>& cells);
    // What the step's message adds about its drop and rise rules: not evaluated, or
    // keys without a baseline yet.
    std::string drift_note() const;
    // The value as a number, or false with the step failed: a value that is not a number
    // is not silently coerced.
    bool read_number(CellUnderCheck& cell);
    void fail_unreadable(const std::string& column, const std::string& text,
                         const std::vector<Cell>& cells, std::string_view wanted);
    Violation violation(const CellUnderCheck& cell, Severity severity, std::string_view rule_name,
                        std::string threshold, bool numeric, std::string reason) const;

    const Step& step_;
    Timestamp as_of_;
    EvaluationLimits limits_;
    std::vector<std::string> columns_;
    std::vector<BoundExpectation> bound_;
    std::vector<size_t> key_columns_;
    std::vector<size_t> show_columns_;  // per name of step_.show
    size_t rows_seen_ = 0;
    std::vector<std::vector<Cell>> rows_kept_;
    std::vector<Violation> violations_;
    size_t violation_count_ = 0;
    bool any_fail_ = false;
    std::optional<std::string> error_;
    MeasureTracker measure_;
    const StepBaselines* baselines_;
    std::vector<KeyValue> drift_values_;
    std::set<std::string> keys_without_baseline_;
    bool drift_not_evaluated_ = false;
};

}  // namespace opsctl
