#include "opsctl/import/select_list.h"

#include <array>

#include "opsctl/core/ascii_case.h"

namespace opsctl {

namespace {

constexpr std::array kClauseWords = {"FROM",   "WHERE",   "GROUP",  "HAVING", "ORDER",
                                     "LIMIT",  "QUALIFY", "WINDOW", "UNION",  "INTERSECT",
                                     "EXCEPT", "FETCH",   "OFFSET"};
constexpr std::array kNotAliases = {"END",
                                    "NULL",
                                    "TRUE",
                                    "FALSE",
                                    "AND",
                                    "OR",
                                    "NOT",
                                    "THEN",
                                    "ELSE",
                                    "DISTINCT",
                                    "ALL",
                                    "CURRENT_DATE",
                                    "CURRENT_TIMESTAMP"};
constexpr std::array kAggregates = {"COUNT", "SUM", "AVG", "MIN", "MAX"};

template <size_t N>
bool is_any_word(const SqlToken& token, const std::array<const char*, N>& words) {
    for (const char* word : words) {
        if (token.is_word(word)) return true;
    }
    return false;
}

bool is_clause_start(const SqlToken& token) {
    return token.depth == 0 && is_any_word(token, kClauseWords);
}

size_t clause_end(const std::vector<SqlToken>& tokens, size_t from) {
    size_t i = from;
    while (i < tokens.size() && !is_clause_start(tokens[i])) ++i;
    return i;
}

std::string unquoted(const SqlToken& token) {
    if (token.kind == TokenKind::QuotedIdentifier && token.text.size() >= 2) {
        return token.text.substr(1, token.text.size() - 2);
    }
    return token.text;
}

bool is_name_token(const SqlToken& token) {
    return token.kind == TokenKind::Word || token.kind == TokenKind::QuotedIdentifier;
}

// Without blanks and in lower case: "AVG( x )" and "avg(x)" are one expression.
std::string squeezed(std::string_view text) {
    std::string out;
    for (const char c : ascii_lower(text)) {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
    }
    return out;
}

bool case_of_strings(const std::vector<SqlToken>& tokens, size_t first, size_t last) {
    if (first >= last || !tokens[first].is_word("CASE")) return false;
    const int depth = tokens[first].depth;
    bool any = false;
    for (size_t i = first; i + 1 < last; ++i) {
        if (tokens[i].depth != depth) continue;
        if (tokens[i].is_word("THEN") || tokens[i].is_word("ELSE")) {
            if (tokens[i + 1].kind != TokenKind::String) return false;
            any = true;
        }
    }
    return any;
}

bool has_aggregate(const std::vector<SqlToken>& tokens, size_t first, size_t last) {
    bool found = false;
    for (size_t i = first; i + 1 < last; ++i) {
        if (is_any_word(tokens[i], kAggregates) && tokens[i + 1].is("(")) found = true;
        if (tokens[i].is_word("OVER")) return false;  // a window function keeps every row
    }
    return found;
}

SelectItem item_of(std::string_view sql, const std::vector<SqlToken>& tokens, size_t first,
                   size_t last) {
    SelectItem item;
    size_t expression_end = last;
    if (last - first >= 3 && tokens[last - 2].is_word("AS") && is_name_token(tokens[last - 1])) {
        item.output = unquoted(tokens[last - 1]);
        expression_end = last - 2;
    } else if (last - first >= 2 && is_name_token(tokens[last - 1]) &&
               !is_any_word(tokens[last - 1], kNotAliases) &&
               (tokens[last - 2].is(")") || is_name_token(tokens[last - 2]) ||
                tokens[last - 2].kind == TokenKind::String ||
                tokens[last - 2].kind == TokenKind::Number) &&
               !tokens[last - 2].is_word("CASE")) {
        item.output = unquoted(tokens[last - 1]);
        expression_end = last - 1;
    } else {
        item.output = unqualified_name(sql, tokens, first, last);
    }
    item.first = first;
    item.last = expression_end;
    item.expression = text_of(sql, tokens, first, expression_end);
    item.star = tokens[expression_end - 1].is("*") &&
                (expression_end - first == 1 || tokens[expression_end - 2].is("."));
    if (item.star) item.output.clear();
    item.text_value = (expression_end - first == 1 && tokens[first].kind == TokenKind::String) ||
                      case_of_strings(tokens, first, expression_end);
    item.aggregate = has_aggregate(tokens, first, expression_end);
    return item;
}

std::vector<SelectItem> items_of(std::string_view sql, const std::vector<SqlToken>& tokens,
                                 size_t first, size_t last) {
    while (first < last && (tokens[first].is_word("DISTINCT") || tokens[first].is_word("ALL"))) {
        ++first;
    }
    std::vector<SelectItem> items;
    size_t start = first;
    for (size_t i = first; i <= last; ++i) {
        if (i == last || (tokens[i].depth == 0 && tokens[i].is(","))) {
            if (i > start) items.push_back(item_of(sql, tokens, start, i));
            start = i + 1;
        }
    }
    return items;
}

std::optional<Clause> clause_at(const std::vector<SqlToken>& tokens, size_t keyword, size_t words) {
    Clause clause;
    clause.keyword = keyword;
    clause.body = keyword + words;
    clause.end = clause_end(tokens, clause.body);
    return clause;
}

void read_group_outputs(std::string_view sql, const std::vector<SqlToken>& tokens,
                        SelectShape& shape) {
    const Clause& group = *shape.group_by;
    size_t start = group.body;
    for (size_t i = group.body; i <= group.end; ++i) {
        if (i < group.end && !(tokens[i].depth == 0 && tokens[i].is(","))) continue;
        if (i == start + 1 && tokens[start].kind == TokenKind::Number) {
            const size_t position = std::stoul(tokens[start].text);
            if (position >= 1 && position <= shape.items.size()) {
                shape.group_outputs.push_back(shape.items[position - 1].output);
            }
        } else if (i > start) {
            const std::string expression = text_of(sql, tokens, start, i);
            if (const SelectItem* item = shape.item_computing(expression)) {
                shape.group_outputs.push_back(item->output);
            } else if (const SelectItem* named =
                           shape.item_named(unqualified_name(sql, tokens, start, i))) {
                shape.group_outputs.push_back(named->output);
            }
        }
        start = i + 1;
    }
}

}  // namespace

bool SelectShape::has_star() const {
    for (const SelectItem& item : items) {
        if (item.star) return true;
    }
    return false;
}

bool SelectShape::has_aggregate() const {
    for (const SelectItem& item : items) {
        if (item.aggregate) return true;
    }
    return false;
}

const SelectItem* SelectShape::item_named(std::string_view column) const {
    if (column.empty()) return nullptr;
    for (const SelectItem& item : items) {
        if (equals_ignoring_ascii_case(item.output, column)) return &item;
    }
    return nullptr;
}

const SelectItem* SelectShape::item_computing(std::string_view expression) const {
    const std::string wanted = squeezed(expression);
    for (const SelectItem& item : items) {
        if (squeezed(item.expression) == wanted) return &item;
    }
    return nullptr;
}

std::string unqualified_name(std::string_view sql, const std::vector<SqlToken>& tokens,
                             size_t first, size_t last) {
    static_cast<void>(sql);
    if (last == first + 1 && is_name_token(tokens[first])) return unquoted(tokens[first]);
    if (last == first + 3 && is_name_token(tokens[first]) && tokens[first + 1].is(".") &&
        is_name_token(tokens[first + 2])) {
        return unquoted(tokens[first + 2]);
    }
    return {};
}

SelectShape describe_select(std::string_view sql, const std::vector<SqlToken>& tokens) {
    SelectShape shape;
    shape.from = tokens.size();
    size_t select = tokens.size();
    for (size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i].depth != 0) continue;
        if (tokens[i].is_word("UNION") || tokens[i].is_word("INTERSECT") ||
            tokens[i].is_word("EXCEPT")) {
            shape.set_operation = true;
        }
        if (select == tokens.size() && tokens[i].is_word("SELECT")) select = i;
    }
    if (select == tokens.size()) return shape;
    shape.found = true;
    const size_t items_end = clause_end(tokens, select + 1);
    shape.items = items_of(sql, tokens, select + 1, items_end);
    shape.items_end = items_end;
    for (size_t i = items_end; i < tokens.size(); ++i) {
        if (tokens[i].depth != 0) continue;
        if (tokens[i].is_word("FROM") && shape.from == tokens.size()) shape.from = i;
        if (tokens[i].is_word("WHERE") && !shape.where) shape.where = clause_at(tokens, i, 1);
        if (tokens[i].is_word("GROUP") && i + 1 < tokens.size() && tokens[i + 1].is_word("BY") &&
            !shape.group_by) {
            shape.group_by = clause_at(tokens, i, 2);
        }
        if (tokens[i].is_word("HAVING") && !shape.having) shape.having = clause_at(tokens, i, 1);
    }
    if (shape.group_by) read_group_outputs(sql, tokens, shape);
    return shape;
}

}  // namespace opsctl
