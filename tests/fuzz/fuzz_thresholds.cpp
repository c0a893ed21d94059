// Fuzz target: thresholds and durations as runbooks and --set write them, values as
// a warehouse returns them, and their comparison. The input is "value\nthreshold";
// without a newline, both are the whole input.
// The property that matters most: a value above a fail_above threshold never passes.

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "opsctl/core/duration.h"
#include "opsctl/core/timestamp.h"
#include "opsctl/evaluate/decimal_compare.h"
#include "opsctl/evaluate/row_evaluator.h"
#include "opsctl/runbook/variables.h"

using opsctl::fuzz::require;

namespace {

opsctl::StepResult evaluate(const opsctl::Rule& rule, const std::string& value) {
    opsctl::Step step;
    step.id = "fuzz";
    step.kind = opsctl::StepKind::Sql;
    opsctl::Expectation expectation;
    expectation.column = "v";
    expectation.rules.push_back(rule);
    step.expectations.push_back(expectation);
    const auto as_of = opsctl::parse_timestamp("2026-11-26 08:00:00");
    opsctl::RowEvaluator evaluator(step, *as_of);
    evaluator.on_columns({"v", "limit"});
    evaluator.on_row({opsctl::Cell::of(value), opsctl::Cell::of(rule.number_text)});
    opsctl::StepResult result;
    evaluator.finish(result);
    return result;
}

void check_durations(std::string_view text) {
    const auto duration = opsctl::parse_duration(text);
    if (!duration) return;
    require(duration->count() > 0, "a duration is positive");
    const auto again = opsctl::parse_duration(opsctl::format_duration(*duration));
    require(again && *again == *duration, "format_duration parses back to the same duration");
}

void check_decimals(std::string_view a, std::string_view b) {
    const auto ab = opsctl::compare_decimal_text(a, b);
    const auto ba = opsctl::compare_decimal_text(b, a);
    require(ab.has_value() == ba.has_value(), "comparison is defined both ways or neither");
    if (ab) require(*ab == -*ba, "comparison is antisymmetric");
    if (const auto aa = opsctl::compare_decimal_text(a, a)) require(*aa == 0, "a equals itself");
}

void check_timestamp(const std::string& text) {
    const auto ts = opsctl::parse_timestamp(text);
    if (!ts) return;
    const auto again = opsctl::parse_timestamp(opsctl::format_timestamp(*ts));
    require(again && again->epoch_seconds == ts->epoch_seconds,
            "format_timestamp parses back to the same instant");
    opsctl::Rule rule;
    rule.kind = opsctl::RuleKind::OlderThan;
    rule.name = "fail_older_than";
    rule.age = std::chrono::hours(24);
    const auto result = evaluate(rule, text);
    require(result.status != opsctl::Status::Error, "a parsed timestamp can be aged");
}

void check_threshold(const std::string& value, const std::string& threshold) {
    for (const auto kind : {opsctl::RuleKind::Above, opsctl::RuleKind::Below}) {
        opsctl::Rule rule;
        rule.kind = kind;
        rule.name = kind == opsctl::RuleKind::Above ? "fail_above" : "fail_below";
        if (opsctl::bind_rule(rule, threshold)) continue;  // not a number: refused at bind time
        require(std::isfinite(rule.number), "a bound threshold is finite");
        const auto result = evaluate(rule, value);
        if (result.status != opsctl::Status::Pass) continue;
        // A pass must be right: the value parses and lies on the right side.
        double number = 0;
        const char* begin = value.data() + (!value.empty() && value[0] == '+' ? 1 : 0);
        const auto [end, ec] = std::from_chars(begin, value.data() + value.size(), number);
        require(ec == std::errc{} || ec == std::errc::result_out_of_range,
                "a passing value is a number");
        require(end == value.data() + value.size(), "a passing value is a whole number text");
        if (ec == std::errc{}) {
            require(!std::isnan(number), "NaN never passes");
            require(kind == opsctl::RuleKind::Above ? number <= rule.number : number >= rule.number,
                    "a passing value lies within the threshold");
        }
        if (const auto order = opsctl::compare_decimal_text(value, threshold)) {
            require(kind == opsctl::RuleKind::Above ? *order <= 0 : *order >= 0,
                    "a passing value lies within the threshold, exactly");
        }
    }
    // The same comparison against another column of the row.
    opsctl::Rule column_rule;
    column_rule.kind = opsctl::RuleKind::AboveColumn;
    column_rule.name = "fail_above_column";
    column_rule.column = "limit";
    column_rule.number_text = threshold;
    const auto result = evaluate(column_rule, value);
    if (result.status == opsctl::Status::Pass) {
        if (const auto order = opsctl::compare_decimal_text(value, threshold)) {
            require(*order <= 0, "a value above the other column never passes");
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    const size_t newline = input.find('\n');
    const std::string value = newline == std::string::npos ? input : input.substr(0, newline);
    const std::string threshold = newline == std::string::npos ? input : input.substr(newline + 1);
    check_durations(value);
    check_durations(threshold);
    check_decimals(value, threshold);
    check_timestamp(value);
    check_threshold(value, threshold);
    return 0;
}
