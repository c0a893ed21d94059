#include "opsctl/history/acknowledgements.h"

#include <algorithm>
#include <map>

#include "opsctl/core/error.h"

namespace opsctl {

namespace {

using Identity = std::pair<std::string, std::string>;  // key, column

const char* severity_word(Severity severity) {
    return severity == Severity::Fail ? "fail" : "warn";
}

// The violations of the step's last recorded run that evaluated it, each at its worst.
std::map<Identity, Severity> last_violations(StoreSession& session, const AckRequest& request) {
    const std::vector<SqlRow> rows = session.query(
        "SELECT v.key_text, v.column_name, v.severity FROM violations v WHERE v.step_id = ? "
        "AND v.run_id = (SELECT MAX(s.run_id) FROM steps s JOIN runs r ON r.id = s.run_id "
        "WHERE s.step_id = ? AND r.runbook = ? AND r.checklist = ? AND r.target = ? "
        "AND s.status IN ('pass', 'warn', 'fail'))",
        {request.step, request.step, request.runbook, request.checklist, request.target});
    std::map<Identity, Severity> found;
    for (const SqlRow& row : rows) {
        const Severity severity = row[2] == "fail" ? Severity::Fail : Severity::Warn;
        Severity& worst = found[{row[0].value_or(""), row[1].value_or("")}];
        if (severity == Severity::Fail) worst = Severity::Fail;
    }
    return found;
}

Ack ack_of(const AckRequest& request, const Timestamp& now) {
    Ack ack;
    ack.runbook = request.runbook;
    ack.checklist = request.checklist;
    ack.step = request.step;
    ack.target = request.target;
    ack.column = request.column;
    ack.by = request.by;
    ack.reason = request.reason;
    ack.created_at = now;
    ack.until = request.until;
    return ack;
}

// With --key: one ack, at the worst severity the key was last seen with (warn if never).
std::vector<Ack> acks_for_key(const AckRequest& request, const std::map<Identity, Severity>& last,
                              const Timestamp& now) {
    Ack ack = ack_of(request, now);
    ack.key = *request.key;
    ack.severity_assumed = true;
    for (const auto& [identity, severity] : last) {
        if (identity.first != ack.key || (ack.column && *ack.column != identity.second)) continue;
        if (ack.severity_assumed || severity == Severity::Fail) ack.severity = severity;
        ack.severity_assumed = false;
    }
    return {ack};
}

std::vector<Ack> acks_for_every_key(const AckRequest& request,
                                    const std::map<Identity, Severity>& last,
                                    const Timestamp& now) {
    std::vector<Ack> acks;
    for (const auto& [identity, severity] : last) {
        if (request.column && *request.column != identity.second) continue;
        Ack ack = ack_of(request, now);
        ack.key = identity.first;
        ack.column = identity.second;
        ack.severity = severity;
        acks.push_back(ack);
    }
    if (acks.empty()) {
        throw UsageError("opsctl ack: the last recorded run of " + request.runbook + "/" +
                         request.checklist + " " + request.step + " on " + request.target +
                         " found no violation" + (request.column ? " in " + *request.column : "") +
                         ": nothing to ack (name one with --key)");
    }
    return acks;
}

void insert_ack(StoreSession& session, Ack& ack) {
    // RETURNING (SQLite 3.35 and PostgreSQL): the id of this row, whoever else inserts.
    const std::vector<SqlRow> rows = session.query(
        "INSERT INTO acks (runbook, checklist, step_id, target, key_text, column_name, severity, "
        "acked_by, reason, created_at, until_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id",
        {ack.runbook, ack.checklist, ack.step, ack.target, ack.key, ack.column,
         std::string(severity_word(ack.severity)), ack.by, ack.reason,
         format_iso8601(ack.created_at), format_iso8601(ack.until)});
    ack.id = std::stoll(rows.at(0).at(0).value_or("0"));
}

Ack read_ack(const SqlRow& row) {
    Ack ack;
    ack.id = std::stoll(row[0].value_or("0"));
    ack.runbook = row[1].value_or("");
    ack.checklist = row[2].value_or("");
    ack.step = row[3].value_or("");
    ack.target = row[4].value_or("");
    ack.key = row[5].value_or("");
    ack.column = row[6];
    ack.severity = row[7] == "fail" ? Severity::Fail : Severity::Warn;
    ack.by = row[8].value_or("");
    ack.reason = row[9].value_or("");
    ack.created_at = parse_timestamp(row[10].value_or("")).value_or(Timestamp{});
    ack.until = parse_timestamp(row[11].value_or("")).value_or(Timestamp{});
    return ack;
}

std::vector<Ack> select_acks(StoreSession& session, const std::string& where,
                             const std::vector<SqlValue>& params, const Timestamp& now) {
    const std::vector<SqlRow> rows = session.query(
        "SELECT id, runbook, checklist, step_id, target, key_text, column_name, severity, "
        "acked_by, reason, created_at, until_at FROM acks" +
            where + " ORDER BY id",
        params);
    std::vector<Ack> acks;
    for (const SqlRow& row : rows) {
        Ack ack = read_ack(row);
        // Expired acks are left in the store, and ignored.
        if (ack.until.epoch_seconds > now.epoch_seconds) acks.push_back(ack);
    }
    return acks;
}

bool covers(const Ack& ack, const StepResult& step, const Violation& violation) {
    if (ack.step != step.id || ack.key != violation.key) return false;
    if (ack.column && *ack.column != violation.column) return false;
    return violation.severity == Severity::Warn || ack.severity == Severity::Fail;
}

// The step's status from the violations no ack covers; unchanged when some were not
// kept, as those may be anything.
void settle_step(StepResult& step, size_t acked) {
    if (acked == 0) return;
    step.message += "; " + std::to_string(acked) + " acked";
    if (step.violation_count > step.violations.size()) return;
    if (step.status != Status::Warn && step.status != Status::Fail) return;
    Status status = Status::Pass;
    for (const Violation& violation : step.violations) {
        if (violation.state == ChangeState::Acked) continue;
        status = worse(status, violation.severity == Severity::Fail ? Status::Fail : Status::Warn);
    }
    step.status = status;
}

}  // namespace

std::vector<Ack> add_acks(StoreSession& session, const AckRequest& request, const Timestamp& now) {
    const std::map<Identity, Severity> last = last_violations(session, request);
    std::vector<Ack> acks =
        request.key ? acks_for_key(request, last, now) : acks_for_every_key(request, last, now);
    for (Ack& ack : acks) insert_ack(session, ack);
    return acks;
}

std::vector<Ack> active_acks(StoreSession& session, const Timestamp& now) {
    return select_acks(session, "", {}, now);
}

bool remove_ack(StoreSession& session, long long id) {
    const std::string text = std::to_string(id);
    if (session.query("SELECT id FROM acks WHERE id = ?", {text}).empty()) return false;
    session.exec("DELETE FROM acks WHERE id = ?", {text});
    return true;
}

void apply_acks(StoreSession& session, ChecklistResult& result, const std::string& target,
                const Timestamp& now) {
    const std::vector<Ack> acks =
        select_acks(session, " WHERE runbook = ? AND checklist = ? AND target = ?",
                    {result.runbook, result.checklist, target}, now);
    if (acks.empty()) return;
    for (StepResult& step : result.steps) {
        size_t acked = 0;
        for (Violation& violation : step.violations) {
            const auto ack = std::find_if(acks.begin(), acks.end(), [&](const Ack& each) {
                return covers(each, step, violation);
            });
            if (ack == acks.end()) continue;
            violation.state = ChangeState::Acked;
            violation.ack = AckNote{ack->id, ack->by, ack->reason, ack->until};
            ++acked;
        }
        settle_step(step, acked);
    }
    Status status = result.status == Status::Error ? Status::Error : Status::Pass;
    for (const StepResult& step : result.steps) status = worse(status, step.status);
    result.status = status;
}

}  // namespace opsctl
