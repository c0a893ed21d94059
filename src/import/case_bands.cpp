#include "opsctl/import/case_bands.h"

#include <optional>

#include "opsctl/core/ascii_case.h"
#include "opsctl/import/select_list.h"
#include "opsctl/import/sql_predicates.h"
#include "opsctl/import/verdict_words.h"

namespace opsctl {

namespace {

using nlohmann::json;

struct Band {
    Comparison when;
    std::string label;
    WordVerdict verdict = WordVerdict::Unknown;
};

struct CaseExpression {
    std::vector<Band> bands;
    std::optional<std::string> else_label;
    WordVerdict else_verdict = WordVerdict::Unknown;
};

int rank(WordVerdict verdict) {
    switch (verdict) {
        case WordVerdict::Healthy:
            return 0;
        case WordVerdict::Warning:
            return 1;
        case WordVerdict::Problem:
            return 2;
        case WordVerdict::Unknown:
            return -1;
    }
    return -1;
}

std::string severity(WordVerdict verdict) {
    return verdict == WordVerdict::Problem ? "fail" : "warn";
}

// CASE WHEN cond THEN 'label' ... [ELSE 'label'] END, each cond one comparison.
std::optional<CaseExpression> case_of(std::string_view sql, const std::vector<SqlToken>& tokens,
                                      const SelectItem& item) {
    if (item.last <= item.first || !tokens[item.first].is_word("CASE")) return std::nullopt;
    const int depth = tokens[item.first].depth;
    CaseExpression expression;
    size_t i = item.first + 1;
    while (i < item.last && tokens[i].is_word("WHEN")) {
        size_t then = i + 1;
        while (then < item.last && !(tokens[then].depth == depth && tokens[then].is_word("THEN"))) {
            ++then;
        }
        if (then + 1 >= item.last || tokens[then + 1].kind != TokenKind::String) {
            return std::nullopt;
        }
        const auto when = read_comparison(sql, tokens, {i + 1, then});
        if (!when) return std::nullopt;
        Band band{*when, sql_string_value(tokens[then + 1].text), WordVerdict::Unknown};
        band.verdict = verdict_of_word(band.label);
        expression.bands.push_back(band);
        i = then + 2;
    }
    if (i + 1 < item.last && tokens[i].is_word("ELSE") && tokens[i + 1].kind == TokenKind::String) {
        expression.else_label = sql_string_value(tokens[i + 1].text);
        expression.else_verdict = verdict_of_word(*expression.else_label);
        i += 2;
    }
    if (expression.bands.empty() || i >= item.last || !tokens[i].is_word("END")) {
        return std::nullopt;
    }
    return expression;
}

bool same_column(const CaseExpression& expression) {
    for (const Band& band : expression.bands) {
        if (band.when.column.empty() ||
            !equals_ignoring_ascii_case(band.when.column, expression.bands[0].when.column) ||
            band.when.op != expression.bands[0].when.op) {
            return false;
        }
    }
    return true;
}

json operand_value(const Comparison& when) {
    if (when.operand == OperandKind::Column) return when.values[0];
    try {
        return json::parse(when.values[0]);
    } catch (const json::exception&) {
        return when.values[0];
    }
}

double number_of(const Comparison& when) {
    return std::stod(when.values[0]);
}

// Exact rules on the compared column, or nullopt when the bands do not allow them:
// `<=` rising bands leave band i at `x > Ti` (a *_above rule of the next band's
// severity), `>=` falling bands at `x < Ti`; `>` falling and `<` rising bands name the
// worse region themselves.
std::optional<std::vector<json>> boundary_rules(const CaseExpression& expression) {
    const std::vector<Band>& bands = expression.bands;
    const CompareOp op = bands[0].when.op;
    const bool leaving = op == CompareOp::LessEqual || op == CompareOp::GreaterEqual;
    const bool entering = op == CompareOp::Greater || op == CompareOp::Less;
    if (!leaving && !entering) return std::nullopt;
    const bool column_operand = bands[0].when.operand == OperandKind::Column;
    if (column_operand && bands.size() != 1) return std::nullopt;
    if (!column_operand) {
        for (const Band& band : bands) {
            if (band.when.operand != OperandKind::Number) return std::nullopt;
        }
        // Bounds must move the way the bands are tested: rising for <= and <.
        const bool rising = op == CompareOp::LessEqual || op == CompareOp::Less;
        for (size_t i = 1; i < bands.size(); ++i) {
            const double a = number_of(bands[i - 1].when), b = number_of(bands[i].when);
            if (rising ? !(b > a) : !(b < a)) return std::nullopt;
        }
    }
    std::vector<int> ranks;
    for (const Band& band : bands) ranks.push_back(rank(band.verdict));
    ranks.push_back(rank(expression.else_verdict));
    const bool above = op == CompareOp::LessEqual || op == CompareOp::Greater;
    std::string suffix = above ? "_above" : "_below";
    if (column_operand) suffix += "_column";
    std::vector<json> rules;
    for (size_t i = 0; i + 1 < ranks.size(); ++i) {
        // leaving: severities rise band after band; entering: they fall.
        if (leaving ? ranks[i + 1] < ranks[i] : ranks[i + 1] > ranks[i]) return std::nullopt;
        const int worse = leaving ? ranks[i + 1] : ranks[i];
        const int better = leaving ? ranks[i] : ranks[i + 1];
        if (worse == better) continue;
        const WordVerdict verdict = worse == 2 ? WordVerdict::Problem : WordVerdict::Warning;
        rules.push_back(json{{severity(verdict) + suffix, operand_value(bands[i].when)}});
    }
    return rules;
}

std::string rules_text(const std::string& column, const std::vector<json>& rules) {
    std::string text;
    for (const json& rule : rules) {
        text += (text.empty() ? "" : ", ") + column + " " + rule.begin().key() + " " +
                rule.begin().value().dump();
    }
    return text;
}

class BandReader {
  public:
    explicit BandReader(std::string_view sql)
        : sql_(sql), tokens_(significant_tokens(sql)), shape_(describe_select(sql, tokens_)) {}

    BandReading read() {
        for (const SelectItem& item : shape_.items) read_item(item);
        return std::move(reading_);
    }

  private:
    void read_item(const SelectItem& item) {
        const std::optional<CaseExpression> expression = case_of(sql_, tokens_, item);
        if (!expression) return;
        const std::string name = item.output.empty() ? "a CASE" : item.output;
        if (!expression->else_label) {
            reading_.not_inferred.push_back("CASE " + name +
                                            " has no ELSE: rows outside every band get NULL, "
                                            "no rule inferred");
            return;
        }
        for (const Band& band : expression->bands) {
            if (band.verdict == WordVerdict::Unknown) {
                return unknown_label(name, band.label);
            }
        }
        if (expression->else_verdict == WordVerdict::Unknown) {
            return unknown_label(name, *expression->else_label);
        }
        const std::string column = expression->bands[0].when.column;
        const SelectItem* compared = shape_.item_named(column);
        if (same_column(*expression) && (compared || shape_.has_star())) {
            if (const auto rules = boundary_rules(*expression)) {
                return add(compared ? compared->output : column, *rules, name, "its boundaries");
            }
        }
        label_rules(item, *expression, name);
    }

    void unknown_label(const std::string& name, const std::string& label) {
        reading_.not_inferred.push_back("CASE " + name + ": band '" + label +
                                        "' is not a status word, no rule inferred");
    }

    void label_rules(const SelectItem& item, const CaseExpression& expression,
                     const std::string& name) {
        if (item.output.empty()) {
            reading_.not_inferred.push_back(
                "CASE bands without a column name (AS ...): no rule inferred");
            return;
        }
        json problems = json::array(), warnings = json::array();
        auto sort = [&](const std::string& label, WordVerdict verdict) {
            if (verdict == WordVerdict::Problem) problems.push_back(label);
            if (verdict == WordVerdict::Warning) warnings.push_back(label);
        };
        for (const Band& band : expression.bands) sort(band.label, band.verdict);
        sort(*expression.else_label, expression.else_verdict);
        std::vector<json> rules;
        if (!warnings.empty()) rules.push_back(json{{"warn_if", warnings}});
        if (!problems.empty()) rules.push_back(json{{"fail_if", problems}});
        add(item.output, rules, name, "its band names (its boundaries have no exact rule)");
    }

    void add(const std::string& column, const std::vector<json>& rules, const std::string& name,
             const std::string& from) {
        if (rules.empty()) return;
        for (const json& rule : rules) reading_.rules.emplace_back(column, rule);
        reading_.inferred.push_back("CASE " + name + " bands became " + rules_text(column, rules) +
                                    ", from " + from);
    }

    std::string_view sql_;
    std::vector<SqlToken> tokens_;
    SelectShape shape_;
    BandReading reading_;
};

}  // namespace

BandReading read_case_bands(std::string_view sql) {
    return BandReader(sql).read();
}

}  // namespace opsctl
