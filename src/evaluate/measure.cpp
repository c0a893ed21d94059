#include "opsctl/evaluate/measure.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace opsctl {

namespace {

bool is_fixed_number_rule(const Rule& rule) {
    return rule.kind == RuleKind::Above || rule.kind == RuleKind::Below;
}

std::string threshold_text(const Rule& rule) {
    return rule.number_text.empty() ? fmt::format("{}", rule.number) : rule.number_text;
}

// -?[0-9]+(\.[0-9]+)?, scanned by hand: the text comes from the warehouse and may be
// megabytes long, too long for std::regex's per-character recursion.
bool is_plain_decimal(const std::string& text) {
    const auto digits_from = [&](size_t i) {
        const size_t start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
        return i - start;
    };
    size_t i = !text.empty() && text[0] == '-' ? 1 : 0;
    const size_t whole = digits_from(i);
    if (whole == 0) return false;
    i += whole;
    if (i == text.size()) return true;
    if (text[i] != '.') return false;
    const size_t fraction = digits_from(i + 1);
    return fraction > 0 && i + 1 + fraction == text.size();
}

// Perfdata takes plain decimals only: "1.5e3" or " 12" become "1500" and "12".
std::string plain_decimal(const std::string& text, double value) {
    if (is_plain_decimal(text)) return text;
    std::string out = fmt::format("{:.6f}", value);
    while (!out.empty() && out.back() == '0') out.pop_back();
    if (!out.empty() && out.back() == '.') out.pop_back();
    return out == "-0" ? "0" : out;
}

std::optional<double> finite_number(const std::string& text) {
    const auto first = text.find_first_not_of(' ');
    if (first == std::string::npos) return std::nullopt;
    const char* begin = text.data() + first;
    const char* end = text.data() + text.size();
    if (*begin == '+') ++begin;
    double value = 0;
    const auto [stop, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc{} || stop != end || !std::isfinite(value)) return std::nullopt;
    return value;
}

}  // namespace

MeasureTracker::MeasureTracker(const Step& step) {
    const auto threshold_of = [](const std::vector<Rule>& rules, RuleKind kind, Severity severity) {
        const auto found = std::find_if(rules.begin(), rules.end(), [&](const Rule& rule) {
            return rule.kind == kind && rule.severity == severity;
        });
        return found == rules.end() ? std::nullopt
                                    : std::optional<std::string>(threshold_text(*found));
    };
    for (const auto& expectation : step.expectations) {
        const auto rule =
            std::find_if(expectation.rules.begin(), expectation.rules.end(), is_fixed_number_rule);
        if (rule == expectation.rules.end()) continue;
        source_ = Source::Column;
        above_ = rule->kind == RuleKind::Above;
        column_name_ = expectation.column;
        warn_ = threshold_of(expectation.rules, rule->kind, Severity::Warn);
        fail_ = threshold_of(expectation.rules, rule->kind, Severity::Fail);
        return;
    }
    const auto rule = std::find_if(step.row_count_rules.begin(), step.row_count_rules.end(),
                                   is_fixed_number_rule);
    if (rule == step.row_count_rules.end()) return;
    source_ = Source::RowCount;
    above_ = rule->kind == RuleKind::Above;
    column_name_ = "(row count)";
    warn_ = threshold_of(step.row_count_rules, rule->kind, Severity::Warn);
    fail_ = threshold_of(step.row_count_rules, rule->kind, Severity::Fail);
}

void MeasureTracker::on_columns(const std::vector<std::string>& names) {
    if (source_ != Source::Column) return;
    const auto found = std::find(names.begin(), names.end(), column_name_);
    if (found != names.end()) column_ = static_cast<size_t>(found - names.begin());
}

void MeasureTracker::on_row(const std::vector<Cell>& cells) {
    if (!column_ || *column_ >= cells.size()) return;
    const Cell& cell = cells[*column_];
    if (cell.is_null) return;
    const auto value = finite_number(cell.text);
    if (!value) return;
    if (!worst_ || (above_ ? *value > *worst_ : *value < *worst_)) {
        worst_ = value;
        worst_text_ = cell.text;
    }
}

std::optional<Measure> MeasureTracker::finish(size_t rows) const {
    switch (source_) {
        case Source::None:
            return std::nullopt;
        case Source::RowCount:
            return Measure{
                column_name_, static_cast<double>(rows), std::to_string(rows), warn_, fail_,
                above_};
        case Source::Column:
            if (!worst_) return std::nullopt;
            return Measure{column_name_, *worst_, plain_decimal(worst_text_, *worst_),
                           warn_,        fail_,   above_};
    }
    return std::nullopt;
}

}  // namespace opsctl
