#include "opsctl/runbook/variables.h"

#include <charconv>
#include <cmath>
#include <regex>

#include "opsctl/core/error.h"

namespace opsctl {

namespace {
const std::regex kReference(R"(\$\{([a-z_][a-z0-9_]*)\})");
}

std::optional<std::string> variable_reference(const std::string& text) {
    std::smatch match;
    if (std::regex_match(text, match, kReference)) return match[1].str();
    return std::nullopt;
}

std::set<std::string> referenced_variables(const std::string& sql) {
    std::set<std::string> names;
    for (auto it = std::sregex_iterator(sql.begin(), sql.end(), kReference);
         it != std::sregex_iterator(); ++it) {
        names.insert((*it)[1].str());
    }
    return names;
}

std::vector<std::string> names_of(const std::map<std::string, Variable>& variables) {
    std::vector<std::string> names;
    for (const auto& [name, variable] : variables) names.push_back(name);
    return names;
}

std::optional<std::string> bind_rule(Rule& rule, const std::string& value) {
    if (rule.kind == RuleKind::OlderThan) {
        const auto age = parse_duration(value);
        if (!age) return "\"" + value + "\" is not a duration (examples: \"24h\", \"1d\")";
        rule.age = *age;
        return std::nullopt;
    }
    double number = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (ec != std::errc{} || end != value.data() + value.size() || !std::isfinite(number)) {
        return "\"" + value + "\" is not a number";
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
    auto last = sql.cbegin();
    for (auto it = std::sregex_iterator(sql.begin(), sql.end(), kReference);
         it != std::sregex_iterator(); ++it) {
        const auto& match = *it;
        out.append(last, match[0].first);
        const auto found = values.find(match[1].str());
        out += found != values.end() ? found->second : match[0].str();
        last = match[0].second;
    }
    out.append(last, sql.cend());
    return out;
}

VariableValues parse_overrides(const std::vector<std::string>& assignments) {
    static const std::regex kAssignment(R"(([a-z_][a-z0-9_]*)=(.*))");
    VariableValues values;
    for (const auto& assignment : assignments) {
        std::smatch match;
        if (!std::regex_match(assignment, match, kAssignment)) {
            throw UsageError("--set \"" + assignment + "\": expected name=value");
        }
        values[match[1].str()] = match[2].str();
    }
    return values;
}

}  // namespace opsctl
