#include "opsctl/evaluate/word_list.h"

#include <algorithm>

#include "opsctl/core/ascii_case.h"

namespace opsctl {

namespace {

// CHAR(n) pads with blanks; a padded status is the same word.
std::string_view without_trailing_blanks(std::string_view text) {
    const auto last = text.find_last_not_of(' ');
    return last == std::string_view::npos ? std::string_view() : text.substr(0, last + 1);
}

}  // namespace

std::optional<bool> boolean_value(std::string_view text) {
    const std::string word = ascii_lower(without_trailing_blanks(text));
    if (word == "true" || word == "t" || word == "1") return true;
    if (word == "false" || word == "f" || word == "0") return false;
    return std::nullopt;
}

WordList::WordList(const std::vector<std::string>& words, bool case_sensitive)
    : case_sensitive_(case_sensitive) {
    for (const auto& word : words) {
        words_.push_back(comparable(word));
        // Only the words themselves stand for a boolean: a rule listing "1" means the text 1.
        const std::string lowered = ascii_lower(without_trailing_blanks(word));
        if (lowered == "true") has_true_ = true;
        if (lowered == "false") has_false_ = true;
    }
}

std::string WordList::comparable(std::string_view text) const {
    const std::string_view trimmed = without_trailing_blanks(text);
    return case_sensitive_ ? std::string(trimmed) : ascii_lower(trimmed);
}

bool WordList::contains(std::string_view value) const {
    if (std::find(words_.begin(), words_.end(), comparable(value)) != words_.end()) return true;
    if (!has_true_ && !has_false_) return false;
    const auto boolean = boolean_value(value);
    return boolean && (*boolean ? has_true_ : has_false_);
}

}  // namespace opsctl
