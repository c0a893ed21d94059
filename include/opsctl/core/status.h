#pragma once
// The verdict of a step and of a run, and the exit codes they map to.

#include <string>
#include <string_view>

namespace opsctl {

// Skipped and manual never decide a run's status. A run's status is its worst step's,
// where pass < warn < error < fail: a confirmed failure outranks a step that could not
// be evaluated, so that monitoring keyed on CRITICAL (exit 2) never misses it.
enum class Status { Pass, Skipped, Manual, Warn, Fail, Error };

// The exit codes, all of them: 0-3 follow the Nagios plugin convention; they are a
// stable interface (README and the man page list them).
namespace exit_code {
inline constexpr int kPass = 0;
inline constexpr int kWarn = 1;
inline constexpr int kFail = 2;
inline constexpr int kError = 3;  // could not evaluate, or unusable input
// Another run holds the lock: beyond Nagios' 0-3 on purpose, it is not a verdict
// about the warehouse.
inline constexpr int kLocked = 4;
}  // namespace exit_code

std::string_view to_string(Status status);
// The Status a word of to_string() names, as a history store keeps it; a word it does
// not know (a newer opsctl's) is Error, so that it never reads as a pass.
Status status_from_word(std::string_view word);

// The upper-case label the text and Markdown reports show: PASS, WARN, FAIL, ERROR,
// SKIP, MANUAL.
std::string status_label(Status status);

// The worse of two statuses for a run (pass < warn < error < fail): skipped and
// manual count as pass.
Status worse(Status a, Status b);

int exit_code_for(Status status);

}  // namespace opsctl
