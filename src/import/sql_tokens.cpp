#include "opsctl/import/sql_tokens.h"

#include "opsctl/core/ascii_case.h"

namespace opsctl {

namespace {

bool joins(char first, char second) {
    return (first == '>' && second == '=') || (first == '<' && second == '=') ||
           (first == '<' && second == '>') || (first == '!' && second == '=') ||
           (first == ':' && second == ':') || (first == '|' && second == '|');
}

// The comment's text without its markers: "-- Check x" -> "Check x".
std::string comment_text(std::string_view comment) {
    if (comment.substr(0, 2) == "--") {
        comment.remove_prefix(2);
    } else if (comment.substr(0, 2) == "/*") {
        comment.remove_prefix(2);
        if (comment.size() >= 2 && comment.substr(comment.size() - 2) == "*/") {
            comment.remove_suffix(2);
        }
    }
    while (!comment.empty() && (comment.front() == ' ' || comment.front() == '-')) {
        comment.remove_prefix(1);
    }
    while (!comment.empty() && (comment.back() == ' ' || comment.back() == '\t')) {
        comment.remove_suffix(1);
    }
    return std::string(comment);
}

size_t lines_before(std::string_view text, size_t offset) {
    size_t lines = 0;
    for (size_t i = 0; i < offset && i < text.size(); ++i) lines += text[i] == '\n';
    return lines;
}

}  // namespace

bool SqlToken::is_word(std::string_view upper_case_word) const {
    return kind == TokenKind::Word && equals_ignoring_ascii_case(text, upper_case_word);
}

bool SqlToken::is(std::string_view punctuation) const {
    return kind == TokenKind::Punctuation && text == punctuation;
}

std::vector<SqlToken> significant_tokens(std::string_view sql) {
    std::vector<SqlToken> tokens;
    int depth = 0;
    for (const Token& token : lex_sql(sql)) {
        if (token.kind == TokenKind::Space || token.kind == TokenKind::Comment) continue;
        const std::string text(sql.substr(token.begin, token.end - token.begin));
        if (token.kind == TokenKind::Punctuation && !tokens.empty() &&
            tokens.back().kind == TokenKind::Punctuation && tokens.back().end == token.begin &&
            tokens.back().text.size() == 1 && joins(tokens.back().text[0], text[0])) {
            tokens.back().text += text;
            tokens.back().end = token.end;
            continue;
        }
        if (token.kind == TokenKind::Punctuation && text == ")") --depth;
        tokens.push_back({token.kind, text, token.begin, token.end, depth});
        if (token.kind == TokenKind::Punctuation && text == "(") ++depth;
    }
    return tokens;
}

std::vector<SqlStatement> split_statements(std::string_view block) {
    std::vector<SqlStatement> statements;
    SqlStatement current;
    std::vector<std::string> comments;  // the comment lines since the last statement
    bool blank_line_after_comment = false;
    size_t start = std::string::npos;
    size_t end = 0;
    auto finish = [&] {
        if (start != std::string::npos) {
            current.text = std::string(block.substr(start, end - start));
            statements.push_back(current);
        }
        current = SqlStatement{};
        start = std::string::npos;
        comments.clear();
    };
    int depth = 0;
    for (const Token& token : lex_sql(block)) {
        const std::string_view text = block.substr(token.begin, token.end - token.begin);
        if (start == std::string::npos) {
            if (token.kind == TokenKind::Comment) {
                if (blank_line_after_comment) comments.clear();
                comments.push_back(comment_text(text));
                blank_line_after_comment = false;
                continue;
            }
            if (token.kind == TokenKind::Space) {
                // A blank line between a comment and the statement detaches it.
                if (lines_before(text, text.size()) >= 2) blank_line_after_comment = true;
                continue;
            }
            if (token.kind == TokenKind::Punctuation && text == ";") continue;
            start = token.begin;
            current.line = lines_before(block, token.begin);
            if (!blank_line_after_comment) {
                for (const std::string& line : comments) {
                    current.comment += (current.comment.empty() ? "" : " ") + line;
                }
            }
            blank_line_after_comment = false;
        }
        if (token.kind == TokenKind::Punctuation && text == "(") ++depth;
        if (token.kind == TokenKind::Punctuation && text == ")") --depth;
        if (token.kind == TokenKind::Punctuation && text == ";" && depth <= 0) {
            finish();
            depth = 0;
            continue;
        }
        if (token.kind != TokenKind::Space && token.kind != TokenKind::Comment) end = token.end;
    }
    finish();
    return statements;
}

std::string one_line_sql(std::string_view sql) {
    std::string out;
    const std::vector<Token> tokens = lex_sql(sql);
    for (size_t i = 0; i < tokens.size(); ++i) {
        const Token& token = tokens[i];
        const std::string_view text = sql.substr(token.begin, token.end - token.begin);
        if (token.kind != TokenKind::Space) {
            out += text;
            continue;
        }
        if (out.empty() || i + 1 == tokens.size()) continue;
        const Token& previous = tokens[i - 1];
        const bool after_line_comment =
            previous.kind == TokenKind::Comment && sql.substr(previous.begin, 2) == "--";
        out += after_line_comment ? '\n' : ' ';
    }
    return out;
}

std::string text_of(std::string_view sql, const std::vector<SqlToken>& tokens, size_t first,
                    size_t last) {
    if (first >= last) return {};
    return std::string(sql.substr(tokens[first].begin, tokens[last - 1].end - tokens[first].begin));
}

std::string sql_string_value(const std::string& literal) {
    std::string out;
    for (size_t i = 1; i + 1 < literal.size(); ++i) {
        out += literal[i];
        if (literal[i] == '\'' && literal[i + 1] == '\'') ++i;
    }
    return out;
}

}  // namespace opsctl
