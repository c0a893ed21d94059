#include "opsctl/import/sql_predicates.h"

#include <array>

#include "opsctl/import/select_list.h"

namespace opsctl {

namespace {

constexpr std::array kClockWords = {"CURRENT_DATE",  "CURRENT_TIMESTAMP",
                                    "CURRENT_TIME",  "LOCALTIMESTAMP",
                                    "LOCALTIME",     "NOW",
                                    "GETDATE",       "GETUTCDATE",
                                    "SYSDATE",       "SYSTIMESTAMP",
                                    "SYSDATETIME",   "DATEADD",
                                    "DATE_ADD",      "DATE_SUB",
                                    "DATEDIFF",      "INTERVAL",
                                    "TODAY",         "CURDATE",
                                    "UTC_TIMESTAMP", "TIMESTAMPADD",
                                    "TIMESTAMPDIFF", "DATE_TRUNC",
                                    "TRUNC"};

std::optional<CompareOp> op_of(const SqlToken& token) {
    if (token.is(">")) return CompareOp::Greater;
    if (token.is("<")) return CompareOp::Less;
    if (token.is(">=")) return CompareOp::GreaterEqual;
    if (token.is("<=")) return CompareOp::LessEqual;
    if (token.is("=")) return CompareOp::Equal;
    if (token.is("<>") || token.is("!=")) return CompareOp::NotEqual;
    return std::nullopt;
}

CompareOp mirrored(CompareOp op) {
    switch (op) {
        case CompareOp::Greater:
            return CompareOp::Less;
        case CompareOp::Less:
            return CompareOp::Greater;
        case CompareOp::GreaterEqual:
            return CompareOp::LessEqual;
        case CompareOp::LessEqual:
            return CompareOp::GreaterEqual;
        default:
            return op;
    }
}

// A literal operand: a number (with its sign) or a string.
std::optional<std::pair<OperandKind, std::string>> literal_of(const std::vector<SqlToken>& tokens,
                                                              TokenRange range) {
    const size_t n = range.last - range.first;
    const SqlToken& first = tokens[range.first];
    if (n == 1 && first.kind == TokenKind::Number) return {{OperandKind::Number, first.text}};
    if (n == 2 && first.is("-") && tokens[range.first + 1].kind == TokenKind::Number) {
        return {{OperandKind::Number, "-" + tokens[range.first + 1].text}};
    }
    if (n == 1 && first.kind == TokenKind::String && first.text.front() == '\'') {
        return {{OperandKind::String, sql_string_value(first.text)}};
    }
    return std::nullopt;
}

bool is_identifier(const std::vector<SqlToken>& tokens, TokenRange range) {
    const size_t n = range.last - range.first;
    auto name = [&](size_t i) {
        return tokens[i].kind == TokenKind::Word || tokens[i].kind == TokenKind::QuotedIdentifier;
    };
    if (n == 1)
        return name(range.first) && !tokens[range.first].is_word("NULL") &&
               !tokens[range.first].is_word("TRUE") && !tokens[range.first].is_word("FALSE");
    return n == 3 && name(range.first) && tokens[range.first + 1].is(".") && name(range.first + 2);
}

std::optional<Comparison> list_comparison(std::string_view sql, const std::vector<SqlToken>& tokens,
                                          TokenRange left, size_t keyword, TokenRange range) {
    const bool negated = tokens[keyword].is_word("NOT");
    const size_t open = keyword + (negated ? 2 : 1);
    if (open >= range.last || !tokens[open].is("(") || !tokens[range.last - 1].is(")")) {
        return std::nullopt;
    }
    Comparison comparison;
    comparison.op = negated ? CompareOp::NotIn : CompareOp::In;
    comparison.left = text_of(sql, tokens, left.first, left.last);
    comparison.column = unqualified_name(sql, tokens, left.first, left.last);
    bool first_value = true;
    for (const TokenRange item : split_at_word(tokens, {open + 1, range.last - 1}, ",")) {
        const auto literal = literal_of(tokens, item);
        if (!literal) return std::nullopt;
        if (!first_value && literal->first != comparison.operand) return std::nullopt;
        comparison.operand = literal->first;
        comparison.values.push_back(literal->second);
        first_value = false;
    }
    if (comparison.values.empty()) return std::nullopt;
    return comparison;
}

}  // namespace

std::string_view to_string(CompareOp op) {
    switch (op) {
        case CompareOp::Greater:
            return ">";
        case CompareOp::Less:
            return "<";
        case CompareOp::GreaterEqual:
            return ">=";
        case CompareOp::LessEqual:
            return "<=";
        case CompareOp::Equal:
            return "=";
        case CompareOp::NotEqual:
            return "<>";
        case CompareOp::In:
            return "IN";
        case CompareOp::NotIn:
            return "NOT IN";
    }
    return "?";
}

TokenRange without_outer_parentheses(const std::vector<SqlToken>& tokens, TokenRange range) {
    while (range.last - range.first >= 2 && tokens[range.first].is("(") &&
           tokens[range.last - 1].is(")")) {
        // The parentheses must match each other, not "(a) OR (b)".
        const int depth = tokens[range.first].depth;
        bool wraps = true;
        for (size_t i = range.first + 1; i + 1 < range.last; ++i) {
            if (tokens[i].depth == depth) {
                wraps = false;
                break;
            }
        }
        if (!wraps) break;
        ++range.first;
        --range.last;
    }
    return range;
}

std::vector<TokenRange> split_at_word(const std::vector<SqlToken>& tokens, TokenRange range,
                                      std::string_view word) {
    std::vector<TokenRange> parts;
    if (range.first >= range.last) return parts;
    const int depth = tokens[range.first].depth;
    size_t start = range.first;
    bool in_between = false;
    for (size_t i = range.first; i < range.last; ++i) {
        const SqlToken& token = tokens[i];
        if (token.depth != depth) continue;
        if (token.is_word("BETWEEN")) in_between = true;
        const bool separator = word == "," ? token.is(",") : token.is_word(word);
        if (!separator) continue;
        if (word == "AND" && in_between) {
            in_between = false;
            continue;
        }
        parts.push_back({start, i});
        start = i + 1;
    }
    parts.push_back({start, range.last});
    return parts;
}

std::optional<Comparison> read_comparison(std::string_view sql, const std::vector<SqlToken>& tokens,
                                          TokenRange range) {
    range = without_outer_parentheses(tokens, range);
    if (range.first >= range.last) return std::nullopt;
    const int depth = tokens[range.first].depth;
    for (size_t i = range.first + 1; i < range.last; ++i) {
        if (tokens[i].depth != depth) continue;
        if (tokens[i].is_word("IN") ||
            (tokens[i].is_word("NOT") && i + 1 < range.last && tokens[i + 1].is_word("IN"))) {
            return list_comparison(sql, tokens, {range.first, i}, i, range);
        }
        const std::optional<CompareOp> op = op_of(tokens[i]);
        if (!op) continue;
        const TokenRange left{range.first, i};
        const TokenRange right{i + 1, range.last};
        if (right.first >= right.last) return std::nullopt;
        Comparison comparison;
        comparison.op = *op;
        TokenRange compared = left;
        auto literal = literal_of(tokens, right);
        if (!literal && (literal = literal_of(tokens, left))) {
            compared = right;
            comparison.op = mirrored(*op);
        }
        if (literal) {
            comparison.operand = literal->first;
            comparison.values.push_back(literal->second);
        } else if (is_identifier(tokens, right)) {
            comparison.operand = OperandKind::Column;
            comparison.values.push_back(unqualified_name(sql, tokens, right.first, right.last));
        } else {
            return std::nullopt;
        }
        if (literal_of(tokens, compared) || reads_clock(tokens, compared)) return std::nullopt;
        comparison.left = text_of(sql, tokens, compared.first, compared.last);
        comparison.column = unqualified_name(sql, tokens, compared.first, compared.last);
        return comparison;
    }
    return std::nullopt;
}

bool reads_clock(const std::vector<SqlToken>& tokens, TokenRange range) {
    for (size_t i = range.first; i < range.last; ++i) {
        for (const char* word : kClockWords) {
            if (tokens[i].is_word(word)) return true;
        }
    }
    return false;
}

}  // namespace opsctl
