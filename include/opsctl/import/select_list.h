#pragma once
// The top-level SELECT of a statement: its items with the names of the columns they
// return, the GROUP BY, and where each clause starts. What key inference and threshold
// lifting need to know about a query, read from its tokens.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "opsctl/import/sql_tokens.h"

namespace opsctl {

struct SelectItem {
    std::string expression;      // as written, without its alias
    std::string output;          // the result column's name; empty when the engine names it
    bool star = false;           // `*` or `t.*`
    bool text_value = false;     // a string literal, or a CASE whose results are strings
    bool aggregate = false;      // COUNT, SUM, AVG, MIN or MAX outside a window
    size_t first = 0, last = 0;  // token range [first, last) of the expression
};

// A top-level clause: its keyword's token and the token after its end.
struct Clause {
    size_t keyword = 0;
    size_t body = 0;  // the first token after the keyword(s)
    size_t end = 0;
};

struct SelectShape {
    bool found = false;          // the statement has a top-level SELECT
    bool set_operation = false;  // UNION, INTERSECT or EXCEPT at the top level
    std::vector<SelectItem> items;
    std::optional<Clause> where, group_by, having;
    size_t from = 0;                         // the FROM token (tokens.size() when none)
    size_t items_end = 0;                    // the token after the select list
    std::vector<std::string> group_outputs;  // GROUP BY items as result columns

    bool has_star() const;
    bool has_aggregate() const;
    // The item returning `column` (any case), or nullptr.
    const SelectItem* item_named(std::string_view column) const;
    // The item whose expression is `expression`, blanks and case aside, or nullptr.
    const SelectItem* item_computing(std::string_view expression) const;
};

SelectShape describe_select(std::string_view sql, const std::vector<SqlToken>& tokens);

// An identifier as a result column names it: quotes removed, the qualifier dropped.
std::string unqualified_name(std::string_view sql, const std::vector<SqlToken>& tokens,
                             size_t first, size_t last);

}  // namespace opsctl
