#include "opsctl/runbook/variables.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "opsctl/core/error.h"
#include "opsctl/core/quote.h"

namespace opsctl {

// Hand-written scanners, not std::regex: its matcher recurses per character and
// overflows the stack on the megabytes a hostile runbook or argument may hold.
namespace {

bool is_name_start(char c) {
    return (c >= 'a' && c <= 'z') || c == '_';
}
bool is_name_char(char c) {
    return is_name_start(c) || (c >= '0' && c <= '9');
}

struct Reference {
    size_t begin;  // the '$'
    size_t end;    // after the '}'
    std::string name;
};

// The ${name} references of `text`, in order.
std::vector<Reference> find_references(const std::string& text) {
    std::vector<Reference> found;
    size_t at = text.find("${");
    while (at != std::string::npos) {
        size_t i = at + 2;
        if (i < text.size() && is_name_start(text[i])) {
            while (i < text.size() && is_name_char(text[i])) ++i;
            if (i < text.size() && text[i] == '}') {
                found.push_back({at, i + 1, text.substr(at + 2, i - at - 2)});
                at = text.find("${", i + 1);
                continue;
            }
        }
        at = text.find("${", at + 1);
    }
    return found;
}

}  // namespace

bool is_variable_name(const std::string& name) {
    return !name.empty() && is_name_start(name[0]) &&
           std::all_of(name.begin(), name.end(), is_name_char);
}

std::optional<std::string> variable_reference(const std::string& text) {
    const auto found = find_references(text);
    if (found.size() == 1 && found[0].begin == 0 && found[0].end == text.size()) {
        return found[0].name;
    }
    return std::nullopt;
}

std::set<std::string> referenced_variables(const std::string& sql) {
    std::set<std::string> names;
    for (const auto& reference : find_references(sql)) names.insert(reference.name);
    return names;
}

std::vector<std::string> names_of(const std::map<std::string, Variable>& variables) {
    std::vector<std::string> names;
    names.reserve(variables.size());
    for (const auto& [name, variable] : variables) names.push_back(name);
    return names;
}

std::optional<std::string> bind_rule(Rule& rule, const std::string& value) {
    if (rule.kind == RuleKind::OlderThan) {
        const auto age = parse_duration(value);
        if (!age) return quote_value(value) + " is not a duration (examples: \"24h\", \"1d\")";
        rule.age = *age;
        return std::nullopt;
    }
    double number = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (ec != std::errc{} || end != value.data() + value.size() || !std::isfinite(number)) {
        return quote_value(value) + " is not a number";
    }
    rule.number = number;
    rule.number_text = value;
    return std::nullopt;
}

VariableValues effective_variables(const Runbook& runbook, const Checklist& checklist,
                                   const VariableValues& overrides) {
    VariableValues values;
    for (const auto& [name, variable] : runbook.variables) values[name] = variable.default_value;
    for (const auto& [name, variable] : checklist.variables) values[name] = variable.default_value;
    for (const auto& [name, value] : overrides) {
        if (values.count(name)) values[name] = value;
    }
    return values;
}

Checklist bind_checklist(const Checklist& checklist, const VariableValues& values) {
    Checklist bound = checklist;
    const auto bind_all = [&](std::vector<Rule>& rules, const Step& step) {
        for (auto& rule : rules) {
            if (rule.variable.empty()) continue;
            const auto found = values.find(rule.variable);
            if (found == values.end()) {
                throw UsageError("step " + step.id + ": variable ${" + rule.variable +
                                 "} has no value");
            }
            if (auto problem = bind_rule(rule, found->second)) {
                throw UsageError("--set " + rule.variable + ": " + *problem + " (used by " +
                                 rule.name + " in step " + step.id + ")");
            }
        }
    };
    for (auto& step : bound.steps) {
        for (auto& expectation : step.expectations) bind_all(expectation.rules, step);
        bind_all(step.row_count_rules, step);
    }
    return bound;
}

std::string substitute_variables(const std::string& sql, const VariableValues& values) {
    std::string out;
    size_t last = 0;
    for (const auto& reference : find_references(sql)) {
        out.append(sql, last, reference.begin - last);
        const auto found = values.find(reference.name);
        out += found != values.end() ? found->second
                                     : sql.substr(reference.begin, reference.end - reference.begin);
        last = reference.end;
    }
    out.append(sql, last, std::string::npos);
    return out;
}

std::optional<std::string> sql_literal(const std::string& value, bool is_number,
                                       std::string& literal) {
    if (is_number) {
        double number = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
        if (ec != std::errc{} || end != value.data() + value.size() || !std::isfinite(number) ||
            value.find_first_not_of("0123456789.eE+-") != std::string::npos) {
            return quote_value(value) + " is not a number, and the variable's default is one";
        }
        literal = value[0] == '-' ? "(" + value + ")" : value;
        return std::nullopt;
    }
    literal = "'";
    for (const char c : value) {
        if (c == '\\')
            return quote_value(value) + " holds a backslash, which SQL dialects read apart";
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
            return quote_value(value) + " holds a control character";
        }
        literal += c;
        if (c == '\'') literal += '\'';
    }
    literal += "'";
    return std::nullopt;
}

VariableValues sql_literals(const Runbook& runbook, const Checklist& checklist,
                            const VariableValues& values) {
    VariableValues literals;
    for (const auto& [name, value] : values) {
        // The checklist's declaration wins over the runbook's, as its default does.
        const Variable* declared = nullptr;
        if (const auto found = checklist.variables.find(name); found != checklist.variables.end()) {
            declared = &found->second;
        } else if (const auto outer = runbook.variables.find(name);
                   outer != runbook.variables.end()) {
            declared = &outer->second;
        }
        const bool is_number = declared != nullptr && declared->is_number;
        if (auto problem = sql_literal(value, is_number, literals[name])) {
            throw UsageError("--set " + name + ": " + *problem);
        }
    }
    return literals;
}

VariableValues parse_overrides(const std::vector<std::string>& assignments) {
    VariableValues values;
    for (const auto& assignment : assignments) {
        const size_t equals = assignment.find('=');
        const std::string name = assignment.substr(0, equals);
        if (equals == std::string::npos || !is_variable_name(name)) {
            throw UsageError("--set " + quote_value(assignment) + ": expected name=value");
        }
        values[name] = assignment.substr(equals + 1);
    }
    return values;
}

}  // namespace opsctl
