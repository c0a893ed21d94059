#pragma once
// The words every report uses for what changed since the previous run: "NEW", or
// "since 2026-11-28 08:00 (5 runs)", and the line of violations resolved since then.

#include <string>

#include "opsctl/evaluate/step_result.h"

namespace opsctl {

// "ACKED by NAME until 2026-12-04 20:00: REASON (ack 3)".
std::string ack_note(const Violation& violation);

// "NEW", "since ... (N runs)", the ack note, or empty without a run history.
std::string change_note(const Violation& violation);

// "resolved since the last run: KEY (COLUMN), ...", the line that says they cannot be
// told when violations were cut, or empty when none were resolved.
std::string resolved_line(const StepResult& step);

// "FLAPPING (34% state change over 21 runs)" for a flapping step (history/flapping),
// else empty. Flapping changes no status.
std::string flapping_line(const StepResult& step);

// "new", "ongoing", "acked" or "untracked" (JSON, Prometheus labels).
std::string_view to_string(ChangeState state);

}  // namespace opsctl
