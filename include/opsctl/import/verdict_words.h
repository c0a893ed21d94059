#pragma once
// What a status word of a document means: "FAIL", "POOR" and "DRIFT_DETECTED" name a
// problem, "ACCEPTABLE" and "WARNING" a warning, "PASS" and "EXCELLENT" health. The
// importer reads thresholds from them (`sla_result = 'FAIL'`, CASE bands); a word it
// does not know means nothing, so that a scope filter (`status = 'ACTIVE'`) is never
// taken for a threshold.

#include <string_view>

namespace opsctl {

enum class WordVerdict { Unknown, Healthy, Warning, Problem };

// The verdict of a label such as "FAIL", "drift_detected" or "Not Good": its words
// (split at '_', '-' and blanks, any case) looked up; a negation ("not", "no", "non")
// or words of two verdicts make it Unknown.
WordVerdict verdict_of_word(std::string_view label);

}  // namespace opsctl
