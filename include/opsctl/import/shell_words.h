#pragma once
// A shell command line of a document split into its arguments as /bin/sh would
// (quotes, backslashes), for a shell step that runs without a shell. A line that needs
// a shell (a pipe, a redirection, `&&`, `$VAR`, a command substitution) is not split.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace opsctl {

struct ShellWords {
    std::vector<std::string> words;
    std::string needs_shell;  // the construct that needs a shell ("|", "$HOME"); empty: none
};

// nullopt for an unterminated quote.
std::optional<ShellWords> split_shell_words(std::string_view line);

}  // namespace opsctl
