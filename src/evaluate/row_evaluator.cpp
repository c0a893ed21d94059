#include "opsctl/evaluate/row_evaluator.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "opsctl/core/ascii_case.h"
#include "opsctl/core/display_value.h"
#include "opsctl/core/duration.h"
#include "opsctl/core/quote.h"
#include "opsctl/evaluate/decimal_compare.h"
#include "opsctl/evaluate/kept_value.h"

namespace opsctl {

namespace {

// The values a step's drop and rise rules compare, kept for the history: enough keys
// for any check a person reads, and a bound on what one run adds to the store.
constexpr size_t kDriftValuesKept = 10000;

constexpr std::string_view kNoRowsReason = "no rows in the window: nothing confirms health";

// Clocks drift a little; beyond this a time ahead of the as-of time is a wrong value.
constexpr std::int64_t kFutureToleranceSeconds = std::int64_t{5} * 60;

bool is_in_future(const Timestamp& when, const Timestamp& as_of) {
    // A date is a whole day: only tomorrow or later lies ahead of it.
    if (when.date_only) return when.epoch_day() > as_of.epoch_day();
    return when.epoch_seconds > as_of.epoch_seconds + kFutureToleranceSeconds;
}

// Numbers as the warehouse prints them; anything else is not silently coerced.
std::optional<double> parse_number(const std::string& text) {
    double value = 0;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    if (begin != end && *begin == '+') {
        ++begin;
        if (begin != end && (*begin == '-' || *begin == '+')) return std::nullopt;  // "+-5"
    }
    const auto [stop, ec] = std::from_chars(begin, end, value);
    if (begin == end || stop != end) return std::nullopt;
    if (ec == std::errc::result_out_of_range) {
        // Beyond double's range: too large becomes an infinity and too small (1e-400)
        // goes towards zero, each with its sign, as strtod rounds them.
        return std::strtod(std::string(begin, end).c_str(), nullptr);
    }
    if (ec != std::errc{}) return std::nullopt;
    return value;
}

// A decimal as text, to compare percentages in more precision than a double.
std::optional<long double> parse_long_double(const std::string& text) {
    if (!parse_number(text)) return std::nullopt;
    char* end = nullptr;
    const long double value = std::strtold(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

// "60%", "12.5%": a percentage for the reason, one decimal at most.
std::string display_percent(double percent) {
    std::string text = fmt::format("{:.1f}", percent);
    if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0)
        text.resize(text.size() - 2);
    return text + "%";
}

// A NULL, or a time not yet come, counts as the expectation's on_null says.
Severity severity_of_unknown(NullPolicy on_null) {
    return on_null == NullPolicy::Warn ? Severity::Warn : Severity::Fail;
}

// -1, 0 or 1 as `value` is below, equal to or above `limit`. Rounding to a double never
// reverses an order, so different doubles decide; equal ones may still differ beyond
// double precision (2^64 and 2^64 + 1; 1e401 and 1e400 are both infinite), and then the
// texts decide, digit by digit.
int compare_values(double value, const std::string& value_text, double limit,
                   const std::string& limit_text) {
    const int order = value < limit ? -1 : value > limit ? 1 : 0;
    if (order != 0) return order;
    return compare_decimal_text(value_text, limit_text).value_or(0);
}

// A date has no time of day: its age counts whole days.
std::int64_t age_in_seconds(const Timestamp& when, const Timestamp& as_of) {
    return when.date_only ? (as_of.epoch_day() - when.epoch_day()) * 86400
                          : as_of.epoch_seconds - when.epoch_seconds;
}

// A Fail outranks a Warn; between equals the first breach stays.
void keep_worse(std::optional<Violation>& worst, std::optional<Violation>&& candidate) {
    if (!candidate) return;
    if (!worst || (candidate->severity == Severity::Fail && worst->severity == Severity::Warn)) {
        worst = std::move(candidate);
    }
}

std::string severity_word(Severity severity) {
    return severity == Severity::Fail ? "fail" : "warn";
}

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
    std::string out;
    for (const auto& part : parts) {
        if (!out.empty()) out += separator;
        out += part;
    }
    return out;
}

std::vector<Cell> kept_cells(const std::vector<Cell>& cells) {
    std::vector<Cell> kept;
    kept.reserve(cells.size());
    for (const auto& cell : cells) kept.push_back(kept_cell(cell));
    return kept;
}

}  // namespace

RowEvaluator::RowEvaluator(const Step& step, Timestamp as_of, EvaluationLimits limits,
                           const StepBaselines* baselines)
    : step_(step), as_of_(as_of), limits_(limits), measure_(step), baselines_(baselines) {}

std::optional<size_t> RowEvaluator::find_column(const std::string& name) {
    // Snowflake returns unquoted names in upper case, PostgreSQL in lower case: the
    // runbook's spelling matches either, as long as only one column answers to it.
    std::vector<size_t> matches;
    for (size_t i = 0; i < columns_.size(); ++i) {
        if (equals_ignoring_ascii_case(columns_[i], name)) matches.push_back(i);
    }
    if (matches.size() == 1) return matches.front();
    if (matches.empty()) {
        fail_evaluation("column " + quote_value(name) + " is not in the result (columns: " +
                        one_line(join(columns_, ", "), 200) + ")");
        return std::nullopt;
    }
    std::vector<std::string> spellings;
    spellings.reserve(matches.size());
    for (const size_t i : matches) spellings.push_back(quote_value(columns_[i]));
    const bool same_spelling = std::all_of(matches.begin(), matches.end(), [&](size_t i) {
        return columns_[i] == columns_[matches[0]];
    });
    fail_evaluation(same_spelling
                        ? "column " + quote_value(name) + " appears " +
                              std::to_string(matches.size()) +
                              " times in the result; the check would be ambiguous"
                        : "column " + quote_value(name) + " matches " +
                              one_line(join(spellings, " and "), 200) +
                              ", which differ only in case; the check would be ambiguous");
    return std::nullopt;
}

void RowEvaluator::fail_evaluation(std::string message) {
    if (!error_) error_ = std::move(message);
}

void RowEvaluator::on_columns(const std::vector<std::string>& names) {
    columns_ = names;
    measure_.on_columns(names);
    for (const auto& expectation : step_.expectations) {
        const auto column = find_column(expectation.column);
        if (!column) continue;
        BoundExpectation bound{&expectation, *column, {}, {}, false};
        for (const auto& rule : expectation.rules) {
            bound.drift = bound.drift || is_drift_rule(rule);
            size_t other = 0;
            if (rule.kind == RuleKind::AboveColumn || rule.kind == RuleKind::BelowColumn) {
                const auto found = find_column(rule.column);
                if (!found) continue;
                other = *found;
            }
            bound.rule_columns.push_back(other);
            const bool words =
                rule.kind == RuleKind::EqualsAny || rule.kind == RuleKind::EqualsNone;
            bound.word_lists.push_back(
                words ? std::optional<WordList>(WordList(rule.strings, expectation.case_sensitive))
                      : std::nullopt);
        }
        if (bound.rule_columns.size() == expectation.rules.size()) bound_.push_back(bound);
    }
    for (const auto& key : step_.key) {
        if (const auto column = find_column(key)) key_columns_.push_back(*column);
    }
    for (const auto& name : step_.show) {
        if (const auto column = find_column(name)) show_columns_.push_back(*column);
    }
}

std::string RowEvaluator::row_key(const std::vector<Cell>& cells) const {
    if (key_columns_.empty()) return "row " + std::to_string(rows_seen_);
    std::vector<std::string> parts;
    for (const size_t column : key_columns_) {
        parts.push_back(cells[column].is_null ? "NULL" : kept_text(cells[column].text));
    }
    return join(parts, " / ");
}

std::vector<ContextValue> RowEvaluator::row_context(const std::vector<Cell>& cells) const {
    std::vector<ContextValue> context;
    for (size_t i = 0; i < show_columns_.size() && i < step_.show.size(); ++i) {
        ContextValue kept{step_.show[i], std::nullopt};
        kept.value = kept_value(cells[show_columns_[i]], kept.full_bytes);
        context.push_back(std::move(kept));
    }
    return context;
}

void RowEvaluator::record(Violation violation) {
    ++violation_count_;
    if (violation.severity == Severity::Fail) any_fail_ = true;
    if (violations_.size() >= limits_.violations_kept) return;
    // What is kept is bounded by the cap: the threshold may be another column's value
    // and the reason may quote the value. Only kept violations pay for the cut.
    violation.threshold = kept_text(violation.threshold);
    violation.reason = kept_text(violation.reason);
    violations_.push_back(std::move(violation));
}

// The worst breach of one expectation in one row, if any.
std::optional<Violation> RowEvaluator::check(const BoundExpectation& bound,
                                             const std::vector<Cell>& cells) {
    CellUnderCheck cell{*bound.expectation, cells, cells[bound.column], std::nullopt};
    if (cell.value.is_null) return check_null(cell);
    std::optional<Violation> worst;
    for (size_t r = 0; r < cell.expectation.rules.size(); ++r) {
        keep_worse(worst, check_rule(cell, bound, r));
        // A value that cannot be read makes the step an error: no breach counts then.
        if (error_) return std::nullopt;
    }
    return worst;
}

std::optional<Violation> RowEvaluator::check_rule(CellUnderCheck& cell,
                                                  const BoundExpectation& bound, size_t r) {
    const Rule& rule = cell.expectation.rules[r];
    switch (rule.kind) {
        case RuleKind::Above:
        case RuleKind::Below:
            return check_against_number(cell, rule);
        case RuleKind::AboveColumn:
        case RuleKind::BelowColumn:
            return check_against_column(cell, rule, cell.cells[bound.rule_columns[r]]);
        case RuleKind::EqualsAny:
        case RuleKind::EqualsNone:
            return check_words(cell, rule, *bound.word_lists[r]);
        case RuleKind::OlderThan:
            return check_age(cell, rule);
        case RuleKind::DropPct:
        case RuleKind::RisePct:
            return check_drift(cell, rule);
    }
    return std::nullopt;
}

std::optional<Violation> RowEvaluator::check_null(const CellUnderCheck& cell) const {
    const Expectation& expectation = cell.expectation;
    if (expectation.on_null == NullPolicy::Pass) return std::nullopt;
    return violation(cell, severity_of_unknown(expectation.on_null), "on_null", "not NULL", false,
                     expectation.column + " is NULL: an unknown value is not a healthy one");
}

std::optional<Violation> RowEvaluator::check_against_number(CellUnderCheck& cell,
                                                            const Rule& rule) {
    if (!read_number(cell)) return std::nullopt;
    const int order = compare_values(*cell.number, cell.value.text, rule.number, rule.number_text);
    const bool above = rule.kind == RuleKind::Above;
    if (!(above ? order > 0 : order < 0)) return std::nullopt;
    return violation(cell, rule.severity, rule.name, rule.number_text, true,
                     cell.expectation.column + " " +
                         display_number_against(cell.value.text, rule.number_text) +
                         (above ? " > " : " < ") + rule.number_text);
}

std::optional<Violation> RowEvaluator::check_against_column(CellUnderCheck& cell, const Rule& rule,
                                                            const Cell& other) {
    const Expectation& expectation = cell.expectation;
    if (other.is_null) {
        if (expectation.on_null == NullPolicy::Pass) return std::nullopt;
        return violation(
            cell, severity_of_unknown(expectation.on_null), rule.name, "NULL", false,
            rule.column + " is NULL, so " + expectation.column + " cannot be compared with it");
    }
    if (!read_number(cell)) return std::nullopt;
    const auto limit = parse_number(other.text);
    if (!limit || std::isnan(*limit)) {
        fail_unreadable(rule.column, other.text, cell.cells, "a number");
        return std::nullopt;
    }
    const int order = compare_values(*cell.number, cell.value.text, *limit, other.text);
    const bool above = rule.kind == RuleKind::AboveColumn;
    if (!(above ? order > 0 : order < 0)) return std::nullopt;
    return violation(cell, rule.severity, rule.name, other.text, true,
                     expectation.column + " " +
                         display_number_against(cell.value.text, other.text) +
                         (above ? " > " : " < ") + rule.column + " " +
                         display_number_against(other.text, cell.value.text));
}

std::optional<Violation> RowEvaluator::check_words(const CellUnderCheck& cell, const Rule& rule,
                                                   const WordList& words) const {
    const bool listed = words.contains(cell.value.text);
    const bool any = rule.kind == RuleKind::EqualsAny;
    if (listed != any) return std::nullopt;
    const std::string wanted = join(rule.strings, ", ");
    return violation(cell, rule.severity, rule.name, any ? wanted : "not " + wanted, false,
                     cell.expectation.column + " is " + cell.value.text +
                         (any ? "" : " (expected " + wanted + ")"));
}

std::optional<Violation> RowEvaluator::check_age(const CellUnderCheck& cell, const Rule& rule) {
    const Expectation& expectation = cell.expectation;
    const auto when = parse_timestamp(cell.value.text);
    if (!when) {
        fail_unreadable(expectation.column, cell.value.text, cell.cells, "a date or timestamp");
        return std::nullopt;
    }
    if (is_in_future(*when, as_of_)) {
        // Clock skew or bad data: a time not yet come confirms nothing, and counts like
        // an unknown value.
        return violation(cell, severity_of_unknown(expectation.on_null), rule.name,
                         "not after " + format_timestamp(as_of_), false,
                         expectation.column + " " + cell.value.text + " is in the future (as of " +
                             format_timestamp(as_of_) + " UTC): clock skew or bad data");
    }
    const std::int64_t age_seconds = age_in_seconds(*when, as_of_);
    const std::int64_t limit_seconds =
        std::chrono::duration_cast<std::chrono::seconds>(rule.age).count();
    if (age_seconds <= limit_seconds) return std::nullopt;
    return violation(cell, rule.severity, rule.name, format_duration(rule.age), false,
                     expectation.column + " " + display_timestamp(cell.value.text) + " is " +
                         display_age_beyond(std::chrono::seconds(age_seconds), rule.age) +
                         " old, older than " + format_duration(rule.age));
}

// Drop% = (baseline - value) / |baseline| * 100, rise% the other way, strictly beyond the
// threshold; compared as (baseline - value) * 100 > threshold * |baseline| in long double,
// exact for integers below 2^64. A key without a usable baseline (none recorded, NULL, not
// a number, zero) passes, and the step's message counts it.
std::optional<Violation> RowEvaluator::check_drift(CellUnderCheck& cell, const Rule& rule) {
    if (!baselines_ || !baselines_->available) {
        drift_not_evaluated_ = true;
        return std::nullopt;
    }
    if (!read_number(cell)) return std::nullopt;
    const std::string key = row_key(cell.cells);
    const Baseline* found = baselines_->find(cell.expectation.column, rule.baseline_runs, key);
    const std::optional<long double> baseline =
        found ? parse_long_double(found->value) : std::nullopt;
    if (!baseline || *baseline == 0) {
        keys_without_baseline_.insert(key);
        return std::nullopt;
    }
    const long double value = parse_long_double(cell.value.text).value_or(*cell.number);
    const bool drop = rule.kind == RuleKind::DropPct;
    const long double change = drop ? *baseline - value : value - *baseline;
    const long double limit =
        parse_long_double(rule.number_text).value_or(rule.number) * std::fabs(*baseline);
    if (!(change * 100 > limit)) return std::nullopt;
    const std::string percent =
        display_percent(static_cast<double>(change * 100 / std::fabs(*baseline)));
    const std::string against = rule.baseline_runs == 1
                                    ? "the previous run's " + found->value
                                    : "the median " + found->value + " of the last " +
                                          std::to_string(found->values) +
                                          (found->values == 1 ? " run" : " runs");
    return violation(cell, rule.severity, rule.name, rule.number_text + "%", false,
                     cell.expectation.column + " " + cell.value.text + " is " + percent +
                         (drop ? " below " : " above ") + against + " (more than " +
                         rule.number_text + "%)");
}

void RowEvaluator::keep_drift_value(const BoundExpectation& bound, const std::vector<Cell>& cells) {
    if (!bound.drift || drift_values_.size() >= kDriftValuesKept) return;
    const Cell& cell = cells[bound.column];
    drift_values_.push_back({bound.expectation->column, row_key(cells),
                             cell.is_null ? std::nullopt : std::optional<std::string>(cell.text)});
}

std::string RowEvaluator::drift_note() const {
    if (drift_not_evaluated_) {
        return "drop/rise rules not evaluated: " +
               (baselines_ ? baselines_->unavailable_reason : std::string("no run history"));
    }
    if (keys_without_baseline_.empty()) return {};
    const size_t keys = keys_without_baseline_.size();
    return "no baseline yet for " + std::to_string(keys) + (keys == 1 ? " key" : " keys");
}

bool RowEvaluator::read_number(CellUnderCheck& cell) {
    if (!cell.number) cell.number = parse_number(cell.value.text);
    if (cell.number && !std::isnan(*cell.number)) return true;
    fail_unreadable(cell.expectation.column, cell.value.text, cell.cells, "a number");
    return false;
}

void RowEvaluator::fail_unreadable(const std::string& column, const std::string& text,
                                   const std::vector<Cell>& cells, std::string_view wanted) {
    fail_evaluation(column + " = " + quote_value(text) + " in " + row_key(cells) + " is not " +
                    std::string(wanted));
}

Violation RowEvaluator::violation(const CellUnderCheck& cell, Severity severity,
                                  std::string_view rule_name, std::string threshold, bool numeric,
                                  std::string reason) const {
    size_t value_bytes = 0;
    std::optional<std::string> value = kept_value(cell.value, value_bytes);
    return Violation{severity,
                     std::string(rule_name),
                     cell.expectation.column,
                     std::move(value),
                     std::move(threshold),
                     numeric,
                     row_key(cell.cells),
                     std::move(reason),
                     row_context(cell.cells),
                     value_bytes};
}

void RowEvaluator::on_row(const std::vector<Cell>& cells) {
    ++rows_seen_;
    // Every index below comes from the column names: a row of another width would be
    // read out of bounds.
    if (cells.size() != columns_.size()) {
        fail_evaluation("row " + std::to_string(rows_seen_) + " has " +
                        std::to_string(cells.size()) + " values for " +
                        std::to_string(columns_.size()) + " columns");
        return;
    }
    if (rows_kept_.size() < limits_.rows_kept) rows_kept_.push_back(kept_cells(cells));
    if (error_) return;
    measure_.on_row(cells);
    for (const auto& bound : bound_) {
        keep_drift_value(bound, cells);
        if (auto found = check(bound, cells)) record(std::move(*found));
        if (error_) return;
    }
}

void RowEvaluator::add_counted_elsewhere(size_t rows, size_t violations, bool any_fail) {
    rows_seen_ += rows;
    violation_count_ += violations;
    any_fail_ = any_fail_ || any_fail;
}

void RowEvaluator::observe_measure(const std::vector<Cell>& cells) {
    if (cells.size() == columns_.size()) measure_.on_row(cells);
}

void RowEvaluator::check_row_count() {
    const std::string count = std::to_string(rows_seen_);
    for (const auto& rule : step_.row_count_rules) {
        const bool above = rule.kind == RuleKind::Above;
        const int order = compare_decimal_text(count, rule.number_text)
                              .value_or(static_cast<double>(rows_seen_) < rule.number ? -1 : 1);
        if (above ? order > 0 : order < 0) {
            record({rule.severity,
                    rule.name,
                    "(row count)",
                    count,
                    rule.number_text,
                    true,
                    "",
                    "returned " + count + (rows_seen_ == 1 ? " row" : " rows") +
                        (above ? ", more than " : ", fewer than ") + rule.number_text,
                    {}});
        }
    }
}

// No rows is not health: a check over an empty window (a stopped feed, a missing
// grant, row-level security) has nothing to breach, and would otherwise pass.
void RowEvaluator::check_empty() {
    if (rows_seen_ > 0 || violation_count_ > 0) return;
    const EmptyPolicy policy = effective_empty_policy(step_);
    if (policy == EmptyPolicy::Pass) return;
    record({policy == EmptyPolicy::Fail ? Severity::Fail : Severity::Warn,
            "on_empty",
            "(row count)",
            "0",
            "1",
            true,
            "",
            std::string(kNoRowsReason),
            {}});
}

void RowEvaluator::finish(StepResult& result) {
    check_row_count();
    if (!error_) check_empty();
    fill(result);
}

void RowEvaluator::finish_incomplete(StepResult& result) {
    fill(result);
}

void RowEvaluator::fill(StepResult& result) {
    result.row_count = rows_seen_;
    result.columns = columns_;
    result.rows = std::move(rows_kept_);
    result.violations = std::move(violations_);
    result.violation_count = violation_count_;
    result.drift_values = std::move(drift_values_);

    const std::string rows = std::to_string(rows_seen_) + (rows_seen_ == 1 ? " row" : " rows");
    if (!error_) result.measure = measure_.finish(rows_seen_);
    if (error_) {
        result.status = Status::Error;
        result.message = *error_;
    } else if (rows_seen_ == 0 && violation_count_ == 1 && result.violations.size() == 1 &&
               result.violations.front().rule == "on_empty") {
        result.status = any_fail_ ? Status::Fail : Status::Warn;
        result.message = std::string(kNoRowsReason);
    } else if (violation_count_ > 0) {
        result.status = any_fail_ ? Status::Fail : Status::Warn;
        result.message = std::to_string(violation_count_) +
                         (violation_count_ == 1 ? " breach" : " breaches") + " in " + rows;
        // Name the worst kept breach, not merely the first (none kept: violations_kept 0).
        const auto worst =
            std::find_if(result.violations.begin(), result.violations.end(),
                         [](const Violation& v) { return v.severity == Severity::Fail; });
        if (!result.violations.empty()) {
            const Violation& first =
                worst != result.violations.end() ? *worst : result.violations.front();
            result.message += "; first: " + (first.key.empty() ? "" : first.key + ": ") +
                              first.reason + " (" + severity_word(first.severity) + ")";
        }
    } else if (step_.report) {
        result.status = Status::Pass;
        result.message = rows;
    } else {
        result.status = Status::Pass;
        result.message = rows_seen_ == 0 && step_.on_empty ? "0 rows (on_empty: pass)"
                                                           : rows + ", all within thresholds";
    }
    if (const std::string note = drift_note(); !error_ && !note.empty()) {
        result.message += "; " + note;
    }
}

}  // namespace opsctl
