#pragma once
// Splits SQL text into tokens just far enough to rewrite function calls safely:
// string literals, quoted identifiers, dollar-quoted bodies and comments are single
// tokens, so nothing inside them is ever mistaken for SQL.

#include <string>
#include <string_view>
#include <vector>

namespace opsctl {

enum class TokenKind { Word, QuotedIdentifier, String, Number, Comment, Space, Punctuation };

struct Token {
    TokenKind kind;
    size_t begin;  // offsets into the lexed text
    size_t end;
};

struct LexOptions {
    bool backslash_escapes = false;  // Snowflake strings treat \' as an escaped quote
};

// Never fails: an unterminated string or comment runs to the end of the text.
std::vector<Token> lex_sql(std::string_view sql, LexOptions options = {});

// True when `sql` holds more than one statement (anything but comments and
// whitespace after a top-level ';'). A step runs exactly one statement: a second
// one could end the read-only transaction the first runs in.
bool has_several_statements(std::string_view sql);

// The text before the first top-level ';' with the blanks at its end removed: the
// statement a driver can wrap or prepare, without what follows it (comments only,
// once has_several_statements is false).
std::string_view first_statement(std::string_view sql);

// The first keyword of the statement, upper-cased ("SELECT", "WITH", ...), skipping
// comments and opening parentheses; empty when there is none.
std::string leading_keyword(std::string_view sql);

}  // namespace opsctl
