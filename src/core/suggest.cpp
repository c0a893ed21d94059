#include "opsctl/core/suggest.h"

#include <algorithm>
#include <numeric>

namespace opsctl {

namespace {
size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), size_t{0});
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}
}  // namespace

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    size_t best_distance = 0;
    // Allow about one typo per three characters, at least two.
    const size_t limit = std::max<size_t>(2, word.size() / 3);
    for (const auto& candidate : candidates) {
        // The distance is at least the difference in length: a megabyte-long word
        // is not compared letter by letter with every candidate.
        const size_t length_gap = word.size() > candidate.size() ? word.size() - candidate.size()
                                                                 : candidate.size() - word.size();
        if (length_gap > limit) continue;
        const size_t distance = edit_distance(word, candidate);
        if (best.empty() || distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best_distance <= limit ? best : std::string();
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    const std::string match = closest_match(word, candidates);
    return match.empty() ? std::string() : " (did you mean \"" + match + "\"?)";
}

}  // namespace opsctl
