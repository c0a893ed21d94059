#include "opsctl/import/import_names.h"

#include <cctype>
#include <vector>

namespace opsctl {

namespace {

std::vector<std::string> slug_words(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x80 && std::isalnum(u)) {
            word += static_cast<char>(std::tolower(u));
        } else if (c == '\'' || u >= 0x80) {
            continue;  // "team's" -> "teams"; letters beyond ASCII are not name characters
        } else {
            if (!word.empty()) words.push_back(word);
            word.clear();
        }
    }
    if (!word.empty()) words.push_back(word);
    return words;
}

}  // namespace

std::string slug_of(std::string_view title, std::string_view fallback, size_t max_length,
                    std::string_view dropped) {
    const std::vector<std::string> all = slug_words(title);
    const std::vector<std::string> drop = slug_words(dropped);
    std::vector<std::string> kept;
    for (const std::string& word : all) {
        bool is_dropped = false;
        for (const std::string& d : drop) is_dropped |= word == d;
        if (!is_dropped) kept.push_back(word);
    }
    if (kept.empty()) kept = all;
    std::string slug;
    for (const std::string& word : kept) {
        const std::string longer = slug.empty() ? word : slug + "-" + word;
        if (longer.size() > max_length && !slug.empty()) break;
        slug = longer.substr(0, max_length);
    }
    return slug.empty() ? std::string(fallback) : slug;
}

std::string unique_name(const std::string& name, std::set<std::string>& taken) {
    std::string candidate = name;
    for (int n = 2; taken.count(candidate) > 0; ++n) candidate = name + "-" + std::to_string(n);
    taken.insert(candidate);
    return candidate;
}

}  // namespace opsctl
