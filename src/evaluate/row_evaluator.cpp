#include "opsctl/evaluate/row_evaluator.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "opsctl/core/duration.h"
#include "opsctl/core/quote.h"
#include "opsctl/evaluate/decimal_compare.h"

namespace opsctl {

namespace {

std::string format_number(double value) {
    return fmt::format("{}", value);
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

}  // namespace

RowEvaluator::RowEvaluator(const Step& step, Timestamp as_of, EvaluationLimits limits)
    : step_(step), as_of_(as_of), limits_(limits), measure_(step) {}

std::optional<size_t> RowEvaluator::find_column(const std::string& name) {
    const auto count = std::count(columns_.begin(), columns_.end(), name);
    if (count == 1) {
        return static_cast<size_t>(std::find(columns_.begin(), columns_.end(), name) -
                                   columns_.begin());
    }
    fail_evaluation(count == 0
                        ? "column " + quote_value(name) + " is not in the result (columns: " +
                              one_line(join(columns_, ", "), 200) + ")"
                        : "column " + quote_value(name) + " appears " + std::to_string(count) +
                              " times in the result; the check would be ambiguous");
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
        BoundExpectation bound{&expectation, *column, {}};
        for (const auto& rule : expectation.rules) {
            size_t other = 0;
            if (rule.kind == RuleKind::AboveColumn || rule.kind == RuleKind::BelowColumn) {
                const auto found = find_column(rule.column);
                if (!found) continue;
                other = *found;
            }
            bound.rule_columns.push_back(other);
        }
        if (bound.rule_columns.size() == expectation.rules.size()) bound_.push_back(bound);
    }
    for (const auto& key : step_.key) {
        if (const auto column = find_column(key)) key_columns_.push_back(*column);
    }
}

std::string RowEvaluator::row_key(const std::vector<Cell>& cells) const {
    if (key_columns_.empty()) return "row " + std::to_string(rows_seen_);
    std::vector<std::string> parts;
    for (const size_t column : key_columns_) {
        parts.push_back(cells[column].is_null ? "NULL" : cells[column].text);
    }
    return join(parts, " / ");
}

void RowEvaluator::record(Violation violation) {
    ++violation_count_;
    if (violation.severity == Severity::Fail) any_fail_ = true;
    if (violations_.size() < limits_.violations_kept) violations_.push_back(std::move(violation));
}

// The worst breach of one expectation in one row, if any.
std::optional<Violation> RowEvaluator::check(const BoundExpectation& bound,
                                             const std::vector<Cell>& cells) {
    const Expectation& expectation = *bound.expectation;
    const Cell& cell = cells[bound.column];
    const auto violation = [&](const Rule& rule, std::string threshold, bool numeric,
                               std::string reason) {
        return Violation{rule.severity,
                         rule.name,
                         expectation.column,
                         cell.is_null ? std::nullopt : std::optional<std::string>(cell.text),
                         std::move(threshold),
                         numeric,
                         row_key(cells),
                         std::move(reason)};
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
                int order = *number < rule.number ? -1 : *number > rule.number ? 1 : 0;
                if (order == 0) {
                    // Equal as doubles; the texts may still differ beyond double precision.
                    order = compare_decimal_text(cell.text, rule.number_text).value_or(0);
                }
                const bool breached = rule.kind == RuleKind::Above ? order > 0 : order < 0;
                if (breached) {
                    const std::string op = rule.kind == RuleKind::Above ? " > " : " < ";
                    consider(violation(
                        rule, format_number(rule.number), true,
                        expectation.column + " " + cell.text + op + format_number(rule.number)));
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
                                       expectation.column + " " + cell.text +
                                           (above ? " > " : " < ") + rule.column + " " +
                                           other.text));
                }
                break;
            }
            case RuleKind::EqualsAny:
            case RuleKind::EqualsNone: {
                const bool listed = std::find(rule.strings.begin(), rule.strings.end(),
                                              cell.text) != rule.strings.end();
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
                // A date has no time of day: its age counts whole days.
                const std::int64_t age_seconds =
                    when->date_only ? (as_of_.epoch_day() - when->epoch_day()) * 86400
                                    : as_of_.epoch_seconds - when->epoch_seconds;
                const std::int64_t limit_seconds =
                    std::chrono::duration_cast<std::chrono::seconds>(rule.age).count();
                if (age_seconds > limit_seconds) {
                    consider(violation(rule, format_duration(rule.age), false,
                                       expectation.column + " " + cell.text + " is " +
                                           format_duration(std::chrono::seconds(age_seconds)) +
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
    if (rows_kept_.size() < limits_.rows_kept) rows_kept_.push_back(cells);
    if (error_) return;
    measure_.on_row(cells);
    for (const auto& bound : bound_) {
        if (auto found = check(bound, cells)) record(std::move(*found));
        if (error_) return;
    }
}

void RowEvaluator::finish(StepResult& result) {
    for (const auto& rule : step_.row_count_rules) {
        const double count = static_cast<double>(rows_seen_);
        const bool above = rule.kind == RuleKind::Above;
        if (above ? count > rule.number : count < rule.number) {
            record({rule.severity, rule.name, "(row count)", std::to_string(rows_seen_),
                    format_number(rule.number), true, "",
                    "returned " + std::to_string(rows_seen_) + " rows" +
                        (above ? ", more than " : ", fewer than ") + format_number(rule.number)});
        }
    }
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
        result.message =
            rows_seen_ == 0 ? "0 rows: nothing breached" : rows + ", all within thresholds";
    }
}

}  // namespace opsctl
