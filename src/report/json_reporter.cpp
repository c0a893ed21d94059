#include "opsctl/report/json_reporter.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "opsctl/core/duration.h"
#include "opsctl/report/change_text.h"
#include "opsctl/report/json_writer.h"

namespace opsctl {

namespace {

// Members are written in sorted order: the report's layout from when it was an
// nlohmann::json object (a std::map), which tests and users' scripts have seen.

void write_optional_duration(JsonWriter& json, const std::optional<Duration>& duration) {
    if (duration) {
        json.string(format_duration(*duration));
    } else {
        json.null();
    }
}

// A numeric threshold as the JSON number it was written as, anything else as text.
void write_threshold(JsonWriter& json, const Violation& violation) {
    if (violation.threshold_is_number) {
        json.exact_number(violation.threshold);
    } else {
        json.string(violation.threshold);
    }
}

// The kept rows' values cut for the report (evaluate/kept_value.h), with their whole
// length: [{"row": 0, "column": "v", "bytes": 52428800}]; absent when none was cut.
void write_row_bytes(JsonWriter& json, const StepResult& step) {
    bool any = false;
    for (size_t r = 0; r < step.rows.size(); ++r) {
        for (size_t c = 0; c < step.rows[r].size(); ++c) {
            if (step.rows[r][c].full_bytes == 0) continue;
            if (!any) {
                json.key("row_bytes");
                json.begin_array();
                any = true;
            }
            json.begin_object();
            json.key("bytes");
            json.integer(static_cast<std::int64_t>(step.rows[r][c].full_bytes));
            json.key("column");
            json.string(c < step.columns.size() ? step.columns[c] : "");
            json.key("row");
            json.integer(static_cast<std::int64_t>(r));
            json.end_object();
        }
    }
    if (any) json.end_array();
}

void write_ack(JsonWriter& json, const AckNote& ack) {
    json.key("ack");
    json.begin_object();
    json.key("by");
    json.string(ack.by);
    json.key("id");
    json.integer(ack.id);
    json.key("reason");
    json.string(ack.reason);
    json.key("until");
    json.string(format_iso8601(ack.until));
    json.end_object();
}

void write_violation(JsonWriter& json, const Violation& violation) {
    json.begin_object();
    if (violation.ack) write_ack(json, *violation.ack);
    json.key("column");
    json.string(violation.column);
    if (violation.state != ChangeState::Untracked) {
        json.key("consecutive_runs");
        json.integer(violation.consecutive_runs);
    }
    // The step's "show" columns, exact; {} for the row count and for a step without any.
    // A value cut for the report (evaluate/kept_value.h): its whole length beside it.
    bool context_cut = false;
    for (const auto& each : violation.context) context_cut = context_cut || each.full_bytes > 0;
    json.key("context");
    json.begin_object();
    for (const auto& each : violation.context) {
        json.key(each.column);
        if (each.value) {
            json.string(*each.value);
        } else {
            json.null();
        }
    }
    json.end_object();
    if (context_cut) {
        json.key("context_bytes");
        json.begin_object();
        for (const auto& each : violation.context) {
            if (each.full_bytes == 0) continue;
            json.key(each.column);
            json.integer(static_cast<std::int64_t>(each.full_bytes));
        }
        json.end_object();
    }
    if (violation.state != ChangeState::Untracked) {
        json.key("first_seen");
        json.string(violation.first_seen ? format_iso8601(*violation.first_seen) : "");
    }
    json.key("key");
    json.string(violation.key);
    json.key("reason");
    json.string(violation.reason);
    json.key("rule");
    json.string(violation.rule);
    json.key("severity");
    json.string(violation.severity == Severity::Fail ? "fail" : "warn");
    if (violation.state != ChangeState::Untracked) {
        json.key("state");
        json.string(to_string(violation.state));
    }
    json.key("threshold");
    write_threshold(json, violation);
    if (context_cut || violation.value_bytes > 0) {
        json.key("truncated");
        json.boolean(true);
    }
    json.key("value");
    if (violation.value) {
        json.string(*violation.value);
    } else {
        json.null();
    }
    if (violation.value_bytes > 0) {
        json.key("value_bytes");
        json.integer(static_cast<std::int64_t>(violation.value_bytes));
    }
    json.end_object();
}

// The previous run's violations that are gone; null when that cannot be told.
void write_resolved(JsonWriter& json, const StepResult& step) {
    json.key("resolved");
    if (step.resolved_unknown) {
        json.null();
        return;
    }
    json.begin_array();
    for (const ViolationIdentity& gone : step.resolved) {
        json.begin_object();
        json.key("column");
        json.string(gone.column);
        json.key("key");
        json.string(gone.key);
        json.end_object();
    }
    json.end_array();
}

void write_step(JsonWriter& json, const StepResult& step) {
    json.begin_object();
    json.key("columns");
    json.begin_array();
    for (const auto& column : step.columns) json.string(column);
    json.end_array();
    json.key("duration_ms");
    json.integer(step.duration.count());
    if (step.flap) {
        json.key("flapping");
        json.boolean(step.flap->flapping);
    }
    json.key("id");
    json.string(step.id);
    json.key("kind");
    json.string(to_string(step.kind));
    json.key("message");
    json.string(step.message);
    if (step.kind == StepKind::Shell) {
        json.key("output");
        json.string(step.output);
    }
    if (step.history_tracked) write_resolved(json, step);
    write_row_bytes(json, step);
    json.key("row_count");
    if (step.row_count) {
        json.integer(static_cast<std::int64_t>(*step.row_count));
    } else {
        json.null();
    }
    json.key("rows");
    json.begin_array();
    for (const auto& row : step.rows) {
        json.begin_array();
        for (const auto& cell : row) {
            if (cell.is_null) {
                json.null();
            } else {
                json.string(cell.text);
            }
        }
        json.end_array();
    }
    json.end_array();
    json.key("sql");
    if (step.sql.empty()) {
        json.null();
    } else {
        json.string(step.sql);
    }
    if (step.flap) {
        // Rounded: a percentage for people and alert rules, not a measurement.
        json.key("state_change_pct");
        json.number(std::round(step.flap->state_change_pct * 100) / 100);
    }
    json.key("status");
    json.string(to_string(step.status));
    json.key("title");
    json.string(step.title);
    json.key("violation_count");
    json.integer(static_cast<std::int64_t>(step.violation_count));
    json.key("violations");
    json.begin_array();
    for (const auto& violation : step.violations) write_violation(json, violation);
    json.end_array();
    json.end_object();
}

void write_checklist(JsonWriter& json, const ChecklistResult& checklist) {
    // Sorted like the members, every status always present.
    constexpr std::array<Status, 6> kCounted = {Status::Error, Status::Fail,    Status::Manual,
                                                Status::Pass,  Status::Skipped, Status::Warn};
    std::array<std::int64_t, kCounted.size()> counts{};
    for (const auto& step : checklist.steps) {
        for (size_t i = 0; i < kCounted.size(); ++i) {
            if (step.status == kCounted[i]) ++counts[i];
        }
    }
    json.begin_object();
    json.key("as_of");
    json.string(format_iso8601(checklist.as_of));
    json.key("checklist");
    json.string(checklist.checklist);
    json.key("counts");
    json.begin_object();
    for (size_t i = 0; i < kCounted.size(); ++i) {
        json.key(to_string(kCounted[i]));
        json.integer(counts[i]);
    }
    json.end_object();
    json.key("dialect");
    json.string(checklist.dialect);
    json.key("exit_code");
    json.integer(exit_code_for(checklist.status));
    json.key("finished_at");
    json.string(format_iso8601(checklist.finished_at));
    json.key("owner");
    json.string(checklist.owner);
    json.key("partial");
    json.boolean(checklist.partial);
    json.key("resolution_time");
    write_optional_duration(json, checklist.resolution_time);
    json.key("response_time");
    write_optional_duration(json, checklist.response_time);
    json.key("runbook");
    json.string(checklist.runbook);
    if (checklist.partial) {
        json.key("selected_steps");
        json.begin_array();
        for (const auto& step : checklist.steps) json.string(step.id);
        json.end_array();
    }
    json.key("started_at");
    json.string(format_iso8601(checklist.started_at));
    json.key("status");
    json.string(to_string(checklist.status));
    json.key("steps");
    json.begin_array();
    for (const auto& step : checklist.steps) write_step(json, step);
    json.end_array();
    json.key("target");
    json.string(checklist.target);
    json.key("title");
    json.string(checklist.title);
    json.key("warnings");
    json.begin_array();
    for (const auto& warning : checklist.warnings) json.string(warning);
    json.end_array();
    json.end_object();
}

}  // namespace

void JsonReporter::write(const RunResult& run, std::ostream& out) const {
    JsonWriter json(out);
    if (run.checklists.size() == 1) {
        write_checklist(json, run.checklists.front());
    } else {
        json.begin_object();
        json.key("checklists");
        json.begin_array();
        for (const auto& checklist : run.checklists) write_checklist(json, checklist);
        json.end_array();
        json.key("exit_code");
        json.integer(exit_code_for(run.status));
        json.key("partial");
        json.boolean(std::any_of(run.checklists.begin(), run.checklists.end(),
                                 [](const ChecklistResult& c) { return c.partial; }));
        json.key("runbook");
        json.string(run.checklists.empty() ? "" : run.checklists.front().runbook);
        json.key("status");
        json.string(to_string(run.status));
        json.end_object();
    }
    json.finish();
    out << '\n';
}

}  // namespace opsctl
