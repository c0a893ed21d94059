#include "opsctl/report/change_text.h"

#include <fmt/format.h>

namespace opsctl {

std::string ack_note(const Violation& violation) {
    if (!violation.ack) return "ACKED";
    const AckNote& ack = *violation.ack;
    return "ACKED by " + ack.by + " until " + format_timestamp(ack.until).substr(0, 16) + ": " +
           ack.reason + " (ack " + std::to_string(ack.id) + ")";
}

std::string change_note(const Violation& violation) {
    switch (violation.state) {
        case ChangeState::Untracked:
            return {};
        case ChangeState::New:
            return "NEW";
        case ChangeState::Acked:
            return ack_note(violation);
        case ChangeState::Ongoing:
            break;
    }
    const std::string since =
        violation.first_seen ? format_timestamp(*violation.first_seen).substr(0, 16) : "?";
    return "since " + since + " (" + std::to_string(violation.consecutive_runs) + " runs)";
}

std::string flapping_line(const StepResult& step) {
    if (!step.flap || !step.flap->flapping) return {};
    return fmt::format("FLAPPING ({:.0f}% state change over {} runs)", step.flap->state_change_pct,
                       step.flap->runs);
}

std::string resolved_line(const StepResult& step) {
    if (step.resolved_unknown) {
        return "resolved since the last run: not known (only the first offending values are "
               "kept)";
    }
    if (step.resolved.empty()) return {};
    std::string line = "resolved since the last run: ";
    for (size_t i = 0; i < step.resolved.size(); ++i) {
        const ViolationIdentity& gone = step.resolved[i];
        if (i > 0) line += ", ";
        line += (gone.key.empty() ? std::string() : gone.key + " ") + "(" + gone.column + ")";
    }
    return line;
}

std::string_view to_string(ChangeState state) {
    switch (state) {
        case ChangeState::New:
            return "new";
        case ChangeState::Ongoing:
            return "ongoing";
        case ChangeState::Acked:
            return "acked";
        case ChangeState::Untracked:
            break;
    }
    return "untracked";
}

}  // namespace opsctl
