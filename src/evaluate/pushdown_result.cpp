#include "opsctl/evaluate/pushdown_result.h"

#include <algorithm>
#include <charconv>

#include "opsctl/core/ascii_case.h"

namespace opsctl {

namespace {

// The place of `name` in `names`, matched as the client matches columns; added when new.
size_t place_of(std::vector<std::string>& names, const std::string& name) {
    for (size_t i = 0; i < names.size(); ++i) {
        if (equals_ignoring_ascii_case(names[i], name)) return i;
    }
    names.push_back(name);
    return names.size() - 1;
}

// The runbook's name of each payload column, in the query's order (pushdown_query.h).
std::vector<std::string> payload_names(const Step& step) {
    std::vector<std::string> names(step.key.begin(), step.key.end());
    names.insert(names.end(), step.show.begin(), step.show.end());
    for (const auto& expectation : step.expectations) {
        names.push_back(expectation.column);
        for (const auto& rule : expectation.rules) {
            if (rule.kind == RuleKind::AboveColumn || rule.kind == RuleKind::BelowColumn) {
                names.push_back(rule.column);
            }
        }
    }
    return names;
}

// evaluate/measure's column: the first expectation with a fixed-number rule.
const Expectation* measured(const Step& step) {
    for (const auto& expectation : step.expectations) {
        const auto& rules = expectation.rules;
        const bool fixed = std::any_of(rules.begin(), rules.end(), [](const Rule& rule) {
            return rule.kind == RuleKind::Above || rule.kind == RuleKind::Below;
        });
        if (fixed) return &expectation;
    }
    return nullptr;
}

}  // namespace

PushdownResultReader::PushdownResultReader(const Step& step, const PushdownPlan& plan,
                                           const PushdownQuery& query, Timestamp as_of,
                                           size_t violations_kept)
    : step_(step),
      plan_(plan),
      query_(query),
      violations_kept_(violations_kept),
      evaluator_(step, as_of,
                 EvaluationLimits{.rows_kept = 0, .violations_kept = violations_kept}) {
    for (const auto& name : payload_names(step)) payload_columns_.push_back(place_of(names_, name));
    if (plan.measure) {
        if (const Expectation* expectation = measured(step)) {
            measure_column_ = place_of(names_, expectation->column);
        }
    }
    evaluator_.on_columns(names_);

    const size_t expectations = step.expectations.size();
    layout_.codes = 0;
    layout_.undecided = expectations;
    layout_.payload = layout_.undecided + 1;
    layout_.rows = layout_.payload + payload_columns_.size();
    layout_.total = layout_.rows + 1 + (plan.measure ? 1 : 0);
    layout_.undecided_rows = layout_.total + 1;
    layout_.counts = layout_.undecided_rows + 1;
    size_t width = layout_.counts;
    for (const auto& branches : query.branches) width += branches.size();
    if (plan.measure) layout_.measure_all = width++;
    layout_.width = width;
    if (expectations == 0) layout_ = Layout{0, 0, 0, 0, 0, 0, 0, std::nullopt, 1};
}

void PushdownResultReader::on_columns(const std::vector<std::string>& names) {
    if (names.size() != layout_.width) {
        error_ = "the warehouse returned " + std::to_string(names.size()) + " columns for " +
                 std::to_string(layout_.width);
    }
}

size_t PushdownResultReader::number(const Cell& cell) const {
    size_t value = 0;
    if (cell.is_null) return 0;
    const char* end = cell.text.data() + cell.text.size();
    const auto [stop, ec] = std::from_chars(cell.text.data(), end, value);
    return ec == std::errc{} && stop == end ? value : 0;
}

// Every row carries the totals; the first one is read.
void PushdownResultReader::read_totals(const std::vector<Cell>& cells) {
    totals_read_ = true;
    total_rows_ = number(cells[layout_.total]);
    if (step_.expectations.empty()) return;
    undecided_rows_ = number(cells[layout_.undecided_rows]);
    size_t at = layout_.counts;
    for (const auto& branches : query_.branches) {
        for (const auto& branch : branches) {
            const size_t count = number(cells[at++]);
            total_violations_ += count;
            any_fail_ = any_fail_ || (count > 0 && branch.severity == Severity::Fail);
        }
    }
    if (layout_.measure_all && measure_column_ && !cells[*layout_.measure_all].is_null) {
        std::vector<Cell> row(names_.size());
        row[*measure_column_] = cells[*layout_.measure_all];
        evaluator_.observe_measure(row);
    }
}

// An offending group: its row as the client would have seen it, as often as it
// occurred (no more often than a report keeps).
void PushdownResultReader::feed_group(const std::vector<Cell>& cells) {
    size_t breaches = 0;
    for (size_t e = 0; e < step_.expectations.size(); ++e) {
        if (number(cells[layout_.codes + e]) != 0) ++breaches;
    }
    if (breaches == 0) return;
    std::vector<Cell> row(names_.size());
    for (size_t p = 0; p < payload_columns_.size(); ++p) {
        row[payload_columns_[p]] = cells[layout_.payload + p];
    }
    const size_t times = std::min(std::max<size_t>(number(cells[layout_.rows]), 1),
                                  std::max<size_t>(violations_kept_, 1));
    for (size_t i = 0; i < times; ++i) evaluator_.on_row(row);
    fed_rows_ += times;
    fed_violations_ += times * breaches;
}

void PushdownResultReader::on_row(const std::vector<Cell>& cells) {
    if (error_) return;
    if (cells.size() != layout_.width) {
        error_ = "a row of the warehouse's answer has " + std::to_string(cells.size()) +
                 " values for " + std::to_string(layout_.width) + " columns";
        return;
    }
    if (!totals_read_) read_totals(cells);
    if (!step_.expectations.empty() && !undecided()) feed_group(cells);
}

void PushdownResultReader::finish(StepResult& result, const std::vector<std::string>& columns) {
    const size_t rows = total_rows_ > fed_rows_ ? total_rows_ - fed_rows_ : 0;
    const size_t violations =
        total_violations_ > fed_violations_ ? total_violations_ - fed_violations_ : 0;
    evaluator_.add_counted_elsewhere(rows, violations, any_fail_);
    evaluator_.finish(result);
    result.columns = columns;
    result.rows.clear();
    if (!plan_.measure) result.measure.reset();
    if (error_) {
        result.status = Status::Error;
        result.message = "the warehouse's answer cannot be read: " + *error_;
        result.measure.reset();
    }
}

}  // namespace opsctl
