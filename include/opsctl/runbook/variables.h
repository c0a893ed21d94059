#pragma once
// Runbook variables: "${name}" in thresholds and SQL, with defaults declared in the
// runbook or checklist and overrides from `--set name=value`.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "opsctl/runbook/model.h"

namespace opsctl {

using VariableValues = std::map<std::string, std::string>;

// [a-z_][a-z0-9_]*: a name a variable may have.
bool is_variable_name(const std::string& name);

// "name" when `text` is exactly "${name}".
std::optional<std::string> variable_reference(const std::string& text);

// Every ${name} that `sql` mentions.
std::set<std::string> referenced_variables(const std::string& sql);

std::vector<std::string> names_of(const std::map<std::string, Variable>& variables);

// Sets the rule's number or age from a variable's value; the problem otherwise.
std::optional<std::string> bind_rule(Rule& rule, const std::string& value);

// The runbook's defaults, overridden by the checklist's, overridden by `overrides`.
VariableValues effective_variables(const Runbook& runbook, const Checklist& checklist,
                                   const VariableValues& overrides);

// A copy of the checklist with every variable-backed threshold set from `values`.
// Throws UsageError naming the variable when a value does not fit its use.
Checklist bind_checklist(const Checklist& checklist, const VariableValues& values);

// Replaces each ${name} in `sql` by its value, verbatim: give it sql_literals().
std::string substitute_variables(const std::string& sql, const VariableValues& values);

// The SQL form of a variable's value: a number (the variable's default is one) as a
// numeric literal, parenthesised when negative, so that "- ${x}" cannot become a
// comment; anything else as a quoted string literal, quotes doubled. Variables are
// values, never SQL. The problem when the value does not fit: a number that is none,
// a string holding a backslash (some dialects read it as an escape) or a control
// character.
std::optional<std::string> sql_literal(const std::string& value, bool is_number,
                                       std::string& literal);

// Every effective variable of the checklist as its SQL literal. Throws UsageError
// naming the variable when a value does not fit its type.
VariableValues sql_literals(const Runbook& runbook, const Checklist& checklist,
                            const VariableValues& values);

// Parses `--set name=value` arguments; throws UsageError on a malformed one.
VariableValues parse_overrides(const std::vector<std::string>& assignments);

}  // namespace opsctl
