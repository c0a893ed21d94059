#include "opsctl/runbook/statement_rule.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "opsctl/translate/sql_lexer.h"

namespace opsctl {

namespace {

constexpr std::array<std::string_view, 8> kReadingKeywords = {
    "SELECT", "WITH", "VALUES", "TABLE", "SHOW", "DESCRIBE", "DESC", "EXPLAIN"};

std::string upper(std::string_view text) {
    std::string word(text);
    for (auto& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return word;
}

bool is_blank(const Token& token) {
    return token.kind == TokenKind::Space || token.kind == TokenKind::Comment;
}

// EXPLAIN ANALYZE runs the statement it explains. Its options come right after
// EXPLAIN, as words (ANALYZE, VERBOSE) or a parenthesised list; ANALYZE (or ANALYSE)
// anywhere among them, whatever its value, is refused.
bool explains_with_analyze(std::string_view sql, const std::vector<Token>& tokens,
                           std::size_t after_explain) {
    int depth = 0;
    for (std::size_t i = after_explain; i < tokens.size(); ++i) {
        const Token& token = tokens[i];
        if (is_blank(token)) continue;
        const std::string_view text = sql.substr(token.begin, token.end - token.begin);
        if (token.kind == TokenKind::Punctuation && text == "(") {
            ++depth;
            continue;
        }
        if (token.kind == TokenKind::Punctuation && text == ")") {
            if (--depth <= 0) depth = 0;
            continue;
        }
        const std::string word = token.kind == TokenKind::Word ? upper(text) : std::string();
        if (word == "ANALYZE" || word == "ANALYSE") return true;
        if (depth == 0 && word != "VERBOSE") return false;  // the explained statement
    }
    return false;
}

}  // namespace

std::optional<std::string> refused_statement(std::string_view sql) {
    const std::vector<Token> tokens = lex_sql(sql);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& token = tokens[i];
        const std::string_view text = sql.substr(token.begin, token.end - token.begin);
        if (is_blank(token) || (token.kind == TokenKind::Punctuation && text == "(")) continue;
        const std::string keyword = token.kind == TokenKind::Word ? upper(text) : std::string();
        if (std::find(kReadingKeywords.begin(), kReadingKeywords.end(), keyword) ==
            kReadingKeywords.end()) {
            const std::string found =
                keyword.empty() ? "\"" + std::string(text.substr(0, 20)) + "\"" : keyword;
            return "a check only reads: its SQL starts with SELECT, WITH, VALUES, TABLE, "
                   "SHOW, DESCRIBE or EXPLAIN, not " +
                   found;
        }
        if (keyword == "EXPLAIN" && explains_with_analyze(sql, tokens, i + 1)) {
            return "a check only reads: EXPLAIN ANALYZE runs the statement it explains";
        }
        return std::nullopt;
    }
    return std::string("a check only reads: its SQL holds no statement");
}

}  // namespace opsctl
