#include "function_length/function_spans.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace opsctl::test {

namespace {

bool is_word(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// Replaces [from, to) of `text` by spaces, keeping line breaks.
void blank(std::string& text, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to && i < text.size(); ++i) {
        if (text[i] != '\n') text[i] = ' ';
    }
}

// The end of a raw string literal whose R is at `at`, or npos when there is none.
std::size_t raw_string_end(const std::string& s, std::size_t at) {
    const std::size_t open = s.find('(', at + 2);
    if (open == std::string::npos || open - at - 2 > 16) return std::string::npos;
    const std::string delimiter = s.substr(at + 2, open - at - 2);
    if (delimiter.find_first_of(" \\)\n\"") != std::string::npos) return std::string::npos;
    const std::size_t close = s.find(")" + delimiter + "\"", open);
    return close == std::string::npos ? s.size() : close + delimiter.size() + 2;
}

// The end of a "string" or 'c' literal whose quote is at `at`.
std::size_t quoted_end(const std::string& s, std::size_t at) {
    std::size_t i = at + 1;
    while (i < s.size() && s[i] != s[at] && s[i] != '\n') i += s[i] == '\\' ? 2 : 1;
    return std::min(i + 1, s.size());
}

bool starts_line(const std::string& s, std::size_t at) {
    while (at > 0 && (s[at - 1] == ' ' || s[at - 1] == '\t')) --at;
    return at == 0 || s[at - 1] == '\n';
}

// The end of a preprocessor line at `at`, continued lines included.
std::size_t directive_end(const std::string& s, std::size_t at) {
    std::size_t end = s.find('\n', at);
    while (end != std::string::npos && end > 0 && s[end - 1] == '\\') end = s.find('\n', end + 1);
    return end == std::string::npos ? s.size() : end;
}

enum class Scope { Namespace, Function, Other, MemberInit };

// What a '{' at namespace or class scope opens, from the declaration before it.
Scope scope_of(std::string head) {
    static const std::regex access(R"(\b(public|private|protected)\s*:)");
    static const std::regex namespace_head(R"(^(inline\s+)?namespace\b|^extern\s*"\s*"?$)");
    static const std::regex class_head(R"(^(template\s*<[^{]*>\s*)?(class|struct|union)\b)");
    static const std::regex assignment(R"((^|[^=!<>])=($|[^=]))");
    static const std::regex single_colon(R"((^|[^:]):($|[^:]))");
    static const std::regex ends_call(R"([)}]\s*$)");
    static const std::regex ends_qualified(R"(\)\s*(const|noexcept|override|final|\s)*$)");
    head = std::regex_replace(head, access, " ");
    const std::size_t begin = head.find_first_not_of(" \t\n");
    head = begin == std::string::npos ? "" : head.substr(begin);
    if (std::regex_search(head, namespace_head)) return Scope::Namespace;
    const std::size_t paren = head.find('(');
    if (paren == std::string::npos) {
        return std::regex_search(head, class_head) ? Scope::Namespace : Scope::Other;
    }
    const std::string before = head.substr(0, paren);
    if (std::regex_search(before, assignment) && before.find("operator") == std::string::npos) {
        return Scope::Other;
    }
    // A constructor's initializer list (a ':' after the parameter list): the brace of
    // a member initializer, `a_{x}`, unless the list is complete (ends in ')' or '}').
    std::size_t close = std::string::npos;
    int depth = 0;
    for (std::size_t k = paren; k < head.size() && close == std::string::npos; ++k) {
        if (head[k] == '(') ++depth;
        if (head[k] == ')' && --depth == 0) close = k;
    }
    const std::string tail = close == std::string::npos ? "" : head.substr(close + 1);
    if (std::regex_search(tail, single_colon) && !std::regex_search(head, ends_call)) {
        return Scope::MemberInit;
    }
    if (std::regex_search(head, class_head) && !std::regex_search(head, ends_qualified)) {
        return Scope::Namespace;
    }
    return Scope::Function;
}

std::string function_name(const std::string& head) {
    const std::size_t paren = head.find('(');
    std::string before = head.substr(0, paren);
    while (!before.empty() && std::isspace(static_cast<unsigned char>(before.back()))) {
        before.pop_back();
    }
    if (before.ends_with("operator") && head.compare(paren, 2, "()") == 0) before += "()";
    // operator*, Class::operator++: the symbol is part of the name.
    const std::size_t keyword = before.rfind("operator");
    std::size_t start = keyword == std::string::npos ? before.size() : keyword;
    while (start > 0 &&
           (is_word(before[start - 1]) || before[start - 1] == ':' || before[start - 1] == '~')) {
        --start;
    }
    return before.substr(start);
}

}  // namespace

std::string blank_non_code(const std::string& source) {
    std::string s = source;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t end = std::string::npos;
        const bool word_before = i > 0 && is_word(s[i - 1]);
        if (s.compare(i, 2, "//") == 0) {
            end = s.find('\n', i);
            if (end == std::string::npos) end = s.size();
        } else if (s.compare(i, 2, "/*") == 0) {
            end = s.find("*/", i + 2);
            end = end == std::string::npos ? s.size() : end + 2;
        } else if (s[i] == 'R' && i + 1 < s.size() && s[i + 1] == '"' &&
                   (!word_before || s[i - 1] == '8' || s[i - 1] == 'u' || s[i - 1] == 'U' ||
                    s[i - 1] == 'L')) {
            end = raw_string_end(s, i);
        } else if (s[i] == '"' || (s[i] == '\'' && !word_before)) {
            end = quoted_end(s, i);  // a ' after a digit is a digit separator
        } else if (s[i] == '#' && starts_line(s, i)) {
            end = directive_end(s, i);
        }
        if (end == std::string::npos) {
            ++i;
            continue;
        }
        blank(s, i, end);
        i = end;
    }
    return s;
}

std::vector<FunctionSpan> function_spans(const std::string& source) {
    const std::string s = blank_non_code(source);
    struct Open {
        Scope scope;
        std::size_t start;  // where the declaration starts (functions)
        std::string name;
    };
    std::vector<Open> stack;
    std::vector<FunctionSpan> spans;
    std::size_t head_start = 0;
    const auto at_namespace_scope = [&] {
        return stack.empty() || stack.back().scope == Scope::Namespace;
    };
    const auto line_of = [&](std::size_t at) {
        return static_cast<std::size_t>(
                   std::count(s.begin(), s.begin() + static_cast<long>(at), '\n')) +
               1;
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '{') {
            if (!at_namespace_scope()) {
                stack.push_back({Scope::Other, i, ""});
                continue;
            }
            const std::string head = s.substr(head_start, i - head_start);
            const std::size_t skip = head.find_first_not_of(" \t\n");
            const std::size_t start = head_start + (skip == std::string::npos ? 0 : skip);
            const Scope scope = scope_of(head);
            stack.push_back({scope, start, scope == Scope::Function ? function_name(head) : ""});
        } else if (s[i] == '}' && !stack.empty()) {
            const Open open = stack.back();
            stack.pop_back();
            if (!at_namespace_scope()) continue;
            if (open.scope == Scope::Function) {
                spans.push_back({open.name, line_of(open.start), line_of(i)});
            }
            if (open.scope != Scope::MemberInit) head_start = i + 1;
        } else if (s[i] == ';' && at_namespace_scope()) {
            head_start = i + 1;
        }
    }
    return spans;
}

}  // namespace opsctl::test
