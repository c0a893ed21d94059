#pragma once
// The functions of a C++ source file and the lines each spans, found by counting
// braces, for the rule "no function in src/ longer than 80 lines" (the developers'
// guide). Made for clang-formatted code (check_format keeps src/ so): comments,
// string and character literals (raw ones too) and preprocessor lines are blanked
// first; a brace at namespace or class scope opens a function body when the
// declaration before it has a parameter list and is not an initializer
// (`x = ...`), a namespace, or a constructor's member initializer (`a_{x}`). Lambdas
// count as part of the function they are in; a lambda at namespace scope is not
// counted.

#include <cstddef>
#include <string>
#include <vector>

namespace opsctl::test {

struct FunctionSpan {
    std::string name;        // the word before the parameter list: "f", "Class::f"
    std::size_t first_line;  // the declaration's first line, 1-based
    std::size_t last_line;   // the line of the closing brace
    std::size_t lines() const { return last_line - first_line + 1; }
};

// `source` with comments, literals and preprocessor lines replaced by spaces; the
// line breaks stay where they were.
std::string blank_non_code(const std::string& source);

std::vector<FunctionSpan> function_spans(const std::string& source);

}  // namespace opsctl::test
