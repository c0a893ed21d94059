#pragma once
// SQL as the importer reads it: the translate lexer's tokens without blanks and
// comments, two-character operators (`>=`, `<=`, `<>`, `!=`) joined, each with its
// parenthesis depth, so that clauses are found at the top level of a statement and
// never inside a string, a comment or a subquery.

#include <string>
#include <string_view>
#include <vector>

#include "opsctl/translate/sql_lexer.h"

namespace opsctl {

struct SqlToken {
    TokenKind kind;
    std::string text;  // as written
    size_t begin = 0;  // offsets into the statement
    size_t end = 0;
    int depth = 0;  // parentheses open before it; '(' and ')' carry the outer depth

    bool is_word(std::string_view upper_case_word) const;  // a keyword, any case
    bool is(std::string_view punctuation) const;           // "(", ",", ">=", ...
};

std::vector<SqlToken> significant_tokens(std::string_view sql);

// The value of a string literal token as written ('it''s' -> it's).
std::string sql_string_value(const std::string& literal);

// One statement of a ```sql block, with the comment written above it.
struct SqlStatement {
    std::string text;     // without the comments above it and without its ';'
    std::string comment;  // the comment lines right above it, without "--" or "/* */"
    size_t line = 0;      // the block-relative line (0-based) of its first token
};

// The statements of `block` split at top-level ';' (the lexer's), each with the
// comment right above it as its title.
std::vector<SqlStatement> split_statements(std::string_view block);

// `sql` on one line: every run of blanks outside strings and comments one space (a
// line comment keeps its newline), and no blanks at the ends.
std::string one_line_sql(std::string_view sql);

// A token range's source text: from tokens[first].begin to tokens[last - 1].end.
std::string text_of(std::string_view sql, const std::vector<SqlToken>& tokens, size_t first,
                    size_t last);

}  // namespace opsctl
