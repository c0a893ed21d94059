#include "opsctl/import/verdict_words.h"

#include <array>
#include <string>
#include <vector>

#include "opsctl/core/ascii_case.h"

namespace opsctl {

namespace {

constexpr std::array kHealthy = {"pass",     "passed",    "success",   "succeeded", "ok",
                                 "healthy",  "good",      "excellent", "normal",    "green",
                                 "fresh",    "valid",     "compliant", "on_track",  "done",
                                 "complete", "completed", "finished"};
constexpr std::array kWarning = {"warn",     "warning", "acceptable", "fair",
                                 "degraded", "yellow",  "amber",      "moderate",
                                 "elevated", "at_risk", "marginal",   "skipped"};
constexpr std::array kProblem = {"fail",    "failed",   "failure",   "error",     "errored",
                                 "poor",    "bad",      "critical",  "red",       "stale",
                                 "drift",   "breach",   "breached",  "down",      "invalid",
                                 "overdue", "exceeded", "violation", "unhealthy", "broken",
                                 "late",    "missing",  "expired",   "outage",    "noncompliant"};
constexpr std::array kNegations = {"not", "no", "non", "un"};

template <size_t N>
bool is_one_of(const std::string& word, const std::array<const char*, N>& words) {
    for (const char* candidate : words) {
        if (word == candidate) return true;
    }
    return false;
}

std::vector<std::string> words_of(std::string_view label) {
    std::vector<std::string> words;
    std::string word;
    for (const char c : ascii_lower(label)) {
        if (c == '_' || c == '-' || c == ' ' || c == '\t') {
            if (!word.empty()) words.push_back(word);
            word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty()) words.push_back(word);
    return words;
}

}  // namespace

WordVerdict verdict_of_word(std::string_view label) {
    const std::vector<std::string> words = words_of(label);
    // "on_track" is one word of the list: try the whole label first.
    const std::string whole = ascii_lower(label);
    if (is_one_of(whole, kHealthy)) return WordVerdict::Healthy;
    WordVerdict verdict = WordVerdict::Unknown;
    for (const std::string& word : words) {
        if (is_one_of(word, kNegations)) return WordVerdict::Unknown;
        WordVerdict of_word = WordVerdict::Unknown;
        if (is_one_of(word, kHealthy)) of_word = WordVerdict::Healthy;
        if (is_one_of(word, kWarning)) of_word = WordVerdict::Warning;
        if (is_one_of(word, kProblem)) of_word = WordVerdict::Problem;
        if (of_word == WordVerdict::Unknown) continue;
        if (verdict != WordVerdict::Unknown && verdict != of_word) return WordVerdict::Unknown;
        verdict = of_word;
    }
    return verdict;
}

}  // namespace opsctl
