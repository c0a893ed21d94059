#pragma once
// The predicates of a WHERE, HAVING or CASE WHEN, read from tokens: conditions split
// at their top-level AND or OR (a BETWEEN's AND stays inside), and one comparison of a
// column with a number, a string, a list or another column, in either order.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "opsctl/import/sql_tokens.h"

namespace opsctl {

enum class CompareOp { Greater, Less, GreaterEqual, LessEqual, Equal, NotEqual, In, NotIn };
enum class OperandKind { Number, String, Column };

std::string_view to_string(CompareOp op);

struct Comparison {
    std::string left;    // the compared side as written: an identifier or an expression
    std::string column;  // the identifier without qualifier or quotes; empty for an expression
    CompareOp op = CompareOp::Equal;
    OperandKind operand = OperandKind::Number;
    std::vector<std::string> values;  // numbers as written, strings unquoted, a column's name
};

// [first, last) token ranges.
struct TokenRange {
    size_t first = 0;
    size_t last = 0;
};

// The range without parentheses around all of it: "((a > 1))" -> "a > 1".
TokenRange without_outer_parentheses(const std::vector<SqlToken>& tokens, TokenRange range);

// The parts of `range` between its top-level `word`s ("AND" or "OR").
std::vector<TokenRange> split_at_word(const std::vector<SqlToken>& tokens, TokenRange range,
                                      std::string_view word);

// `range` as one comparison, or nullopt (a function call, LIKE, IS NULL, BETWEEN, ...).
std::optional<Comparison> read_comparison(std::string_view sql, const std::vector<SqlToken>& tokens,
                                          TokenRange range);

// Whether `range` reads the clock (CURRENT_DATE, DATEADD, NOW(), INTERVAL, ...): a
// time window, not a threshold.
bool reads_clock(const std::vector<SqlToken>& tokens, TokenRange range);

}  // namespace opsctl
