#include "opsctl/evaluate/pushdown_query.h"

#include <chrono>

#include "opsctl/core/ascii_case.h"
#include "opsctl/runbook/variables.h"

namespace opsctl {

namespace {

// Clocks drift a little: the client's tolerance for a time ahead of the as-of time
// (evaluate/row_evaluator), in whole seconds.
constexpr std::int64_t kFutureToleranceSeconds = std::int64_t{5} * 60;
constexpr std::int64_t kSecondsPerDay = 86400;
// The finite doubles: what evaluate/measure counts as a number.
constexpr std::string_view kFiniteRange =
    " BETWEEN -1.7976931348623157E308 AND 1.7976931348623157E308";

std::string fill(std::string_view pattern, const std::string& key, const std::string& value) {
    std::string out(pattern);
    for (size_t at = out.find(key); at != std::string::npos;
         at = out.find(key, at + value.size())) {
        out.replace(at, key.size(), value);
    }
    return out;
}

std::string with_x(std::string_view pattern, const std::string& x) {
    return fill(pattern, "{x}", x);
}

std::string string_literal(const std::string& text) {
    std::string literal;
    sql_literal(text, false, literal);  // the plan refused words it cannot write
    return literal;
}

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
    std::string out;
    for (const auto& part : parts) out += (out.empty() ? "" : separator) + part;
    return out;
}

// The step's SQL as a derived table: a trailing ';' dropped, and the closing
// parenthesis on a line of its own, after any trailing comment.
std::string derived(const std::string& step_sql) {
    std::string sql = step_sql;
    while (!sql.empty() && (sql.back() == ' ' || sql.back() == '\n' || sql.back() == '\t' ||
                            sql.back() == '\r' || sql.back() == ';')) {
        sql.pop_back();
    }
    return "(\n" + sql + "\n)";
}

std::string without_trailing_blanks(const std::string& word) {
    const auto last = word.find_last_not_of(' ');
    return last == std::string::npos ? std::string() : word.substr(0, last + 1);
}

struct Branch {
    PushdownBranch branch;
    std::string predicate;
};

class QueryBuilder {
  public:
    QueryBuilder(const Step& step, const PushdownPlan& plan, const Dialect& dialect,
                 Timestamp as_of)
        : step_(step), plan_(plan), dialect_(dialect), as_of_(as_of) {}

    PushdownQuery build(const std::string& step_sql, size_t violations_kept);

  private:
    std::string code(size_t e);
    std::vector<Branch> rule_branches(const Expectation& expectation, size_t r);
    std::string number_predicate(const Rule& rule, const std::string& x);
    std::string words_predicate(const Expectation& expectation, const Rule& rule,
                                const std::string& x);
    std::vector<Branch> age_branches(const Expectation& expectation, size_t r, const std::string& x,
                                     ValueClass value_class);
    std::string undecided();
    std::string time_literal(std::int64_t epoch_seconds, bool date) const;
    std::string row_level(const std::string& step_sql);
    std::string group_level(const std::string& rows);
    std::string windows();
    std::string order_by();

    const Step& step_;
    const PushdownPlan& plan_;
    const Dialect& dialect_;
    Timestamp as_of_;
    PushdownQuery query_;
    std::vector<std::string> payload_;  // names of the offending row's columns
};

std::string value_of(const PlannedColumn& column) {
    return "q." + column.sql;
}

std::string QueryBuilder::number_predicate(const Rule& rule, const std::string& x) {
    const bool above = rule.kind == RuleKind::Above || rule.kind == RuleKind::AboveColumn;
    return x + (above ? " > " : " < ") + *exact_number_literal(rule.number_text);
}

// The client's word match (evaluate/word_list): trailing blanks cut, A-Z lowered
// unless case-sensitive, and "true"/"false" matching every spelling of a boolean.
std::string QueryBuilder::words_predicate(const Expectation& expectation, const Rule& rule,
                                          const std::string& x) {
    const auto& spell = dialect_.pushdown;
    const std::string trimmed = with_x(spell.rtrim_blanks, with_x(spell.as_text, x));
    const std::string lowered = with_x(spell.ascii_lower, trimmed);
    std::vector<std::string> words;
    bool has_true = false;
    bool has_false = false;
    for (const auto& word : rule.strings) {
        const std::string comparable = without_trailing_blanks(word);
        has_true = has_true || ascii_lower(comparable) == "true";
        has_false = has_false || ascii_lower(comparable) == "false";
        words.push_back(
            string_literal(expectation.case_sensitive ? comparable : ascii_lower(comparable)));
    }
    std::string listed =
        (expectation.case_sensitive ? trimmed : lowered) + " IN (" + join(words, ", ") + ")";
    if (has_true) listed += " OR " + lowered + " IN ('true', 't', '1')";
    if (has_false) listed += " OR " + lowered + " IN ('false', 'f', '0')";
    return rule.kind == RuleKind::EqualsAny ? "(" + listed + ")" : "NOT (" + listed + ")";
}

std::string QueryBuilder::time_literal(std::int64_t epoch_seconds, bool date) const {
    const Timestamp when{epoch_seconds, date};
    return date ? fill(dialect_.date_literal, "{value}", format_date(when))
                : fill(dialect_.timestamp_literal, "{value}", format_timestamp(when));
}

// A time ahead of the as-of time (beyond the tolerance) counts like an unknown value;
// one older than the rule's age breaches it. A date counts whole days.
std::vector<Branch> QueryBuilder::age_branches(const Expectation& expectation, size_t r,
                                               const std::string& x, ValueClass value_class) {
    const Rule& rule = expectation.rules[r];
    const Severity unknown =
        expectation.on_null == NullPolicy::Warn ? Severity::Warn : Severity::Fail;
    const std::int64_t age = std::chrono::duration_cast<std::chrono::seconds>(rule.age).count();
    if (value_class == ValueClass::Date) {
        const std::int64_t today = as_of_.epoch_day();
        return {{{BranchKind::Future, r, unknown},
                 x + " > " + time_literal(today * kSecondsPerDay, true)},
                {{BranchKind::Breach, r, rule.severity},
                 x + " < " + time_literal((today - age / kSecondsPerDay) * kSecondsPerDay, true)}};
    }
    // The client reads whole seconds: a fraction never tips a comparison of whole ones.
    return {{{BranchKind::Future, r, unknown},
             x + " >= " + time_literal(as_of_.epoch_seconds + kFutureToleranceSeconds + 1, false)},
            {{BranchKind::Breach, r, rule.severity},
             x + " < " + time_literal(as_of_.epoch_seconds - age, false)}};
}

std::vector<Branch> QueryBuilder::rule_branches(const Expectation& expectation, size_t r) {
    const Rule& rule = expectation.rules[r];
    const PlannedExpectation& planned =
        plan_.expectations[&expectation - step_.expectations.data()];
    const std::string x = value_of(planned.value);
    switch (rule.kind) {
        case RuleKind::Above:
        case RuleKind::Below:
            return {{{BranchKind::Breach, r, rule.severity}, number_predicate(rule, x)}};
        case RuleKind::AboveColumn:
        case RuleKind::BelowColumn: {
            const std::string y = value_of(*planned.others[r]);
            std::vector<Branch> branches;
            if (expectation.on_null != NullPolicy::Pass) {
                branches.push_back(
                    {{BranchKind::OtherNull, r,
                      expectation.on_null == NullPolicy::Warn ? Severity::Warn : Severity::Fail},
                     y + " IS NULL"});
            }
            const bool above = rule.kind == RuleKind::AboveColumn;
            branches.push_back(
                {{BranchKind::Breach, r, rule.severity}, x + (above ? " > " : " < ") + y});
            return branches;
        }
        case RuleKind::EqualsAny:
        case RuleKind::EqualsNone:
            return {
                {{BranchKind::Breach, r, rule.severity}, words_predicate(expectation, rule, x)}};
        case RuleKind::OlderThan:
            return age_branches(expectation, r, x, planned.value.value_class);
        case RuleKind::DropPct:
        case RuleKind::RisePct:
            break;  // never planned: pushdown_plan keeps rules against the history on the client
    }
    return {};
}

// The expectation's code: NULL first (the client checks no rule then), then every
// branch of a failing severity in the rules' order, then the warning ones.
std::string QueryBuilder::code(size_t e) {
    const Expectation& expectation = step_.expectations[e];
    const std::string x = value_of(plan_.expectations[e].value);
    std::vector<Branch> fails;
    std::vector<Branch> warns;
    for (size_t r = 0; r < expectation.rules.size(); ++r) {
        for (auto& branch : rule_branches(expectation, r)) {
            (branch.branch.severity == Severity::Fail ? fails : warns).push_back(std::move(branch));
        }
    }
    std::vector<PushdownBranch> branches;
    std::string sql = "CASE WHEN " + x + " IS NULL THEN ";
    if (expectation.on_null == NullPolicy::Pass) {
        sql += "0";
    } else {
        branches.push_back(
            {BranchKind::Null, 0,
             expectation.on_null == NullPolicy::Warn ? Severity::Warn : Severity::Fail});
        sql += "1";
    }
    for (const auto* group : {&fails, &warns}) {
        for (const auto& branch : *group) {
            branches.push_back(branch.branch);
            sql += "\n             WHEN " + branch.predicate + " THEN " +
                   std::to_string(branches.size());
        }
    }
    query_.branches.push_back(std::move(branches));
    return sql + "\n             ELSE 0 END";
}

// What the engine's SQL cannot decide as the client would (a text where a number is
// wanted, NaN, a time the client cannot read): any such row sends the step to the client.
std::string QueryBuilder::undecided() {
    const auto& spell = dialect_.pushdown;
    std::vector<std::string> doubts;
    const auto add = [&](std::string_view pattern, const PlannedColumn& column) {
        if (!pattern.empty()) doubts.push_back(with_x(pattern, value_of(column)));
    };
    for (size_t e = 0; e < step_.expectations.size(); ++e) {
        const auto& planned = plan_.expectations[e];
        for (size_t r = 0; r < step_.expectations[e].rules.size(); ++r) {
            switch (step_.expectations[e].rules[r].kind) {
                case RuleKind::AboveColumn:
                case RuleKind::BelowColumn:
                    add(spell.undecided_number, *planned.others[r]);
                    if (planned.others[r]->value_class == ValueClass::Decimal) {
                        add(spell.not_a_number, *planned.others[r]);
                    }
                    [[fallthrough]];
                case RuleKind::Above:
                case RuleKind::Below:
                    add(spell.undecided_number, planned.value);
                    if (planned.value.value_class == ValueClass::Decimal) {
                        add(spell.not_a_number, planned.value);
                    }
                    break;
                case RuleKind::EqualsAny:
                case RuleKind::EqualsNone:
                    add(spell.undecided_text, planned.value);
                    break;
                case RuleKind::OlderThan:
                    add(spell.undecided_time, planned.value);
                    break;
                case RuleKind::DropPct:
                case RuleKind::RisePct:
                    break;  // never planned (pushdown_plan)
            }
        }
    }
    if (doubts.empty()) return "0";
    return "CASE WHEN " + join(doubts, "\n               OR ") + " THEN 1 ELSE 0 END";
}

std::string QueryBuilder::row_level(const std::string& step_sql) {
    std::vector<std::string> columns;
    for (size_t e = 0; e < step_.expectations.size(); ++e) {
        columns.push_back(code(e) + " AS opsctl_e" + std::to_string(e + 1));
    }
    columns.push_back(undecided() + " AS opsctl_undecided");
    if (plan_.measure) {
        const std::string x = value_of(*plan_.measure);
        // An integer is always finite; the range test costs a numeric comparison per row.
        columns.push_back(plan_.measure->value_class == ValueClass::Integer
                              ? x + " AS opsctl_m"
                              : "CASE WHEN " + x + std::string(kFiniteRange) + " THEN " + x +
                                    " END AS opsctl_m");
    }
    const auto add_payload = [&](const PlannedColumn& column, const std::string& name) {
        columns.push_back(value_of(column) + " AS " + name);
        payload_.push_back(name);
    };
    for (size_t k = 0; k < plan_.key.size(); ++k) {
        add_payload(plan_.key[k], "opsctl_key_" + std::to_string(k + 1));
    }
    for (size_t s = 0; s < plan_.show.size(); ++s) {
        add_payload(plan_.show[s], "opsctl_show_" + std::to_string(s + 1));
    }
    for (size_t e = 0; e < plan_.expectations.size(); ++e) {
        const std::string number = std::to_string(e + 1);
        add_payload(plan_.expectations[e].value, "opsctl_value_" + number);
        for (size_t r = 0; r < plan_.expectations[e].others.size(); ++r) {
            if (const auto& other = plan_.expectations[e].others[r]) {
                add_payload(*other, "opsctl_other_" + number + "_" + std::to_string(r + 1));
            }
        }
    }
    return "SELECT " + join(columns, ",\n       ") + "\nFROM " + derived(step_sql) + " q";
}

std::string QueryBuilder::group_level(const std::string& rows) {
    std::vector<std::string> codes;
    for (size_t e = 0; e < step_.expectations.size(); ++e) {
        codes.push_back("r.opsctl_e" + std::to_string(e + 1) + " <> 0");
    }
    const std::string offending = join(codes, " OR ");
    std::vector<std::string> columns;
    for (size_t e = 0; e < step_.expectations.size(); ++e) {
        columns.push_back("r.opsctl_e" + std::to_string(e + 1));
    }
    columns.push_back("r.opsctl_undecided");
    for (const auto& name : payload_) {
        std::string payload = "CASE WHEN " + offending;
        payload += " THEN r." + name;
        payload += " END AS " + name;
        columns.push_back(std::move(payload));
    }
    std::vector<std::string> positions;
    for (size_t i = 1; i <= columns.size(); ++i) positions.push_back(std::to_string(i));
    columns.push_back("COUNT(*) AS opsctl_rows");
    if (plan_.measure) {
        columns.push_back(std::string(plan_.measure_above ? "MAX" : "MIN") +
                          "(r.opsctl_m) AS opsctl_measure");
    }
    return "SELECT " + join(columns, ",\n       ") + "\nFROM (\n" + rows + "\n) r\nGROUP BY " +
           join(positions, ", ");
}

// Totals over the groups, before the LIMIT: cheap, there are few of them.
std::string QueryBuilder::windows() {
    std::vector<std::string> columns{"g.*", "SUM(g.opsctl_rows) OVER () AS opsctl_total",
                                     "SUM(CASE WHEN g.opsctl_undecided = 1 THEN g.opsctl_rows "
                                     "ELSE 0 END) OVER () AS opsctl_undecided_rows"};
    for (size_t e = 0; e < query_.branches.size(); ++e) {
        const std::string number = std::to_string(e + 1);
        for (size_t c = 1; c <= query_.branches[e].size(); ++c) {
            const std::string code = std::to_string(c);
            std::string count = "SUM(CASE WHEN g.opsctl_e" + number;
            count += " = " + code;
            count += " THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_count_" + number;
            count += "_" + code;
            columns.push_back(std::move(count));
        }
    }
    if (plan_.measure) {
        columns.push_back(std::string(plan_.measure_above ? "MAX" : "MIN") +
                          "(g.opsctl_measure) OVER () AS opsctl_measure_all");
    }
    return "SELECT " + join(columns, ",\n       ");
}

// Healthy first, then by key and value as the bytes of their text: the client orders
// the violations it keeps the same way.
std::string QueryBuilder::order_by() {
    std::vector<std::string> healthy;
    for (size_t e = 0; e < step_.expectations.size(); ++e) {
        healthy.push_back("g.opsctl_e" + std::to_string(e + 1) + " = 0");
    }
    std::vector<std::string> terms{"CASE WHEN " + join(healthy, " AND ") + " THEN 0 ELSE 1 END"};
    for (const auto& name : payload_) {
        if (name.rfind("opsctl_show_", 0) == 0) continue;
        terms.push_back(with_x(dialect_.pushdown.byte_order, "g." + name) + " NULLS LAST");
    }
    return "ORDER BY " + join(terms, ",\n         ");
}

PushdownQuery QueryBuilder::build(const std::string& step_sql, size_t violations_kept) {
    if (step_.expectations.empty()) {
        query_.sql = "SELECT COUNT(*) AS opsctl_total\nFROM " + derived(step_sql) + " q";
        return query_;
    }
    const std::string rows = row_level(step_sql);
    const std::string groups = group_level(rows);
    // Each offending group is at least one violation; the healthy one comes first.
    query_.groups_kept = violations_kept + 1;
    query_.sql = windows() + "\nFROM (\n" + groups + "\n) g\n" + order_by() + "\nLIMIT " +
                 std::to_string(query_.groups_kept);
    return query_;
}

}  // namespace

PushdownQuery build_pushdown_query(const Step& step, const PushdownPlan& plan,
                                   const Dialect& dialect, const std::string& step_sql,
                                   Timestamp as_of, size_t violations_kept) {
    return QueryBuilder(step, plan, dialect, as_of).build(step_sql, violations_kept);
}

std::string column_probe_query(const std::string& step_sql) {
    return "SELECT *\nFROM " + derived(step_sql) + " q\nLIMIT 0";
}

std::string type_probe_query(const Dialect& dialect, const std::string& step_sql,
                             const std::vector<std::string>& names) {
    if (dialect.pushdown.type_of.empty() || names.empty()) return {};
    std::vector<std::string> types;
    for (const auto& name : names) {
        std::string quoted = "\"";
        for (const char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        types.push_back(with_x(dialect.pushdown.type_of, "q." + quoted + "\""));
    }
    // An outer join to an empty result: one row of typed NULLs, nothing scanned.
    return "SELECT " + join(types, ",\n       ") +
           "\nFROM (SELECT 1 AS opsctl_one) d\nLEFT JOIN (SELECT *\nFROM " + derived(step_sql) +
           " s\nLIMIT 0) q ON 1 = 1";
}

}  // namespace opsctl
