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

constexpr std::string_view kNoRowsReason = "no rows in the window: nothing confirms health";

// Clocks drift a little; beyond this a time ahead of the as-of time is a wrong value.
constexpr std::int64_t kFutureToleranceSeconds = 5 * 60;

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

RowEvaluator::RowEvaluator(const Step& step, Timestamp as_of, EvaluationLimits limits)
    : step_(step), as_of_(as_of), limits_(limits), measure_(step) {}

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
        BoundExpectation bound{&expectation, *column, {}, {}};
        for (const auto& rule : expectation.rules) {
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
    // What is kept is bounded by the cap: the threshold may be another column's value
    // and the reason may quote the value.
    violation.threshold = kept_text(violation.threshold);
    violation.reason = kept_text(violation.reason);
    ++violation_count_;
    if (violation.severity == Severity::Fail) any_fail_ = true;
    if (violations_.size() < limits_.violations_kept) violations_.push_back(std::move(violation));
}

// The worst breach of one expectation in one row, if any.
std::optional<Violation> RowEvaluator::check(const BoundExpectation& bound,
                                             const std::vector<Cell>& cells) {
    const Expectation& expectation = *bound.expectation;
    const Cell& cell = cells[bound.column];
    size_t value_bytes = 0;
    const auto violation = [&](const Rule& rule, std::string threshold, bool numeric,
                               std::string reason) {
        return Violation{
            rule.severity,        rule.name,  expectation.column, kept_value(cell, value_bytes),
            std::move(threshold), numeric,    row_key(cells),     std::move(reason),
            row_context(cells),   value_bytes};
    };
    if (cell.is_null) {
        if (expectation.on_null == NullPolicy::Pass) return std::nullopt;
        Rule null_rule;
        null_rule.name = "on_null";
        null_rule.severity =
            expectation.on_null == NullPolicy::Warn ? Severity::Warn : Severity::Fail;
        return violation(null_rule, "not NULL", false,
                         expectation.column + " is NULL: an unknown value is not a healthy one");
    }

    std::optional<Violation> worst;
    const auto consider = [&](Violation candidate) {
        if (!worst || (candidate.severity == Severity::Fail && worst->severity == Severity::Warn)) {
            worst = std::move(candidate);
        }
    };
    std::optional<double> number;
    const auto need_number = [&]() -> bool {
        if (!number) number = parse_number(cell.text);
        if (!number || std::isnan(*number)) {
            fail_evaluation(expectation.column + " = " + quote_value(cell.text) + " in " +
                            row_key(cells) + " is not a number");
            return false;
        }
        return true;
    };

    for (size_t r = 0; r < expectation.rules.size(); ++r) {
        const Rule& rule = expectation.rules[r];
        switch (rule.kind) {
            case RuleKind::Above:
            case RuleKind::Below: {
                if (!need_number()) return std::nullopt;
                // Rounding to a double never reverses an order, so different doubles
                // decide; equal ones may still differ beyond double precision
                // (2^64 and 2^64 + 1), and then the texts decide, digit by digit.
                int order = *number < rule.number ? -1 : *number > rule.number ? 1 : 0;
                if (order == 0) {
                    order = compare_decimal_text(cell.text, rule.number_text).value_or(0);
                }
                const bool breached = rule.kind == RuleKind::Above ? order > 0 : order < 0;
                if (breached) {
                    const std::string op = rule.kind == RuleKind::Above ? " > " : " < ";
                    consider(violation(rule, rule.number_text, true,
                                       expectation.column + " " +
                                           display_number_against(cell.text, rule.number_text) +
                                           op + rule.number_text));
                }
                break;
            }
            case RuleKind::AboveColumn:
            case RuleKind::BelowColumn: {
                const Cell& other = cells[bound.rule_columns[r]];
                if (other.is_null) {
                    if (expectation.on_null == NullPolicy::Pass) break;
                    Rule null_rule = rule;
                    null_rule.severity =
                        expectation.on_null == NullPolicy::Warn ? Severity::Warn : Severity::Fail;
                    consider(violation(null_rule, "NULL", false,
                                       rule.column + " is NULL, so " + expectation.column +
                                           " cannot be compared with it"));
                    break;
                }
                if (!need_number()) return std::nullopt;
                const auto limit = parse_number(other.text);
                if (!limit || std::isnan(*limit)) {
                    fail_evaluation(rule.column + " = " + quote_value(other.text) + " in " +
                                    row_key(cells) + " is not a number");
                    return std::nullopt;
                }
                const bool above = rule.kind == RuleKind::AboveColumn;
                int order = *number < *limit ? -1 : *number > *limit ? 1 : 0;
                if (order == 0) {
                    // Equal as doubles (1e401 and 1e400 are both infinite): compare the texts.
                    order = compare_decimal_text(cell.text, other.text).value_or(0);
                }
                if (above ? order > 0 : order < 0) {
                    consider(violation(rule, other.text, true,
                                       expectation.column + " " +
                                           display_number_against(cell.text, other.text) +
                                           (above ? " > " : " < ") + rule.column + " " +
                                           display_number_against(other.text, cell.text)));
                }
                break;
            }
            case RuleKind::EqualsAny:
            case RuleKind::EqualsNone: {
                const bool listed = bound.word_lists[r]->contains(cell.text);
                const bool any = rule.kind == RuleKind::EqualsAny;
                if (listed == any) {
                    const std::string wanted = join(rule.strings, ", ");
                    consider(violation(rule, any ? wanted : "not " + wanted, false,
                                       expectation.column + " is " + cell.text +
                                           (any ? "" : " (expected " + wanted + ")")));
                }
                break;
            }
            case RuleKind::OlderThan: {
                const auto when = parse_timestamp(cell.text);
                if (!when) {
                    fail_evaluation(expectation.column + " = " + quote_value(cell.text) + " in " +
                                    row_key(cells) + " is not a date or timestamp");
                    return std::nullopt;
                }
                if (is_in_future(*when, as_of_)) {
                    // Clock skew or bad data: a time not yet come confirms nothing, and
                    // counts like an unknown value.
                    Rule future_rule = rule;
                    future_rule.severity =
                        expectation.on_null == NullPolicy::Warn ? Severity::Warn : Severity::Fail;
                    consider(violation(future_rule, "not after " + format_timestamp(as_of_), false,
                                       expectation.column + " " + cell.text +
                                           " is in the future (as of " + format_timestamp(as_of_) +
                                           " UTC): clock skew or bad data"));
                    break;
                }
                // A date has no time of day: its age counts whole days.
                const std::int64_t age_seconds =
                    when->date_only ? (as_of_.epoch_day() - when->epoch_day()) * 86400
                                    : as_of_.epoch_seconds - when->epoch_seconds;
                const std::int64_t limit_seconds =
                    std::chrono::duration_cast<std::chrono::seconds>(rule.age).count();
                if (age_seconds > limit_seconds) {
                    consider(violation(
                        rule, format_duration(rule.age), false,
                        expectation.column + " " + display_timestamp(cell.text) + " is " +
                            display_age_beyond(std::chrono::seconds(age_seconds), rule.age) +
                            " old, older than " + format_duration(rule.age)));
                }
                break;
            }
        }
    }
    return worst;
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
        if (auto found = check(bound, cells)) record(std::move(*found));
        if (error_) return;
    }
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
}

}  // namespace opsctl
