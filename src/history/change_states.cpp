#include "opsctl/history/change_states.h"

#include <map>
#include <utility>

namespace opsctl {

namespace {

using Identity = std::pair<std::string, std::string>;  // key, column

struct Seen {
    Timestamp first_seen;
    int consecutive_runs = 0;
    std::optional<Severity> severity;  // nullopt when the stored word is unknown
};

struct PreviousStep {
    std::map<Identity, Seen> violations;
    bool complete = true;  // every violation of that run was kept, so gone ones are known
};

// The words run_record stores.
std::optional<Severity> severity_named(const std::string& word) {
    if (word == "fail") return Severity::Fail;
    if (word == "warn") return Severity::Warn;
    return std::nullopt;
}

bool evaluated(Status status) {
    return status == Status::Pass || status == Status::Warn || status == Status::Fail;
}

// The step's previous run, or nullopt when no recorded run evaluated it.
std::optional<PreviousStep> previous_step(StoreSession& session, const ChecklistResult& result,
                                          const std::string& target, const std::string& step) {
    const std::vector<SqlRow> runs = session.query(
        "SELECT s.run_id, s.violation_count, r.started_at FROM steps s JOIN runs r ON r.id = "
        "s.run_id WHERE s.step_id = ? AND r.runbook = ? AND r.checklist = ? AND r.target = ? "
        "AND s.status IN ('pass', 'warn', 'fail') ORDER BY s.run_id DESC LIMIT 1",
        {step, result.runbook, result.checklist, target});
    if (runs.empty()) return std::nullopt;
    const std::vector<SqlRow> rows = session.query(
        "SELECT key_text, column_name, first_seen, consecutive_runs, severity FROM violations "
        "WHERE run_id = ? AND step_id = ?",
        {runs[0][0], step});
    const Timestamp started = parse_timestamp(runs[0][2].value_or("")).value_or(Timestamp{});
    PreviousStep previous;
    previous.complete = std::stoll(runs[0][1].value_or("0")) <= static_cast<long long>(rows.size());
    for (const SqlRow& row : rows) {
        Seen seen;
        seen.first_seen = row[2] ? parse_timestamp(*row[2]).value_or(started) : started;
        seen.consecutive_runs = row[3] ? std::stoi(*row[3]) : 1;
        seen.severity = severity_named(row[4].value_or(""));
        previous.violations[{row[0].value_or(""), row[1].value_or("")}] = seen;
    }
    return previous;
}

void mark_step(StepResult& step, const std::optional<PreviousStep>& previous,
               const Timestamp& started_at) {
    step.history_tracked = true;
    std::map<Identity, bool> present;
    for (Violation& violation : step.violations) {
        const Identity identity{violation.key, violation.column};
        present[identity] = true;
        const Seen* before = nullptr;
        if (previous) {
            const auto found = previous->violations.find(identity);
            if (found != previous->violations.end()) before = &found->second;
        }
        if (before) {
            violation.state = ChangeState::Ongoing;
            violation.first_seen = before->first_seen;
            violation.consecutive_runs = before->consecutive_runs + 1;
            violation.previous_severity = before->severity;
        } else {
            violation.state = ChangeState::New;
            violation.first_seen = started_at;
            violation.consecutive_runs = 1;
        }
    }
    if (!previous) return;
    // A violation cut from either report may still be there: none is called resolved.
    if (!previous->complete || step.violation_count > step.violations.size()) {
        step.resolved_unknown = !previous->violations.empty();
        return;
    }
    for (const auto& [identity, seen] : previous->violations) {
        if (!present.count(identity)) step.resolved.push_back({identity.first, identity.second});
    }
}

}  // namespace

void clear_changes(ChecklistResult& result) {
    for (StepResult& step : result.steps) {
        step.history_tracked = false;
        step.resolved.clear();
        step.resolved_unknown = false;
        for (Violation& violation : step.violations) {
            violation.state = ChangeState::Untracked;
            violation.first_seen.reset();
            violation.consecutive_runs = 0;
            violation.previous_severity.reset();
        }
    }
}

void mark_changes(StoreSession& session, ChecklistResult& result, const std::string& target) {
    for (StepResult& step : result.steps) {
        if (!evaluated(step.status)) continue;
        mark_step(step, previous_step(session, result, target, step.id), result.started_at);
    }
}

}  // namespace opsctl
