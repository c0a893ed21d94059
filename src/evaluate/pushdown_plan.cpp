#include "opsctl/evaluate/pushdown_plan.h"

#include <algorithm>
#include <map>

#include "opsctl/core/ascii_case.h"
#include "opsctl/core/decimal_text.h"
#include "opsctl/core/quote.h"
#include "opsctl/runbook/variables.h"

namespace opsctl {

namespace {

// Digits a threshold may have: every one of them survives a double, so an engine that
// compares a float with the literal (SQLite) orders it as the exact comparison does.
constexpr size_t kMaxThresholdDigits = 15;
// Places of the point either side of the digits: a plain literal stays short.
constexpr std::int64_t kMaxThresholdPoint = 30;

// "timestamp(3) with time zone" -> "timestamp with time zone"; "NUMBER(38,0)[SB16]" ->
// "number", with the parameters in `parameters` ("38,0").
std::string base_type(std::string_view type_name, std::string& parameters) {
    std::string base;
    bool in_parameters = false;
    for (const char c : type_name) {
        if (c == '[') break;
        if (c == '(') in_parameters = true;
        if (!in_parameters) base += c;
        if (in_parameters && c != '(' && c != ')') parameters += c;
        if (c == ')') in_parameters = false;
    }
    std::string folded = ascii_lower(base);
    while (!folded.empty() && folded.back() == ' ') folded.pop_back();
    for (size_t at = folded.find("  "); at != std::string::npos; at = folded.find("  ")) {
        folded.erase(at, 1);
    }
    return folded;
}

ValueClass number_class(const std::string& parameters) {
    const auto comma = parameters.find(',');
    const std::string scale = comma == std::string::npos ? "" : parameters.substr(comma + 1);
    const bool fraction = scale.find_first_of("123456789") != std::string::npos;
    return fraction ? ValueClass::Decimal : ValueClass::Integer;
}

const std::map<std::string, ValueClass>& named_classes() {
    static const std::map<std::string, ValueClass> classes{
        {"smallint", ValueClass::Integer},
        {"integer", ValueClass::Integer},
        {"bigint", ValueClass::Integer},
        {"tinyint", ValueClass::Integer},
        {"int", ValueClass::Integer},
        {"numeric", ValueClass::Decimal},
        {"decimal", ValueClass::Decimal},
        {"double precision", ValueClass::Float},
        {"double", ValueClass::Float},
        {"real", ValueClass::Float},
        {"float", ValueClass::Float},
        {"text", ValueClass::Text},
        {"character varying", ValueClass::Text},
        {"character", ValueClass::Text},
        {"varchar", ValueClass::Text},
        {"char", ValueClass::Text},
        {"name", ValueClass::Text},
        {"boolean", ValueClass::Boolean},
        {"date", ValueClass::Date},
        {"timestamp without time zone", ValueClass::Timestamp},
        {"timestamp", ValueClass::Timestamp},
        {"timestamp_ntz", ValueClass::Timestamp},
        {"timestamp with time zone", ValueClass::TimestampTz},
    };
    return classes;
}

const char* class_word(ValueClass value_class) {
    switch (value_class) {
        case ValueClass::Float:
            return "floating point";
        case ValueClass::Text:
            return "text";
        case ValueClass::Boolean:
            return "a boolean";
        case ValueClass::Date:
            return "a date";
        case ValueClass::Timestamp:
        case ValueClass::TimestampTz:
            return "a timestamp";
        case ValueClass::Integer:
        case ValueClass::Decimal:
            return "a number";
        case ValueClass::Unknown:
        case ValueClass::Other:
            break;
    }
    return "of another type";
}

bool is_simple_name(std::string_view name) {
    if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_';
    });
}

std::string quoted_name(std::string_view name) {
    std::string out = "\"";
    for (const char c : name) {
        out += c;
        if (c == '"') out += '"';
    }
    return out + "\"";
}

// The runbook's spelling when the engine folds it to the result's, else the result's
// spelling quoted: the query is then the same as render shows in the common case.
std::string sql_name(const Dialect& dialect, const std::string& runbook_name,
                     const std::string& result_name) {
    const std::string_view fold = dialect.pushdown.folds_unquoted;
    const bool same_letters = equals_ignoring_ascii_case(runbook_name, result_name);
    const bool has_lower =
        result_name.find_first_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos;
    const bool has_upper =
        result_name.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos;
    const bool folds_to_it = same_letters && (fold == "any"     ? true
                                              : fold == "upper" ? !has_lower
                                                                : !has_upper);
    return is_simple_name(runbook_name) && folds_to_it ? runbook_name : quoted_name(result_name);
}

// Plans one step; the first doubt ends it with its reason.
class Planner {
  public:
    Planner(const Step& step, const Dialect& dialect,
            const std::optional<std::vector<ResultColumn>>& columns)
        : step_(step), dialect_(dialect), columns_(columns) {}

    PushdownPlan plan();

  private:
    bool refuse(std::string reason) {
        if (plan_.reason.empty()) plan_.reason = std::move(reason);
        return false;
    }
    bool check_shape();
    std::optional<PlannedColumn> column(const std::string& name);
    bool plan_expectation(const Expectation& expectation);
    bool check_rule(const Expectation& expectation, const Rule& rule, const PlannedColumn& value,
                    const std::optional<PlannedColumn>& other);
    bool check_number(const std::string& column, const Rule& rule, const PlannedColumn& value);
    bool check_words(const std::string& column, const Rule& rule, const PlannedColumn& value);
    bool check_age(const std::string& column, const Rule& rule, const PlannedColumn& value);
    void plan_measure();

    const Step& step_;
    const Dialect& dialect_;
    const std::optional<std::vector<ResultColumn>>& columns_;
    PushdownPlan plan_;
};

PushdownPlan Planner::plan() {
    plan_.types_checked = columns_.has_value();
    if (!check_shape()) return plan_;
    for (const auto& expectation : step_.expectations) {
        if (!plan_expectation(expectation)) return plan_;
    }
    for (const auto& name : step_.key) {
        auto found = column(name);
        if (!found) return plan_;
        plan_.key.push_back(std::move(*found));
    }
    for (const auto& name : step_.show) {
        auto found = column(name);
        if (!found) return plan_;
        plan_.show.push_back(std::move(*found));
    }
    plan_measure();
    plan_.in_warehouse = true;
    return plan_;
}

bool Planner::check_shape() {
    if (step_.kind != StepKind::Sql) return refuse("not an SQL step");
    if (step_.report) return refuse("a report step: people read its rows, so all of them come");
    if (dialect_.pushdown.as_text.empty()) {
        return refuse("dialect " + std::string(dialect_.name) + " has no pushdown spellings");
    }
    // The client names a row without a key by its place in the stream, which a query
    // that moves only the offending rows cannot know.
    if (step_.key.empty() && !step_.expectations.empty()) {
        return refuse("no key: an offending row is named by its position in the stream");
    }
    return true;
}

// The column the runbook's `name` means, as the client finds it: ignoring case, once.
std::optional<PlannedColumn> Planner::column(const std::string& name) {
    if (!columns_)
        return PlannedColumn{is_simple_name(name) ? name : quoted_name(name), ValueClass::Unknown};
    std::vector<const ResultColumn*> matches;
    for (const auto& result : *columns_) {
        if (equals_ignoring_ascii_case(result.name, name)) matches.push_back(&result);
    }
    if (matches.size() != 1) {
        refuse("column " + quote_value(name) +
               (matches.empty() ? " is not in the result" : " is ambiguous in the result") +
               ": the client reports it");
        return std::nullopt;
    }
    return PlannedColumn{sql_name(dialect_, name, matches.front()->name),
                         value_class(dialect_.name, matches.front()->type)};
}

bool Planner::plan_expectation(const Expectation& expectation) {
    const auto value = column(expectation.column);
    if (!value) return false;
    PlannedExpectation planned{*value, {}};
    for (const auto& rule : expectation.rules) {
        std::optional<PlannedColumn> other;
        if (rule.kind == RuleKind::AboveColumn || rule.kind == RuleKind::BelowColumn) {
            other = column(rule.column);
            if (!other) return false;
        }
        if (!check_rule(expectation, rule, *value, other)) return false;
        planned.others.push_back(std::move(other));
    }
    plan_.expectations.push_back(std::move(planned));
    return true;
}

bool Planner::check_rule(const Expectation& expectation, const Rule& rule,
                         const PlannedColumn& value, const std::optional<PlannedColumn>& other) {
    const std::string& name = expectation.column;
    switch (rule.kind) {
        case RuleKind::Above:
        case RuleKind::Below:
            if (!exact_number_literal(rule.number_text)) {
                return refuse(rule.name + " " + rule.number_text +
                              ": the threshold has more digits than every engine compares exactly");
            }
            return check_number(name, rule, value);
        case RuleKind::AboveColumn:
        case RuleKind::BelowColumn:
            return check_number(name, rule, value) && check_number(rule.column, rule, *other);
        case RuleKind::EqualsAny:
        case RuleKind::EqualsNone:
            return check_words(name, rule, value);
        case RuleKind::OlderThan:
            return check_age(name, rule, value);
        case RuleKind::DropPct:
        case RuleKind::RisePct:
            // Compared with the history's baseline of every key, which the warehouse has not.
            return refuse(rule.name +
                          " compares every key with the run history: evaluated on "
                          "the client");
    }
    // A rule kind added later is evaluated where it was written for: on the client.
    return refuse(rule.name + " is evaluated on the client only");
}

bool Planner::check_number(const std::string& column, const Rule& rule,
                           const PlannedColumn& value) {
    switch (value.value_class) {
        case ValueClass::Integer:
        case ValueClass::Decimal:
        case ValueClass::Unknown:  // SQLite: a value neither integer nor float decides nothing
            return true;
        case ValueClass::Float:
            return refuse(rule.name + ": column " + quote_value(column) +
                          " is floating point, compared with a decimal on the client");
        case ValueClass::Text:
            return refuse(rule.name + ": column " + quote_value(column) +
                          " is text; a text that holds a number is read on the client");
        default:
            return refuse(rule.name + ": column " + quote_value(column) + " is " +
                          class_word(value.value_class) + ", not a number");
    }
}

bool Planner::check_words(const std::string& column, const Rule& rule, const PlannedColumn& value) {
    // Only text is the same text in SQL as on the client: a boolean is "t" through libpq
    // but "true" as SQL text, and a number's spelling is the driver's.
    if (value.value_class == ValueClass::Text || value.value_class == ValueClass::Unknown) {
        for (const auto& word : rule.strings) {
            std::string literal;
            if (const auto problem = sql_literal(word, false, literal)) {
                return refuse(rule.name + ": " + *problem);
            }
        }
        return true;
    }
    return refuse(rule.name + ": column " + quote_value(column) + " is " +
                  class_word(value.value_class) + "; its words are matched on the client");
}

bool Planner::check_age(const std::string& column, const Rule& rule, const PlannedColumn& value) {
    if (dialect_.pushdown.type_of.empty()) {
        return refuse(rule.name + ": " + std::string(dialect_.name) +
                      " keeps times as text, parsed on the client");
    }
    switch (value.value_class) {
        case ValueClass::Date:
        case ValueClass::Timestamp:
        case ValueClass::TimestampTz:
        case ValueClass::Unknown:  // render: the types are checked when the step runs
            return true;
        default:
            return refuse(rule.name + ": column " + quote_value(column) + " is " +
                          class_word(value.value_class) + ", not a date or timestamp");
    }
}

// evaluate/measure: the first expectation with a fixed-number rule, named exactly.
void Planner::plan_measure() {
    for (size_t e = 0; e < step_.expectations.size(); ++e) {
        const auto& rules = step_.expectations[e].rules;
        const auto fixed = std::find_if(rules.begin(), rules.end(), [](const Rule& rule) {
            return rule.kind == RuleKind::Above || rule.kind == RuleKind::Below;
        });
        if (fixed == rules.end()) continue;
        plan_.measure_above = fixed->kind == RuleKind::Above;
        const std::string& name = step_.expectations[e].column;
        const bool exact =
            !columns_ || std::any_of(columns_->begin(), columns_->end(),
                                     [&](const ResultColumn& c) { return c.name == name; });
        if (exact) plan_.measure = plan_.expectations[e].value;
        return;
    }
}

}  // namespace

std::optional<EvaluationMode> parse_evaluation_mode(std::string_view word) {
    if (word == "auto") return EvaluationMode::Auto;
    if (word == "warehouse") return EvaluationMode::Warehouse;
    if (word == "client") return EvaluationMode::Client;
    return std::nullopt;
}

PushdownPlan plan_pushdown(const Step& step, const Dialect& dialect,
                           const std::optional<std::vector<ResultColumn>>& columns) {
    return Planner(step, dialect, columns).plan();
}

ValueClass value_class(std::string_view dialect, std::string_view type_name) {
    if (dialect == "sqlite" || type_name.empty()) return ValueClass::Unknown;
    std::string parameters;
    const std::string base = base_type(type_name, parameters);
    // Snowflake's NUMBER and Trino's DECIMAL are integers with a scale of 0.
    if (base == "number" || (base == "decimal" && !parameters.empty())) {
        return number_class(parameters);
    }
    const auto found = named_classes().find(base);
    if (found == named_classes().end()) return ValueClass::Other;
    // Only PostgreSQL's session is known to be in UTC: elsewhere a zone is a doubt.
    if (found->second == ValueClass::TimestampTz && dialect != "postgresql") {
        return ValueClass::Other;
    }
    return found->second;
}

std::optional<std::string> exact_number_literal(std::string_view number_text) {
    const auto decimal = parse_decimal_text(number_text, 3);
    if (!decimal || decimal->digits.size() > kMaxThresholdDigits) return std::nullopt;
    if (decimal->point > kMaxThresholdPoint || decimal->point < -kMaxThresholdPoint) {
        return std::nullopt;
    }
    if (decimal->digits.empty()) return std::string("0");
    const auto point = decimal->point;
    const auto size = static_cast<std::int64_t>(decimal->digits.size());
    std::string literal = decimal->negative ? "-" : "";
    if (point <= 0) {
        literal += "0." + std::string(static_cast<size_t>(-point), '0') + decimal->digits;
    } else if (point >= size) {
        literal += decimal->digits + std::string(static_cast<size_t>(point - size), '0');
    } else {
        literal += decimal->digits.substr(0, static_cast<size_t>(point)) + "." +
                   decimal->digits.substr(static_cast<size_t>(point));
    }
    return literal;
}

}  // namespace opsctl
