#include "opsctl/translate/sql_lexer.h"

#include <cctype>

namespace opsctl {

namespace {

bool is_word_start(unsigned char c) {
    return std::isalpha(c) || c == '_' || c >= 0x80;
}
bool is_word_char(unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

// End of a quoted run starting at `pos` (the opening quote); doubled quotes escape.
size_t quoted_end(std::string_view sql, size_t pos, char quote, bool backslash_escapes) {
    size_t i = pos + 1;
    while (i < sql.size()) {
        if (backslash_escapes && sql[i] == '\\') {
            i += 2;
            continue;
        }
        if (sql[i] == quote) {
            if (i + 1 < sql.size() && sql[i + 1] == quote) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        ++i;
    }
    return sql.size();
}

// End of a "/* ... */" comment starting at `pos`. Comments nest, as in PostgreSQL:
// "/* /* */ ' */" is one comment, and the quote inside it is no string.
size_t block_comment_end(std::string_view sql, size_t pos) {
    int depth = 0;
    size_t i = pos;
    while (i + 1 < sql.size()) {
        if (sql[i] == '/' && sql[i + 1] == '*') {
            ++depth;
            i += 2;
        } else if (sql[i] == '*' && sql[i + 1] == '/') {
            i += 2;
            if (--depth == 0) return i;
        } else {
            ++i;
        }
    }
    return sql.size();
}

// An E'...' (escape string) prefix: the E alone, right before the quote.
bool is_escape_string_prefix(std::string_view sql, size_t pos, size_t word_end) {
    return word_end == pos + 1 && (sql[pos] == 'E' || sql[pos] == 'e') && word_end < sql.size() &&
           sql[word_end] == '\'';
}

// "$$...$$" or "$tag$...$tag$"; returns `pos` when this is not a dollar quote. A tag
// is an identifier: "$1" is a parameter, not the start of a quote.
size_t dollar_quoted_end(std::string_view sql, size_t pos) {
    if (pos + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[pos + 1]))) return pos;
    size_t tag_end = pos + 1;
    // Tag letters are those of an identifier, non-ASCII ones included ("$é$").
    while (tag_end < sql.size() && sql[tag_end] != '$' &&
           is_word_char(static_cast<unsigned char>(sql[tag_end]))) {
        ++tag_end;
    }
    if (tag_end >= sql.size() || sql[tag_end] != '$') return pos;
    const std::string_view tag = sql.substr(pos, tag_end - pos + 1);
    const size_t close = sql.find(tag, tag_end + 1);
    return close == std::string_view::npos ? sql.size() : close + tag.size();
}

}  // namespace

std::vector<Token> lex_sql(std::string_view sql, LexOptions options) {
    std::vector<Token> tokens;
    size_t pos = 0;
    while (pos < sql.size()) {
        const auto c = static_cast<unsigned char>(sql[pos]);
        const char next = pos + 1 < sql.size() ? sql[pos + 1] : '\0';
        size_t end = pos + 1;
        TokenKind kind = TokenKind::Punctuation;
        if (std::isspace(c)) {
            kind = TokenKind::Space;
            while (end < sql.size() && std::isspace(static_cast<unsigned char>(sql[end]))) ++end;
        } else if (c == '-' && next == '-') {
            kind = TokenKind::Comment;
            end = sql.find('\n', pos);
            end = end == std::string_view::npos ? sql.size() : end;
        } else if (c == '/' && next == '*') {
            kind = TokenKind::Comment;
            end = block_comment_end(sql, pos);
        } else if (c == '\'') {
            kind = TokenKind::String;
            end = quoted_end(sql, pos, '\'', options.backslash_escapes);
        } else if (c == '"' || c == '`') {
            kind = TokenKind::QuotedIdentifier;
            end = quoted_end(sql, pos, static_cast<char>(c), false);
        } else if (c == '$' && dollar_quoted_end(sql, pos) != pos) {
            kind = TokenKind::String;
            end = dollar_quoted_end(sql, pos);
        } else if (std::isdigit(c) ||
                   (c == '.' && std::isdigit(static_cast<unsigned char>(next)))) {
            kind = TokenKind::Number;
            while (end < sql.size() &&
                   (std::isalnum(static_cast<unsigned char>(sql[end])) || sql[end] == '.')) {
                ++end;
            }
        } else if (is_word_start(c)) {
            kind = TokenKind::Word;
            while (end < sql.size() && is_word_char(static_cast<unsigned char>(sql[end]))) ++end;
            if (is_escape_string_prefix(sql, pos, end)) {
                // Backslashes escape in E'...', so E'\'' holds a quote and goes on.
                kind = TokenKind::String;
                end = quoted_end(sql, end, '\'', true);
            }
        }
        tokens.push_back({kind, pos, end});
        pos = end;
    }
    return tokens;
}

bool has_several_statements(std::string_view sql) {
    bool after_semicolon = false;
    for (const Token& token : lex_sql(sql)) {
        if (token.kind == TokenKind::Space || token.kind == TokenKind::Comment) continue;
        const bool semicolon = token.kind == TokenKind::Punctuation && sql[token.begin] == ';';
        if (after_semicolon && !semicolon) return true;
        if (semicolon) after_semicolon = true;
    }
    return false;
}

std::string_view first_statement(std::string_view sql) {
    std::string_view statement = sql;
    for (const Token& token : lex_sql(sql)) {
        if (token.kind == TokenKind::Punctuation && sql[token.begin] == ';') {
            statement = sql.substr(0, token.begin);
            break;
        }
    }
    while (!statement.empty() && std::isspace(static_cast<unsigned char>(statement.back()))) {
        statement.remove_suffix(1);
    }
    return statement;
}

std::string leading_keyword(std::string_view sql) {
    for (const Token& token : lex_sql(sql)) {
        if (token.kind == TokenKind::Space || token.kind == TokenKind::Comment) continue;
        if (token.kind == TokenKind::Punctuation && sql[token.begin] == '(') continue;
        if (token.kind != TokenKind::Word) return {};
        std::string word(sql.substr(token.begin, token.end - token.begin));
        for (auto& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return word;
    }
    return {};
}

}  // namespace opsctl
