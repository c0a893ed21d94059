#pragma once
// What running a step produced, and what running a checklist produced: the data
// every reporter formats.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "opsctl/connect/row_sink.h"
#include "opsctl/core/status.h"
#include "opsctl/core/timestamp.h"
#include "opsctl/evaluate/measure.h"
#include "opsctl/runbook/model.h"

namespace opsctl {

// A value of a column the step's "show" names, beside an offending row.
struct ContextValue {
    std::string column;                // as the runbook spells it
    std::optional<std::string> value;  // nullopt for NULL
    size_t full_bytes = 0;             // cut for the report: the whole length (kept_value.h)
};

// What the run history says of a violation (history/change_states): untracked
// when the run is not recorded (--history none, or the store failed); acked when an
// active acknowledgement covers it (history/acknowledgements).
enum class ChangeState { Untracked, New, Ongoing, Acked };

// The acknowledgement that covers a violation: who, why, until when.
struct AckNote {
    long long id = 0;
    std::string by;
    std::string reason;
    Timestamp until;
};

// A violation of the previous run that is gone: its key and column.
struct ViolationIdentity {
    std::string key;
    std::string column;
};

// One offending value: a row that breached a threshold, or the row count.
struct Violation {
    Severity severity = Severity::Fail;
    std::string rule;                  // "fail_above", "on_null", ...
    std::string column;                // "(row count)" for row-count rules
    std::optional<std::string> value;  // nullopt for NULL
    std::string threshold;             // "360", "FAIL", "24h", or the other column's value
    bool threshold_is_number = false;
    std::string key;                    // the row's key values, or "row 7"
    std::string reason;                 // one readable sentence
    std::vector<ContextValue> context;  // the step's "show" columns; none for the row count
    size_t value_bytes = 0;             // `value` cut for the report: its whole length
    ChangeState state = ChangeState::Untracked;
    std::optional<Timestamp> first_seen = std::nullopt;  // its streak's first run (new: this one)
    int consecutive_runs = 0;                            // runs in a row with it, this one included
    std::optional<AckNote> ack = std::nullopt;           // with state Acked
    // Ongoing: its severity in the previous run, so that warn -> fail reads as an escalation.
    std::optional<Severity> previous_severity = std::nullopt;
};

// The step's weighted percent state change over its last runs, and whether it is
// flapping (history/flapping): set only when the run is recorded in a history.
struct FlapState {
    double state_change_pct = 0;  // 0 to 100
    int runs = 0;                 // the results it was computed over, this run's included
    bool flapping = false;
};

// A key's value of a column that drop/rise rules compare (evaluate/baselines.h): every
// key's, violating or not, recorded so that later runs have their baselines.
struct KeyValue {
    std::string column;  // as the runbook spells it
    std::string key;
    std::optional<std::string> value;  // nullopt for NULL
};

// One recorded run of a step (history/past_runs), for the reports that show a step
// over time: when, its status, how many offending values.
struct PastRun {
    std::string started_at;  // ISO 8601, UTC
    Status status = Status::Pass;
    size_t violation_count = 0;
};

struct StepResult {
    std::string id;
    std::string title;
    StepKind kind = StepKind::Sql;
    bool report = false;  // a report step: people read its rows
    Status status = Status::Pass;
    std::string message;
    std::chrono::milliseconds duration{0};
    std::string sql;  // exactly as sent
    std::optional<size_t> row_count;
    std::vector<std::string> columns;
    std::vector<std::vector<Cell>> rows;  // the first rows, for the report
    std::vector<Violation> violations;    // the first offending values
    size_t violation_count = 0;           // all of them, kept or not
    std::string output;                   // the tail of a shell step's output
    std::optional<Measure> measure;       // evaluate/measure.h; none when the step errored
    // From the run history: whether it was compared with the previous run, the previous
    // run's violations now gone, and whether those cannot be told (violations were cut).
    bool history_tracked = false;
    std::vector<ViolationIdentity> resolved;
    bool resolved_unknown = false;
    std::optional<FlapState> flap;
    std::vector<KeyValue> drift_values;  // steps with drop/rise rules only
    // The step's last runs on this target, oldest first, this one included; empty
    // without a run history (--history none, or the store failed).
    std::vector<PastRun> past_runs;
};

struct ChecklistResult {
    std::string runbook;
    std::string checklist;
    std::string title;
    std::string owner;
    std::string schedule_text;
    std::optional<int> duration_minutes;
    std::optional<Duration> response_time;
    std::optional<Duration> resolution_time;
    std::string target;  // described, never with a password
    std::string dialect;
    // About the run as a whole (a role that can write), one line each, for the header.
    std::vector<std::string> warnings;
    Timestamp as_of;
    bool as_of_given = false;
    Timestamp started_at;
    Timestamp finished_at;
    std::chrono::milliseconds duration{0};  // measured, not finished_at - started_at
    Status status = Status::Pass;
    // Narrowed by --only or --skip: not a verdict on the whole checklist, so every
    // report says so and Prometheus never moves the checklist's last success.
    bool partial = false;
    std::vector<StepResult> steps;  // with `partial`, the selected steps only
};

struct RunResult {
    std::vector<ChecklistResult> checklists;
    Status status = Status::Pass;
};

}  // namespace opsctl
