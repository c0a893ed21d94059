#include "opsctl/history/run_record.h"

#include <pwd.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "opsctl/core/timestamp.h"

namespace opsctl {

namespace {

// The variables CI systems set that let a run be found again in the CI's own pages.
constexpr std::array kCiVariables{
    "GITHUB_RUN_ID",  "GITHUB_REPOSITORY",   "GITHUB_SHA",      "GITHUB_SERVER_URL", "CI_JOB_ID",
    "CI_PIPELINE_ID", "CI_JOB_URL",          "CI_PROJECT_PATH", "BUILD_URL",         "BUILD_NUMBER",
    "JOB_NAME",       "BUILDKITE_BUILD_URL", "CIRCLE_BUILD_URL"};

std::string host_name() {
    std::array<char, 256> name{};
    if (::gethostname(name.data(), name.size() - 1) != 0) return {};
    return name.data();
}

std::string user_name() {
    if (const char* user = std::getenv("USER"); user && *user) return user;
    // The reentrant form: runs may record from a process with other threads.
    passwd entry{};
    passwd* found = nullptr;
    std::array<char, 4096> buffer{};
    if (::getpwuid_r(::geteuid(), &entry, buffer.data(), buffer.size(), &found) == 0 && found &&
        found->pw_name) {
        return found->pw_name;
    }
    return std::to_string(::geteuid());
}

std::string ci_json(const std::map<std::string, std::string>& ci) {
    return nlohmann::json(ci).dump();
}

std::string number(long long value) {
    return std::to_string(value);
}

std::string flag(bool value) {
    return value ? "1" : "0";
}

long long insert_run(StoreSession& session, const ChecklistResult& result,
                     const RunContext& context) {
    const std::vector<SqlRow> rows = session.query(
        "INSERT INTO runs (runbook, checklist, target, dialect, as_of, as_of_given, "
        "started_at, finished_at, duration_ms, status, exit_code, partial, opsctl_version, "
        "host, user_name, ci) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id",
        {result.runbook, result.checklist, context.target.empty() ? result.target : context.target,
         result.dialect, format_iso8601(result.as_of), flag(result.as_of_given),
         format_iso8601(result.started_at), format_iso8601(result.finished_at),
         number(result.duration.count()), std::string(to_string(result.status)),
         number(context.exit_code), flag(result.partial), context.opsctl_version, context.host,
         context.user, ci_json(context.ci)});
    return std::stoll(*rows.at(0).at(0));
}

void insert_violations(StoreSession& session, const std::string& run_id, const StepResult& step) {
    for (size_t i = 0; i < step.violations.size(); ++i) {
        const Violation& violation = step.violations[i];
        session.exec(
            "INSERT INTO violations (run_id, step_id, position, severity, rule, key_text, "
            "column_name, value, threshold, first_seen, consecutive_runs) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {run_id, step.id, number(static_cast<long long>(i)),
             violation.severity == Severity::Fail ? "fail" : "warn", violation.rule, violation.key,
             violation.column, violation.value, violation.threshold,
             violation.first_seen ? SqlValue(format_iso8601(*violation.first_seen)) : SqlValue(),
             number(violation.consecutive_runs)});
    }
}

// A manual step the operator answered: "yes" or "no", and who was asked.
void insert_manual_answer(StoreSession& session, const std::string& run_id, const StepResult& step,
                          const RunContext& context) {
    if (step.kind != StepKind::Manual || step.status == Status::Manual) return;
    session.exec(
        "INSERT INTO manual_answers (run_id, step_id, answer, answered_by) VALUES (?, ?, ?, ?)",
        {run_id, step.id, step.status == Status::Pass ? "yes" : "no", context.user});
}

void insert_step(StoreSession& session, const std::string& run_id, size_t position,
                 const StepResult& step) {
    session.exec(
        "INSERT INTO steps (run_id, position, step_id, kind, status, message, duration_ms, "
        "row_count, violation_count, flapping) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {run_id, number(static_cast<long long>(position)), step.id,
         std::string(to_string(step.kind)), std::string(to_string(step.status)), step.message,
         number(step.duration.count()),
         step.row_count ? SqlValue(number(static_cast<long long>(*step.row_count))) : SqlValue(),
         number(static_cast<long long>(step.violation_count)),
         step.flap ? SqlValue(flag(step.flap->flapping)) : SqlValue()});
}

// The values of every key that drop/rise rules compare: later runs' baselines.
void insert_key_values(StoreSession& session, const std::string& run_id, const StepResult& step) {
    // A step that errored did not evaluate its keys: its values are no baseline.
    if (step.status == Status::Error) return;
    for (const KeyValue& value : step.drift_values) {
        session.exec(
            "INSERT INTO key_values (run_id, step_id, column_name, key_text, value) "
            "VALUES (?, ?, ?, ?, ?)",
            {run_id, step.id, value.column, value.key, value.value});
    }
}

}  // namespace

RunContext current_run_context(int exit_code, const std::string& opsctl_version) {
    RunContext context;
    context.exit_code = exit_code;
    context.opsctl_version = opsctl_version;
    context.host = host_name();
    context.user = user_name();
    for (const char* name : kCiVariables) {
        if (const char* value = std::getenv(name); value && *value) context.ci[name] = value;
    }
    return context;
}

long long record_run(StoreSession& session, const ChecklistResult& result,
                     const RunContext& context) {
    const long long run = insert_run(session, result, context);
    const std::string run_id = number(run);
    for (size_t position = 0; position < result.steps.size(); ++position) {
        const StepResult& step = result.steps[position];
        insert_step(session, run_id, position, step);
        insert_violations(session, run_id, step);
        insert_key_values(session, run_id, step);
        insert_manual_answer(session, run_id, step, context);
    }
    return run;
}

}  // namespace opsctl
