#include "opsctl/import/threshold_lifting.h"

#include <algorithm>

#include "opsctl/core/ascii_case.h"
#include "opsctl/import/select_list.h"
#include "opsctl/import/sql_predicates.h"
#include "opsctl/import/verdict_words.h"

namespace opsctl {

namespace {

using nlohmann::json;

enum class Role { Window, Scope, Threshold, Inexact };

struct Rule {
    std::string column;
    json rule;
};

struct Predicate {
    Role role = Role::Scope;
    TokenRange range;
    bool in_having = false;
    std::string text;
    std::vector<Rule> rules;
    std::string why;              // Scope and Inexact: why it stays
    std::string appended_column;  // a column the select list must return for the rule
};

json number_value(const std::string& text) {
    try {
        return json::parse(text);
    } catch (const json::exception&) {
        return text;
    }
}

// What a string comparison means: a rule when its words are verdicts, else nothing.
std::optional<json> string_rule(const Comparison& comparison, std::string& why) {
    std::vector<std::string> problems, warnings, healthy;
    for (const std::string& value : comparison.values) {
        switch (verdict_of_word(value)) {
            case WordVerdict::Problem:
                problems.push_back(value);
                break;
            case WordVerdict::Warning:
                warnings.push_back(value);
                break;
            case WordVerdict::Healthy:
                healthy.push_back(value);
                break;
            case WordVerdict::Unknown:
                why = "'" + value + "' is not a status word: a filter, not a threshold";
                return std::nullopt;
        }
    }
    const bool positive = comparison.op == CompareOp::Equal || comparison.op == CompareOp::In;
    const bool negative = comparison.op == CompareOp::NotEqual || comparison.op == CompareOp::NotIn;
    if (positive && healthy.empty() && warnings.empty()) return json{{"fail_if", problems}};
    if (positive && healthy.empty() && problems.empty()) return json{{"warn_if", warnings}};
    // NOT IN ('SUCCESS', 'SKIPPED'): every word it excludes is not a problem, so what it
    // returns is; the excluded warnings ("skipped") pass, as the document says.
    if (negative && problems.empty()) {
        healthy.insert(healthy.end(), warnings.begin(), warnings.end());
        return json{{"fail_unless", healthy}};
    }
    why = "selects rows by words of mixed or healthy meaning: a filter, not a threshold";
    return std::nullopt;
}

class Lifter {
  public:
    explicit Lifter(std::string_view sql)
        : sql_(sql), tokens_(significant_tokens(sql)), shape_(describe_select(sql, tokens_)) {}

    ThresholdLifting lift() {
        result_.sql = std::string(sql_);
        if (!shape_.found) return finish();
        if (shape_.set_operation) {
            result_.not_inferred.push_back("a UNION/INTERSECT/EXCEPT query: its filters stay");
            return finish();
        }
        if (shape_.where) read_clause(*shape_.where, false);
        if (shape_.having) read_clause(*shape_.having, true);
        decide();
        return finish();
    }

  private:
    void read_clause(const Clause& clause, bool having) {
        for (const TokenRange part : split_at_word(tokens_, {clause.body, clause.end}, "AND")) {
            predicates_.push_back(classify(part, having));
        }
    }

    Predicate classify(TokenRange range, bool having) {
        Predicate predicate;
        predicate.range = range;
        predicate.in_having = having;
        predicate.text = text_of(sql_, tokens_, range.first, range.last);
        if (reads_clock(tokens_, range)) {
            predicate.role = Role::Window;
            return predicate;
        }
        const TokenRange inner = without_outer_parentheses(tokens_, range);
        bool any_threshold = false;
        bool any_other = false;
        for (const TokenRange part : split_at_word(tokens_, inner, "OR")) {
            const std::optional<Comparison> comparison = read_comparison(sql_, tokens_, part);
            if (!comparison) {
                any_other = true;
                predicate.why = "not a comparison of a column with a value or column";
                continue;
            }
            const Role role = rule_of(*comparison, having, predicate);
            if (role == Role::Threshold) any_threshold = true;
            if (role == Role::Inexact) predicate.role = Role::Inexact;
            if (role == Role::Scope) any_other = true;
        }
        if (predicate.role == Role::Inexact) return predicate;
        if (any_threshold && any_other) {
            predicate.role = Role::Inexact;
            predicate.why = "joins a threshold and a filter with OR";
        } else {
            predicate.role = any_threshold ? Role::Threshold : Role::Scope;
        }
        return predicate;
    }

    // The result column a rule on `comparison.left` names, or empty.
    std::string result_column(const std::string& column, const std::string& left, bool having,
                              Predicate& predicate) {
        if (const SelectItem* item = shape_.item_named(column.empty() ? left : column)) {
            // WHERE cannot name an alias: a same-named item is that column only when it
            // computes nothing else.
            if (!having && !equals_ignoring_ascii_case(item->expression, left) &&
                unqualified_name(sql_, tokens_, item->first, item->last).empty()) {
                return {};
            }
            return item->output;
        }
        if (const SelectItem* item = shape_.item_computing(left)) return item->output;
        if (shape_.has_star() && !column.empty() && !having) return column;
        if (!column.empty() && !having && !shape_.group_by && !shape_.has_aggregate()) {
            predicate.appended_column = left;
            return column;
        }
        return {};
    }

    Role rule_of(const Comparison& comparison, bool having, Predicate& predicate) {
        const std::string column =
            result_column(comparison.column, comparison.left, having, predicate);
        if (column.empty()) {
            predicate.why = comparison.left + " is not a column the query returns";
            return comparison.operand == OperandKind::String ? Role::Scope : Role::Inexact;
        }
        if (comparison.operand == OperandKind::String) {
            std::string why;
            const std::optional<json> rule = string_rule(comparison, why);
            if (!rule) {
                predicate.why = why;
                return Role::Scope;
            }
            predicate.rules.push_back({column, *rule});
            return Role::Threshold;
        }
        if (comparison.op == CompareOp::GreaterEqual || comparison.op == CompareOp::LessEqual) {
            predicate.why = std::string(to_string(comparison.op)) +
                            " has no exact rule (fail_above is >, fail_below is <)";
            return Role::Inexact;
        }
        if (comparison.op != CompareOp::Greater && comparison.op != CompareOp::Less) {
            predicate.why = "an equality on a number is a filter, not a threshold";
            return Role::Scope;
        }
        const bool above = comparison.op == CompareOp::Greater;
        if (comparison.operand == OperandKind::Column) {
            const SelectItem* other = shape_.item_named(comparison.values[0]);
            if (!other && !shape_.has_star()) {
                predicate.why = comparison.values[0] + " is not a column the query returns";
                return Role::Inexact;
            }
            const std::string other_name = other ? other->output : comparison.values[0];
            predicate.rules.push_back(
                {column, json{{above ? "fail_above_column" : "fail_below_column", other_name}}});
            return Role::Threshold;
        }
        predicate.rules.push_back({column, json{{above ? "fail_above" : "fail_below",
                                                 number_value(comparison.values[0])}}});
        return Role::Threshold;
    }

    void decide() {
        std::vector<Predicate*> thresholds, inexact;
        for (Predicate& predicate : predicates_) {
            if (predicate.role == Role::Threshold) thresholds.push_back(&predicate);
            if (predicate.role == Role::Inexact) inexact.push_back(&predicate);
            if (predicate.role == Role::Window) {
                result_.has_window = true;
                result_.not_inferred.push_back("time window `" + predicate.text +
                                               "` stays in the SQL");
            }
            if (predicate.role == Role::Scope) {
                result_.not_inferred.push_back("filter `" + predicate.text +
                                               "` stays in the SQL: " + predicate.why);
            }
        }
        if (thresholds.size() == 1 && inexact.empty()) return lift(*thresholds.front());
        if (thresholds.empty() && inexact.empty()) return;
        for (Predicate* predicate : inexact) {
            result_.not_inferred.push_back("threshold `" + predicate->text +
                                           "` stays in the SQL: " + predicate->why);
        }
        if (thresholds.size() > 1) {
            std::string texts;
            for (const Predicate* predicate : thresholds) {
                texts += (texts.empty() ? "`" : " AND `") + predicate->text + "`";
            }
            result_.not_inferred.push_back(
                "thresholds " + texts +
                " stay in the SQL: joined by AND, they are not separate rules");
        }
        result_.row_count = json{{"fail_above", 0}};
        result_.on_empty = "pass";
        result_.inferred.push_back(
            "the query returns only problem rows: any row fails (row_count fail_above 0, "
            "on_empty pass); a NULL in the filtered column is not seen");
    }

    void lift(const Predicate& lifted) {
        for (const Rule& rule : lifted.rules) add_rule(result_.expect, rule.column, rule.rule);
        std::string rules;
        for (const Rule& rule : lifted.rules) {
            rules += (rules.empty() ? "" : ", ") + rule.column + " " + rule.rule.begin().key() +
                     " " + rule.rule.begin().value().dump();
        }
        result_.inferred.push_back(std::string(lifted.in_having ? "HAVING" : "WHERE") + " `" +
                                   lifted.text + "` became " + rules +
                                   " on every row (a NULL fails instead of vanishing)");
        if (!lifted.appended_column.empty()) {
            result_.inferred.push_back(lifted.appended_column +
                                       " added to the SELECT list, for the rule");
        }
        rewrite_without(lifted);
    }

    void rewrite_without(const Predicate& lifted) {
        std::string sql(sql_);
        const Clause& clause = lifted.in_having ? *shape_.having : *shape_.where;
        std::string kept;
        for (const Predicate& predicate : predicates_) {
            if (&predicate == &lifted || predicate.in_having != lifted.in_having) continue;
            kept += (kept.empty() ? "" : " AND ") + predicate.text;
        }
        const size_t begin = tokens_[clause.keyword].begin;
        const size_t end = clause.end < tokens_.size() ? tokens_[clause.end].begin : sql.size();
        std::string replacement =
            kept.empty() ? "" : std::string(lifted.in_having ? "HAVING " : "WHERE ") + kept + " ";
        sql.replace(begin, end - begin, replacement);
        if (!lifted.appended_column.empty()) {
            // The select list comes before the clause: its offsets are unchanged.
            sql.insert(tokens_[shape_.items_end - 1].end, ", " + lifted.appended_column);
        }
        result_.sql = sql;
    }

    ThresholdLifting finish() {
        result_.sql = one_line_sql(result_.sql);
        while (!result_.sql.empty() && (result_.sql.back() == ' ' || result_.sql.back() == ';')) {
            result_.sql.pop_back();
        }
        return std::move(result_);
    }

    std::string_view sql_;
    std::vector<SqlToken> tokens_;
    SelectShape shape_;
    std::vector<Predicate> predicates_;
    ThresholdLifting result_;
};

}  // namespace

void add_rule(std::vector<json>& expect, const std::string& column, const json& rule) {
    const std::string name = rule.begin().key();
    for (json& expectation : expect) {
        if (!equals_ignoring_ascii_case(expectation.at("column").get<std::string>(), column)) {
            continue;
        }
        if (!expectation.contains(name)) {
            expectation[name] = rule.begin().value();
            return;
        }
        if (expectation[name].is_array() && rule.begin().value().is_array()) {
            for (const json& value : rule.begin().value()) {
                if (std::find(expectation[name].begin(), expectation[name].end(), value) ==
                    expectation[name].end()) {
                    expectation[name].push_back(value);
                }
            }
            return;
        }
    }
    json expectation = {{"column", column}};
    expectation[name] = rule.begin().value();
    expect.push_back(expectation);
}

ThresholdLifting lift_thresholds(std::string_view sql) {
    return Lifter(sql).lift();
}

}  // namespace opsctl
