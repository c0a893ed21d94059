#include "opsctl/import/shell_words.h"

namespace opsctl {

std::optional<ShellWords> split_shell_words(std::string_view line) {
    ShellWords result;
    std::string word;
    bool in_word = false;
    auto end_word = [&] {
        if (in_word) result.words.push_back(word);
        word.clear();
        in_word = false;
    };
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == ' ' || c == '\t') {
            end_word();
        } else if (c == '#' && !in_word) {
            break;  // a comment
        } else if (c == '\'') {
            const size_t close = line.find('\'', i + 1);
            if (close == std::string_view::npos) return std::nullopt;
            word += line.substr(i + 1, close - i - 1);
            in_word = true;
            i = close;
        } else if (c == '"') {
            in_word = true;
            for (++i; i < line.size() && line[i] != '"'; ++i) {
                if (line[i] == '$' || line[i] == '`') {
                    if (result.needs_shell.empty()) result.needs_shell = std::string(1, line[i]);
                }
                if (line[i] == '\\' && i + 1 < line.size() &&
                    std::string_view("$`\"\\").find(line[i + 1]) != std::string_view::npos) {
                    ++i;
                }
                word += line[i];
            }
            if (i >= line.size()) return std::nullopt;
        } else if (c == '\\' && i + 1 < line.size()) {
            word += line[++i];
            in_word = true;
        } else if (std::string_view("|&;<>()$`*?[]~{}").find(c) != std::string_view::npos) {
            if (result.needs_shell.empty()) result.needs_shell = std::string(1, c);
            word += c;
            in_word = true;
        } else {
            word += c;
            in_word = true;
        }
    }
    end_word();
    return result;
}

}  // namespace opsctl
