#include "opsctl/runbook/loader.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <optional>
#include <set>
#include <span>
#include <sstream>
#include <string_view>

#include "opsctl/core/ascii_case.h"
#include "opsctl/core/cron.h"
#include "opsctl/core/quote.h"
#include "opsctl/core/suggest.h"
#include "opsctl/core/terminal_text.h"
#include "opsctl/runbook/statement_rule.h"
#include "opsctl/runbook/variables.h"
#include "opsctl/translate/dialect.h"

namespace opsctl {

using nlohmann::json;

std::string Diagnostic::to_string() const {
    std::string text =
        file + ":" + std::to_string(location.line) + ":" + std::to_string(location.column) + ": ";
    // A key may hold a newline or any byte: a diagnostic stays one line.
    if (!path.empty()) text += one_line(path, 500) + ": ";
    return text + one_line(message);
}

namespace {

// A runbook file larger than this is refused before it is parsed.
constexpr size_t kMaxFileBytes = size_t{16} * 1024 * 1024;

// Names as the CLI types them: [a-z0-9][a-z0-9-]*. (No std::regex on file contents:
// its matcher recurses per character and overflows the stack on long input.)
bool is_valid_name(const std::string& name) {
    const auto allowed = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    if (name.empty() || !allowed(name[0])) return false;
    return std::all_of(name.begin(), name.end(), [&](char c) { return allowed(c) || c == '-'; });
}

std::string join_path(const std::string& parent, std::string_view key) {
    std::string path;
    path.reserve(parent.size() + 1 + key.size());
    if (!parent.empty()) (path += parent) += '.';
    path += key;
    return path;
}

std::string index_path(const std::string& parent, size_t index) {
    return parent + "[" + std::to_string(index) + "]";
}

struct RuleSpec {
    std::string_view name;
    RuleKind kind;
    Severity severity;
};

constexpr RuleSpec kExpectationRules[] = {
    {"fail_above", RuleKind::Above, Severity::Fail},
    {"warn_above", RuleKind::Above, Severity::Warn},
    {"fail_below", RuleKind::Below, Severity::Fail},
    {"warn_below", RuleKind::Below, Severity::Warn},
    {"fail_above_column", RuleKind::AboveColumn, Severity::Fail},
    {"warn_above_column", RuleKind::AboveColumn, Severity::Warn},
    {"fail_below_column", RuleKind::BelowColumn, Severity::Fail},
    {"warn_below_column", RuleKind::BelowColumn, Severity::Warn},
    {"fail_if", RuleKind::EqualsAny, Severity::Fail},
    {"warn_if", RuleKind::EqualsAny, Severity::Warn},
    {"fail_unless", RuleKind::EqualsNone, Severity::Fail},
    {"warn_unless", RuleKind::EqualsNone, Severity::Warn},
    {"fail_older_than", RuleKind::OlderThan, Severity::Fail},
    {"warn_older_than", RuleKind::OlderThan, Severity::Warn},
    {"fail_drop_pct", RuleKind::DropPct, Severity::Fail},
    {"warn_drop_pct", RuleKind::DropPct, Severity::Warn},
    {"fail_rise_pct", RuleKind::RisePct, Severity::Fail},
    {"warn_rise_pct", RuleKind::RisePct, Severity::Warn},
};

constexpr int kMaxBaselineRuns = 100;

// "previous" is 1; "median:N" is N, from 1 to kMaxBaselineRuns; nullopt otherwise.
std::optional<int> baseline_runs(const std::string& text) {
    if (text == "previous") return 1;
    const std::string prefix = "median:";
    if (text.rfind(prefix, 0) != 0) return std::nullopt;
    const std::string digits = text.substr(prefix.size());
    int runs = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), runs);
    // As the schema says it: no sign, no leading zero.
    if (digits.empty() || digits[0] == '0' || ec != std::errc{} ||
        end != digits.data() + digits.size() || runs < 1 || runs > kMaxBaselineRuns) {
        return std::nullopt;
    }
    return runs;
}

// The members of `object` that name a rule, in kExpectationRules' order (evaluation and
// reports keep it whatever the file's order). One pass over the few members instead of
// a lookup per rule: this is the inner loop of loading a large runbook.
std::vector<std::pair<const RuleSpec*, const json*>> rule_members(const json& object) {
    std::vector<std::pair<const RuleSpec*, const json*>> found;
    for (auto it = object.begin(); it != object.end(); ++it) {
        for (const auto& spec : kExpectationRules) {
            if (it.key() == spec.name) {
                found.emplace_back(&spec, &it.value());
                break;
            }
        }
    }
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    return found;
}

// The keys of an expectation: its column, on_null and every rule.
const std::vector<std::string_view>& expectation_keys() {
    static const std::vector<std::string_view> keys = [] {
        std::vector<std::string_view> names{"column", "on_null", "case_sensitive", "baseline"};
        for (const auto& spec : kExpectationRules) names.emplace_back(spec.name);
        return names;
    }();
    return keys;
}

class RunbookReader {
  public:
    RunbookReader(const JsonDocument& doc, std::string file) : doc_(doc), file_(std::move(file)) {}

    std::vector<Diagnostic> take_diagnostics() { return std::move(diagnostics_); }

    Runbook read_runbook() {
        Runbook runbook;
        const json& root = doc_.root();
        if (!root.is_object()) {
            error_at_value("", "a runbook is a JSON object, found " + json_type_name(root));
            return runbook;
        }
        // "$schema" lets an editor find share/opsctl/schema/runbook.schema.json; ignored.
        check_keys(
            root, "",
            {"$schema", "runbook", "title", "description", "dialect", "variables", "checklists"});
        runbook.name = read_name(root, "", "runbook");
        runbook.title = read_one_line(root, "", "title");
        runbook.description = read_string(root, "", "description").value_or("");
        if (auto dialect = read_string(root, "", "dialect")) {
            if (const auto unknown = unknown_dialect(*dialect)) error_at_value("dialect", *unknown);
            runbook.dialect = canonical_dialect(*dialect);
        }
        runbook.variables = read_variables(root, "");
        const json* checklists = require(root, "", "checklists", json::value_t::array);
        if (checklists && checklists->empty()) {
            error_at_value("checklists", "a runbook needs at least one checklist");
        }
        if (checklists) {
            std::set<std::string> names;
            for (size_t i = 0; i < checklists->size(); ++i) {
                const std::string path = index_path("checklists", i);
                Checklist checklist = read_checklist((*checklists)[i], path, runbook.variables);
                if (!checklist.name.empty() && !names.insert(checklist.name).second) {
                    error_at_value(join_path(path, "name"),
                                   "duplicate checklist name " + quote_value(checklist.name));
                }
                runbook.checklists.push_back(std::move(checklist));
            }
        }
        return runbook;
    }

  private:
    void error_at_value(const std::string& path, std::string message) {
        diagnostics_.push_back({file_, doc_.value_location(path), path, std::move(message)});
    }
    void error_at_key(const std::string& path, std::string message) {
        diagnostics_.push_back({file_, doc_.key_location(path), path, std::move(message)});
    }

    void check_keys(const json& object, const std::string& path,
                    std::initializer_list<std::string_view> allowed) {
        check_keys(object, path,
                   std::span<const std::string_view>(allowed.begin(), allowed.size()));
    }
    void check_keys(const json& object, const std::string& path,
                    std::span<const std::string_view> allowed) {
        for (const auto& [key, value] : object.items()) {
            if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
            error_at_key(
                join_path(path, key),
                "unknown key " + quote_value(key) +
                    did_you_mean(key, std::vector<std::string>(allowed.begin(), allowed.end())));
        }
    }

    // The member `key` if present and of the right type; reports a wrong type.
    const json* member(const json& object, const std::string& path, std::string_view key,
                       json::value_t type) {
        const auto it = object.find(key);
        if (it == object.end()) return nullptr;
        const bool number_wanted = type == json::value_t::number_integer;
        const bool matches = number_wanted ? it->is_number_integer() : it->type() == type;
        if (!matches) {
            const std::string wanted = number_wanted ? "an integer" : json_type_name(json(type));
            error_at_value(join_path(path, key), "\"" + std::string(key) + "\" must be " + wanted +
                                                     ", found " + json_type_name(*it));
            return nullptr;
        }
        return &*it;
    }

    const json* require(const json& object, const std::string& path, std::string_view key,
                        json::value_t type) {
        if (!object.contains(key)) {
            error_at_value(path, "missing required key \"" + std::string(key) + "\"");
            return nullptr;
        }
        return member(object, path, key, type);
    }

    std::optional<std::string> read_string(const json& object, const std::string& path,
                                           std::string_view key) {
        const json* value = member(object, path, key, json::value_t::string);
        if (!value) return std::nullopt;
        return value->get<std::string>();
    }

    // Titles and schedule_text go into one line of a crontab, a log or a report header:
    // a newline there would start a crontab line of its own.
    std::string read_one_line(const json& object, const std::string& path, std::string_view key) {
        std::string text = read_string(object, path, key).value_or("");
        if (has_control_character(text)) {
            error_at_value(join_path(path, key), quote_value(text) +
                                                     " holds a control character: \"" +
                                                     std::string(key) + "\" is one line of text");
        }
        return text;
    }

    std::string read_name(const json& object, const std::string& path, std::string_view key) {
        const json* value = require(object, path, key, json::value_t::string);
        if (!value) return {};
        std::string name = value->get<std::string>();
        if (!is_valid_name(name)) {
            error_at_value(join_path(path, key), quote_value(name) + " is not a valid " +
                                                     std::string(key) +
                                                     ": use lower-case letters, digits and '-'");
        }
        return name;
    }

    std::optional<Duration> read_duration(const json& object, const std::string& path,
                                          std::string_view key) {
        auto text = read_string(object, path, key);
        if (!text) return std::nullopt;
        auto duration = parse_duration(*text);
        if (!duration) {
            error_at_value(join_path(path, key),
                           quote_value(*text) +
                               " is not a duration (examples: \"90s\", \"5m\", "
                               "\"24h\", \"1d\")");
        }
        return duration;
    }

    // A timeout no connector can enforce would fail every step, or expire at once.
    void check_timeout_in_range(const std::optional<Duration>& timeout, const std::string& path) {
        if (timeout && *timeout > kLongestTimeout) {
            error_at_value(join_path(path, "timeout"),
                           "\"" + format_duration(*timeout) + "\" is longer than " +
                               format_duration(kLongestTimeout) +
                               ", the longest timeout opsctl can enforce");
        }
    }

    std::map<std::string, Variable> read_variables(const json& object, const std::string& path) {
        std::map<std::string, Variable> variables;
        const json* block = member(object, path, "variables", json::value_t::object);
        if (!block) return variables;
        const std::string block_path = join_path(path, "variables");
        for (const auto& [name, spec] : block->items()) {
            const std::string var_path = join_path(block_path, name);
            if (!is_variable_name(name)) {
                error_at_key(var_path, quote_value(name) +
                                           " is not a valid variable name: use lower-case "
                                           "letters, digits and '_'");
            }
            if (!spec.is_object()) {
                error_at_value(var_path,
                               "a variable is an object {\"default\": ..., "
                               "\"description\": ...}, found " +
                                   json_type_name(spec));
                continue;
            }
            check_keys(spec, var_path, {"default", "description"});
            Variable variable;
            const auto found = spec.find("default");
            if (found == spec.end()) {
                error_at_value(var_path, "missing required key \"default\"");
            } else if (found->is_number()) {
                variable.default_value = number_spelling(*found);
                variable.is_number = true;
            } else if (found->is_string()) {
                variable.default_value = found->get<std::string>();
            } else {
                error_at_value(
                    join_path(var_path, "default"),
                    "\"default\" must be a number or a string, found " + json_type_name(*found));
            }
            variable.description = read_string(spec, var_path, "description").value_or("");
            variables[name] = variable;
        }
        return variables;
    }

    Checklist read_checklist(const json& object, const std::string& path,
                             const std::map<std::string, Variable>& runbook_variables) {
        Checklist checklist;
        if (!object.is_object()) {
            error_at_value(path, "a checklist is an object, found " + json_type_name(object));
            return checklist;
        }
        check_keys(object, path,
                   {"name", "title", "description", "schedule", "schedule_text", "duration_minutes",
                    "owner", "response_time", "resolution_time", "variables", "steps"});
        checklist.name = read_name(object, path, "name");
        checklist.title = read_one_line(object, path, "title");
        checklist.description = read_string(object, path, "description").value_or("");
        if (auto schedule = read_string(object, path, "schedule")) {
            if (auto problem = check_cron_expression(*schedule)) {
                error_at_value(join_path(path, "schedule"),
                               "invalid schedule " + quote_value(*schedule) + ": " + *problem);
            }
            checklist.schedule = *schedule;
        }
        checklist.schedule_text = read_one_line(object, path, "schedule_text");
        if (const json* minutes =
                member(object, path, "duration_minutes", json::value_t::number_integer)) {
            // An integer JSON number may be far beyond int: refuse it, never wrap it.
            if (minutes->is_number_unsigned()
                    ? minutes->get<std::uint64_t>() > 100000
                    : minutes->get<std::int64_t>() < 0 || minutes->get<std::int64_t>() > 100000) {
                error_at_value(join_path(path, "duration_minutes"),
                               "\"duration_minutes\" must lie between 0 and 100000");
            } else {
                checklist.duration_minutes = minutes->get<int>();
            }
        }
        checklist.owner = read_string(object, path, "owner").value_or("");
        checklist.response_time = read_duration(object, path, "response_time");
        checklist.resolution_time = read_duration(object, path, "resolution_time");
        checklist.variables = read_variables(object, path);

        // Variables visible to this checklist's steps.
        std::map<std::string, Variable> scope = runbook_variables;
        for (const auto& [name, variable] : checklist.variables) scope[name] = variable;

        const json* steps = require(object, path, "steps", json::value_t::array);
        if (steps && steps->empty()) {
            error_at_value(join_path(path, "steps"), "a checklist needs at least one step");
        }
        if (steps) {
            std::set<std::string> ids;
            for (size_t i = 0; i < steps->size(); ++i) {
                const std::string step_path = index_path(join_path(path, "steps"), i);
                Step step = read_step((*steps)[i], step_path, scope);
                if (!step.id.empty() && !ids.insert(step.id).second) {
                    error_at_value(join_path(step_path, "id"),
                                   "duplicate step id " + quote_value(step.id) + " in checklist " +
                                       quote_value(checklist.name));
                }
                checklist.steps.push_back(std::move(step));
            }
        }
        return checklist;
    }

    Step read_step(const json& object, const std::string& path,
                   const std::map<std::string, Variable>& scope) {
        Step step;
        if (!object.is_object()) {
            error_at_value(path, "a step is an object, found " + json_type_name(object));
            return step;
        }
        check_keys(object, path,
                   {"id", "title", "description", "sql", "shell", "optional", "manual", "timeout",
                    "key", "show", "expect", "row_count", "report", "on_empty"});
        step.id = read_name(object, path, "id");
        step.title = read_one_line(object, path, "title");
        step.description = read_string(object, path, "description").value_or("");
        step.timeout = read_duration(object, path, "timeout");
        check_timeout_in_range(step.timeout, path);

        read_kind(object, path, step, scope);
        read_key(object, path, step);
        read_show(object, path, step);
        if (const json* report = member(object, path, "report", json::value_t::boolean)) {
            step.report = report->get<bool>();
        }
        read_optional(object, path, step);
        read_expectations(object, path, step, scope);
        read_row_count(object, path, step, scope);
        step.on_empty = read_empty_policy(object, path);
        check_checks_fit_kind(step, path);
        return step;
    }

    // Exactly one of "sql", "shell" and "manual": true says what the step is.
    void read_kind(const json& object, const std::string& path, Step& step,
                   const std::map<std::string, Variable>& scope) {
        const bool has_sql = object.contains("sql");
        const bool has_shell = object.contains("shell");
        bool is_manual = false;
        if (const json* manual = member(object, path, "manual", json::value_t::boolean)) {
            is_manual = manual->get<bool>();
        }
        // "manual" of the wrong type is reported above; it still declares the kind, so
        // the step is not also reported as having none.
        const auto manual = object.find("manual");
        const bool declares_manual = is_manual || (manual != object.end() && !manual->is_boolean());
        const int kinds = int(has_sql) + int(has_shell) + int(declares_manual);
        if (kinds != 1) {
            error_at_value(path, kinds == 0 ? "a step needs one of \"sql\", \"shell\" or "
                                              "\"manual\": true"
                                            : "a step has exactly one of \"sql\", \"shell\" "
                                              "and \"manual\": true");
        }
        if (has_sql) {
            step.kind = StepKind::Sql;
            read_sql(object, path, step, scope);
        } else if (has_shell) {
            step.kind = StepKind::Shell;
            read_shell(object, path, step);
        } else {
            step.kind = StepKind::Manual;
        }
    }

    void read_key(const json& object, const std::string& path, Step& step) {
        const auto it = object.find("key");
        if (it == object.end()) return;
        if (it->is_string()) {
            step.key.push_back(it->get<std::string>());
        } else if (it->is_array() && !it->empty() &&
                   std::all_of(it->begin(), it->end(),
                               [](const json& part) { return part.is_string(); })) {
            for (const auto& part : *it) step.key.push_back(part.get<std::string>());
        } else {
            error_at_value(join_path(path, "key"),
                           "\"key\" must be a column name or an array of column names");
        }
    }

    void read_expectations(const json& object, const std::string& path, Step& step,
                           const std::map<std::string, Variable>& scope) {
        const json* expect = member(object, path, "expect", json::value_t::array);
        if (!expect) return;
        for (size_t i = 0; i < expect->size(); ++i) {
            step.expectations.push_back(
                read_expectation((*expect)[i], index_path(join_path(path, "expect"), i), scope));
        }
    }

    void read_row_count(const json& object, const std::string& path, Step& step,
                        const std::map<std::string, Variable>& scope) {
        const json* rows = member(object, path, "row_count", json::value_t::object);
        if (!rows) return;
        const std::string rows_path = join_path(path, "row_count");
        check_keys(*rows, rows_path, {"fail_above", "warn_above", "fail_below", "warn_below"});
        for (const auto& [spec, value] : rule_members(*rows)) {
            if (spec->kind != RuleKind::Above && spec->kind != RuleKind::Below) continue;
            step.row_count_rules.push_back(
                read_rule(*spec, *value, join_path(rows_path, spec->name), scope));
        }
        if (rows->empty()) error_at_value(rows_path, "\"row_count\" names no threshold");
    }

    // An sql step must be able to fail; checks on any other step would check nothing.
    void check_checks_fit_kind(const Step& step, const std::string& path) {
        const bool has_checks = !step.expectations.empty() || !step.row_count_rules.empty();
        if (step.kind == StepKind::Sql && !has_checks && !step.report) {
            error_at_value(path,
                           "an sql step needs \"expect\", \"row_count\" or \"report\": "
                           "true, so that it can fail");
        }
        if (step.kind != StepKind::Sql && (has_checks || step.report || !step.key.empty() ||
                                           !step.show.empty() || step.on_empty)) {
            error_at_value(path,
                           "\"expect\", \"row_count\", \"report\", \"key\", \"show\" and "
                           "\"on_empty\" apply to sql steps only");
        }
    }

    void read_show(const json& object, const std::string& path, Step& step) {
        const auto it = object.find("show");
        if (it == object.end()) return;
        const bool names =
            it->is_array() && !it->empty() &&
            std::all_of(it->begin(), it->end(), [](const json& part) {
                return part.is_string() && !part.get_ref<const std::string&>().empty();
            });
        if (!names) {
            error_at_value(join_path(path, "show"),
                           "\"show\" must be a non-empty array of column names");
            return;
        }
        for (const auto& part : *it) {
            const std::string name = part.get<std::string>();
            // Engines fold case: "a" and "A" would name one column, shown twice.
            const bool repeated =
                std::any_of(step.show.begin(), step.show.end(), [&](const std::string& earlier) {
                    return equals_ignoring_ascii_case(earlier, name);
                });
            if (repeated) {
                error_at_value(join_path(path, "show"),
                               "\"show\" names " + quote_value(name) + " twice");
                return;
            }
            step.show.push_back(name);
        }
    }

    // Only a program can be missing: on any other step "optional" would promise a
    // leniency that nothing gives.
    void read_optional(const json& object, const std::string& path, Step& step) {
        const auto optional = object.find("optional");
        if (optional == object.end()) return;
        const std::string optional_path = join_path(path, "optional");
        if (!optional->is_boolean()) {
            error_at_value(optional_path, "step " + quote_value(step.id) +
                                              ": \"optional\" must be true or false, found " +
                                              json_type_name(*optional));
        } else if (step.kind != StepKind::Shell) {
            error_at_value(optional_path,
                           "step " + quote_value(step.id) +
                               ": \"optional\" applies to shell steps only (a program that "
                               "may be missing)");
        } else {
            step.optional = optional->get<bool>();
        }
    }

    std::optional<EmptyPolicy> read_empty_policy(const json& object, const std::string& path) {
        const auto on_empty = read_string(object, path, "on_empty");
        if (!on_empty) return std::nullopt;
        if (*on_empty == "warn") return EmptyPolicy::Warn;
        if (*on_empty == "fail") return EmptyPolicy::Fail;
        if (*on_empty == "pass") return EmptyPolicy::Pass;
        error_at_value(join_path(path, "on_empty"),
                       "\"on_empty\" is one of \"warn\", \"fail\", \"pass\"" +
                           did_you_mean(*on_empty, {"warn", "fail", "pass"}));
        return std::nullopt;
    }

    void check_sql_variables(const std::string& sql, const std::string& path,
                             const std::map<std::string, Variable>& scope) {
        for (const auto& name : referenced_variables(sql)) {
            if (scope.count(name)) continue;
            error_at_value(path, "the SQL uses ${" + name +
                                     "}, which is not declared in "
                                     "\"variables\"" +
                                     did_you_mean(name, names_of(scope)));
        }
    }

    void read_sql(const json& object, const std::string& path, Step& step,
                  const std::map<std::string, Variable>& scope) {
        const json& sql = object.at("sql");
        const std::string sql_path = join_path(path, "sql");
        if (sql.is_string()) {
            if (sql.get<std::string>().find_first_not_of(" \t\r\n") == std::string::npos) {
                error_at_value(sql_path, "\"sql\" is empty");
            }
            step.sql[""] = sql.get<std::string>();
            check_sql_variables(step.sql[""], sql_path, scope);
            if (auto refusal = refused_statement(step.sql[""])) {
                error_at_value(sql_path, "step " + quote_value(step.id) + ": " + *refusal);
            }
            return;
        }
        if (!sql.is_object() || sql.empty()) {
            error_at_value(sql_path,
                           "\"sql\" must be a string, or an object of dialect -> "
                           "string, found " +
                               json_type_name(sql));
            return;
        }
        step.sql_is_variants = true;
        for (const auto& [dialect, text] : sql.items()) {
            const std::string variant_path = join_path(sql_path, dialect);
            if (const auto unknown = unknown_dialect(dialect)) error_at_key(variant_path, *unknown);
            if (!text.is_string()) {
                error_at_value(variant_path, "the SQL of a dialect must be a string, found " +
                                                 json_type_name(text));
                continue;
            }
            const std::string canonical = canonical_dialect(dialect);
            if (step.sql.count(canonical)) {
                error_at_key(variant_path, "a second SQL for dialect " + canonical);
                continue;
            }
            step.sql[canonical] = text.get<std::string>();
            check_sql_variables(step.sql[canonical], variant_path, scope);
            if (auto refusal = refused_statement(text.get<std::string>())) {
                error_at_value(variant_path, "step " + quote_value(step.id) + ": " + *refusal);
            }
        }
    }

    void read_shell(const json& object, const std::string& path, Step& step) {
        const json& shell = object.at("shell");
        const bool valid = shell.is_array() && !shell.empty() &&
                           std::all_of(shell.begin(), shell.end(),
                                       [](const json& arg) { return arg.is_string(); }) &&
                           !shell[0].get<std::string>().empty();
        if (!valid) {
            error_at_value(join_path(path, "shell"),
                           "\"shell\" must be a non-empty array of strings: the program and "
                           "its arguments");
            return;
        }
        for (const auto& arg : shell) step.shell.push_back(arg.get<std::string>());
    }

    Expectation read_expectation(const json& object, const std::string& path,
                                 const std::map<std::string, Variable>& scope) {
        Expectation expectation;
        if (!object.is_object()) {
            error_at_value(path, "an expectation is an object, found " + json_type_name(object));
            return expectation;
        }
        check_keys(object, path, expectation_keys());

        const auto column = read_string(object, path, "column");
        if (!object.contains("column")) {
            error_at_value(path, "the expectation names no column (add \"column\": ...)");
        } else if (column && column->empty()) {
            error_at_value(join_path(path, "column"), "\"column\" is empty");
        }
        expectation.column = column.value_or("");

        if (auto on_null = read_string(object, path, "on_null")) {
            if (*on_null == "fail") {
                expectation.on_null = NullPolicy::Fail;
            } else if (*on_null == "warn") {
                expectation.on_null = NullPolicy::Warn;
            } else if (*on_null == "pass") {
                expectation.on_null = NullPolicy::Pass;
            } else {
                error_at_value(join_path(path, "on_null"),
                               "\"on_null\" is one of \"fail\", \"warn\", \"pass\"" +
                                   did_you_mean(*on_null, {"fail", "warn", "pass"}));
            }
        }
        if (const json* flag = member(object, path, "case_sensitive", json::value_t::boolean)) {
            expectation.case_sensitive = flag->get<bool>();
        }
        for (const auto& [spec, value] : rule_members(object)) {
            expectation.rules.push_back(
                read_rule(*spec, *value, join_path(path, spec->name), scope));
        }
        if (expectation.rules.empty()) {
            error_at_value(path,
                           "the expectation has no rule (fail_above, warn_below, "
                           "fail_if, ...)");
        }
        read_baseline(object, path, expectation);
        check_warn_before_fail(expectation.rules, path);
        return expectation;
    }

    // "baseline": what the expectation's drop and rise rules compare with.
    void read_baseline(const json& object, const std::string& path, Expectation& expectation) {
        const auto text = read_string(object, path, "baseline");
        if (!text) return;
        const std::string at = join_path(path, "baseline");
        const std::optional<int> runs = baseline_runs(*text);
        if (!runs) {
            error_at_value(at, "\"baseline\" is \"previous\" or \"median:N\" with N from 1 to " +
                                   std::to_string(kMaxBaselineRuns) + ", found " +
                                   quote_value(*text));
            return;
        }
        bool any = false;
        for (Rule& rule : expectation.rules) {
            if (!is_drift_rule(rule)) continue;
            rule.baseline_runs = *runs;
            any = true;
        }
        if (!any) {
            error_at_value(at,
                           "\"baseline\" is for drop and rise rules (fail_drop_pct, "
                           "warn_rise_pct, ...), and the expectation has none");
        }
    }

    // A warning band that lies beyond the failure threshold could never fire.
    void check_warn_before_fail(const std::vector<Rule>& rules, const std::string& path) {
        for (const auto& warn : rules) {
            for (const auto& fail : rules) {
                if (warn.severity != Severity::Warn || fail.severity != Severity::Fail ||
                    warn.kind != fail.kind || !warn.variable.empty() || !fail.variable.empty()) {
                    continue;
                }
                const bool unreachable =
                    (warn.kind == RuleKind::Above && warn.number > fail.number) ||
                    (warn.kind == RuleKind::Below && warn.number < fail.number) ||
                    (warn.kind == RuleKind::OlderThan && warn.age > fail.age) ||
                    (is_drift_rule(warn) && warn.number > fail.number &&
                     warn.baseline_runs == fail.baseline_runs);
                if (unreachable) {
                    error_at_value(join_path(path, warn.name),
                                   "\"" + warn.name + "\" lies beyond \"" + fail.name +
                                       "\": the warning could never fire");
                }
            }
        }
    }

    // A number exactly as the file writes it: a double in between would round.
    std::string number_spelling(const json& value) const {
        const std::string* spelling = doc_.number_spelling(value);
        return spelling ? *spelling : value.dump();
    }

    Rule read_rule(const RuleSpec& spec, const json& value, const std::string& path,
                   const std::map<std::string, Variable>& scope) {
        Rule rule;
        rule.kind = spec.kind;
        rule.severity = spec.severity;
        rule.name = spec.name;
        switch (spec.kind) {
            case RuleKind::Above:
            case RuleKind::Below:
            case RuleKind::OlderThan:
                read_threshold(rule, value, path, scope);
                break;
            case RuleKind::DropPct:
            case RuleKind::RisePct:
                read_threshold(rule, value, path, scope);
                if (rule.variable.empty() && rule.number < 0) {
                    error_at_value(path, "\"" + rule.name + "\" is a percentage, 0 or more");
                }
                break;
            case RuleKind::AboveColumn:
            case RuleKind::BelowColumn:
                read_other_column(rule, value, path);
                break;
            case RuleKind::EqualsAny:
            case RuleKind::EqualsNone:
                read_words(rule, value, path);
                break;
        }
        return rule;
    }

    // A number, a duration for OlderThan, or a "${variable}" bound to its default.
    void read_threshold(Rule& rule, const json& value, const std::string& path,
                        const std::map<std::string, Variable>& scope) {
        const auto variable = value.is_string() ? variable_reference(value.get<std::string>())
                                                : std::optional<std::string>();
        if (variable) {
            bind_variable_threshold(rule, *variable, path, scope);
        } else if (rule.kind == RuleKind::OlderThan) {
            read_age(rule, value, path);
        } else if (!value.is_number()) {
            error_at_value(path, "\"" + rule.name +
                                     "\" must be a number or a "
                                     "\"${variable}\", found " +
                                     json_type_name(value));
        } else {
            rule.number = value.get<double>();
            rule.number_text = number_spelling(value);
        }
    }

    void bind_variable_threshold(Rule& rule, const std::string& variable, const std::string& path,
                                 const std::map<std::string, Variable>& scope) {
        rule.variable = variable;
        const auto found = scope.find(variable);
        if (found == scope.end()) {
            error_at_value(path, "unknown variable ${" + variable + "}" +
                                     did_you_mean(variable, names_of(scope)));
        } else if (auto problem = bind_rule(rule, found->second.default_value)) {
            error_at_value(path, "the default of ${" + variable + "}: " + *problem);
        }
    }

    void read_age(Rule& rule, const json& value, const std::string& path) {
        if (!value.is_string() || !parse_duration(value.get<std::string>())) {
            error_at_value(path, "\"" + rule.name +
                                     "\" must be a duration such as \"24h\" or a "
                                     "\"${variable}\", found " +
                                     (value.is_string() ? quote_value(value.get<std::string>())
                                                        : json_type_name(value)));
        } else {
            rule.age = *parse_duration(value.get<std::string>());
        }
    }

    void read_other_column(Rule& rule, const json& value, const std::string& path) {
        if (!value.is_string() || value.get<std::string>().empty()) {
            error_at_value(path, "\"" + rule.name + "\" must name a column");
        } else {
            rule.column = value.get<std::string>();
        }
    }

    void read_words(Rule& rule, const json& value, const std::string& path) {
        if (value.is_string()) {
            rule.strings.push_back(value.get<std::string>());
        } else if (value.is_array() && !value.empty() &&
                   std::all_of(value.begin(), value.end(),
                               [](const json& v) { return v.is_string(); })) {
            for (const auto& v : value) rule.strings.push_back(v.get<std::string>());
        } else {
            error_at_value(path, "\"" + rule.name + "\" must be a string or an array of strings");
        }
    }

    const JsonDocument& doc_;
    std::string file_;
    std::vector<Diagnostic> diagnostics_;
};

LoadResult too_large(size_t bytes, const std::string& file_name) {
    LoadResult result;
    result.diagnostics.push_back({file_name,
                                  {1, 1},
                                  "",
                                  "the file has " + std::to_string(bytes) +
                                      " bytes; a runbook is at most " +
                                      std::to_string(kMaxFileBytes) + " bytes"});
    return result;
}

}  // namespace

LoadResult load_runbook_text(const std::string& text, const std::string& file_name) {
    LoadResult result;
    if (text.size() > kMaxFileBytes) return too_large(text.size(), file_name);
    const JsonDocument doc = JsonDocument::parse(text);
    if (!doc.ok()) {
        const auto& [location, message] = *doc.syntax_error();
        // A broken limit names the value; a syntax error only its place.
        const std::string& path = doc.syntax_error_path();
        result.diagnostics.push_back(
            {file_name, location, path, path.empty() ? "invalid JSON: " + message : message});
        return result;
    }
    for (const auto& [path, location] : doc.duplicate_keys()) {
        result.diagnostics.push_back({file_name, location, path, "duplicate key"});
    }
    RunbookReader reader(doc, file_name);
    Runbook runbook = reader.read_runbook();
    for (auto& diagnostic : reader.take_diagnostics()) {
        result.diagnostics.push_back(std::move(diagnostic));
    }
    if (result.diagnostics.empty()) {
        runbook.source_path = file_name;
        result.runbook = std::move(runbook);
    }
    return result;
}

LoadResult load_runbook_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        LoadResult result;
        result.diagnostics.push_back({path, {1, 1}, "", "cannot read the file"});
        return result;
    }
    // Refuse a huge file before reading it into memory.
    in.seekg(0, std::ios::end);
    const auto size = in.tellg();
    if (size > 0 && static_cast<size_t>(size) > kMaxFileBytes) {
        return too_large(static_cast<size_t>(size), path);
    }
    in.seekg(0, std::ios::beg);
    std::ostringstream text;
    text << in.rdbuf();
    return load_runbook_text(text.str(), path);
}

}  // namespace opsctl
