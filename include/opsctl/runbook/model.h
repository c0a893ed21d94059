#pragma once
// The in-memory form of a runbook file (docs/runbook-format.md). Thresholds that
// refer to a variable keep its name until variables are bound for a run
// (runbook/variables.h); everything else is checked and parsed by the loader.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "opsctl/core/duration.h"

namespace opsctl {

enum class Severity { Warn, Fail };

enum class RuleKind {
    Above,        // value > number
    Below,        // value < number
    AboveColumn,  // value > other column of the same row
    BelowColumn,  // value < other column of the same row
    EqualsAny,    // value is one of the strings
    EqualsNone,   // value is none of the strings
    OlderThan,    // timestamp older than the as-of time minus a duration
    DropPct,      // value more than number percent below its baseline (a past run's)
    RisePct,      // value more than number percent above its baseline
};

struct Rule {
    RuleKind kind = RuleKind::Above;
    Severity severity = Severity::Fail;
    std::string name;                  // as written: "fail_above", "warn_if", ...
    std::string variable;              // set when the operand was "${name}"; bound before a run
    double number = 0;                 // Above, Below: only where no exact comparison is possible
    std::string number_text;           // the number exactly as written: compared and printed
    std::string column;                // AboveColumn, BelowColumn
    std::vector<std::string> strings;  // EqualsAny, EqualsNone
    Duration age{0};                   // OlderThan
    // DropPct, RisePct: the baseline is the median of the key's values in the last
    // `baseline_runs` runs that evaluated it; 1 is the previous run's ("previous").
    int baseline_runs = 1;
};

// Whether the rule compares with the run history (warn_drop_pct, fail_rise_pct, ...).
bool is_drift_rule(const Rule& rule);

// The rule as `opsctl show` lists it: its name and operand ("fail_above 5",
// "warn_older_than 2h (${max_age})", "fail_above_column column total", "fail_if error, stale").
std::string describe_rule(const Rule& rule);

enum class NullPolicy { Fail, Warn, Pass };

struct Expectation {
    std::string column;
    std::vector<Rule> rules;
    NullPolicy on_null = NullPolicy::Fail;
    // String rules ignore case and trailing blanks unless this is set: producers spell
    // their statuses in their own case (dbt: "error"), CHAR(n) columns pad with blanks.
    bool case_sensitive = false;
};

// What a step whose query returned no rows means.
enum class EmptyPolicy { Warn, Fail, Pass };

// "warn", "fail" or "pass", as a runbook's on_empty writes it.
std::string_view to_string(EmptyPolicy policy);

enum class StepKind { Sql, Shell, Manual };

// "sql", "shell" or "manual", as reports and `opsctl show` name the kind.
std::string_view to_string(StepKind kind);

struct Step {
    std::string id;
    std::string title;
    std::string description;
    StepKind kind = StepKind::Manual;
    // Sql: either one text in the runbook's dialect (key ""), or per-dialect variants.
    std::map<std::string, std::string> sql;
    bool sql_is_variants = false;
    std::vector<std::string> shell;
    // Shell: a program not on PATH skips the step instead of making it an error.
    bool optional = false;
    std::optional<Duration> timeout;
    std::vector<std::string> key;
    // Columns shown beside each offending row, so that a breach explains itself.
    std::vector<std::string> show;
    std::vector<Expectation> expectations;
    std::vector<Rule> row_count_rules;  // Above / Below on the number of rows
    bool report = false;
    // Unset: a step with expectations and no row-count rule warns on no rows, since
    // nothing then confirms health; any other step passes (effective_empty_policy).
    std::optional<EmptyPolicy> on_empty;
};

EmptyPolicy effective_empty_policy(const Step& step);

struct Variable {
    std::string default_value;  // numbers kept in their JSON spelling ("360", "0.7")
    std::string description;
    bool is_number = false;  // its default is a JSON number: in SQL it is a numeric literal
};

struct Checklist {
    std::string name;
    std::string title;
    std::string description;
    std::string schedule;       // five-field cron, empty when on demand
    std::string schedule_text;  // in words
    std::optional<int> duration_minutes;
    std::string owner;
    std::optional<Duration> response_time;
    std::optional<Duration> resolution_time;
    std::map<std::string, Variable> variables;
    std::vector<Step> steps;

    const Step* find_step(const std::string& id) const;
};

struct Runbook {
    std::string name;
    std::string title;
    std::string description;
    std::string dialect = "snowflake";
    std::map<std::string, Variable> variables;
    std::vector<Checklist> checklists;
    std::string source_path;

    const Checklist* find_checklist(const std::string& name) const;
};

}  // namespace opsctl
