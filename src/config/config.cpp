#include "opsctl/config/config.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "opsctl/connect/connector_kinds.h"
#include "opsctl/connect/target.h"
#include "opsctl/core/duration.h"
#include "opsctl/core/error.h"
#include "opsctl/core/json_document.h"
#include "opsctl/core/quote.h"
#include "opsctl/core/suggest.h"
#include "opsctl/runbook/variables.h"
#include "opsctl/translate/dialect.h"

namespace opsctl {

namespace {

using nlohmann::json;

// Function-local statics: built on first use, where a throw can be caught
// (cert-err58-cpp), not before main().
const std::vector<std::string>& top_keys() {
    // "$schema" lets an editor find share/opsctl/schema/config.schema.json; ignored.
    static const std::vector<std::string> keys{
        "$schema", "default_target", "targets", "require_read_only_role", "history", "notify"};
    return keys;
}
const std::vector<std::string>& target_keys() {
    static const std::vector<std::string> keys{
        "connector",     "dsn",     "host",      "port",
        "dbname",        "user",    "path",      "password_env",
        "password_file", "dialect", "variables", "require_read_only_role",
        "notify"};
    return keys;
}
const std::vector<std::string>& notify_keys() {
    static const std::vector<std::string> keys{
        "type", "url_env", "url_file", "routing_key_env", "repeat_every", "checklists"};
    return keys;
}
const std::vector<std::string>& notify_types() {
    static const std::vector<std::string> types{"webhook", "slack", "teams", "pagerduty"};
    return types;
}
const std::vector<std::string>& connectors() {
    static const std::vector<std::string> names = connector_config_names();
    return names;
}
// Keys people write for an inline secret: refused with advice, not as a mere typo.
bool is_inline_secret_key(const std::string& key) {
    static const std::set<std::string> keys{"password", "passwd", "pwd", "secret"};
    return keys.count(key) != 0;
}

// Names are checked by hand, not with std::regex: its matcher recurses per character
// and a hostile config may hold megabytes in a name.
bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

// Target names are plain words ([A-Za-z0-9_][A-Za-z0-9_-]*), so that `--target NAME`
// never looks like a connection string and a key path ("targets.NAME.dsn") stays
// unambiguous.
bool is_target_name(const std::string& name) {
    return !name.empty() && is_name_char(name[0]) &&
           std::all_of(name.begin(), name.end(),
                       [](char c) { return is_name_char(c) || c == '-'; });
}

// [A-Za-z_][A-Za-z0-9_]*, as a shell names its variables.
bool is_environment_name(const std::string& name) {
    return !name.empty() && std::isdigit(static_cast<unsigned char>(name[0])) == 0 &&
           std::all_of(name.begin(), name.end(), is_name_char);
}

class ConfigReader {
  public:
    ConfigReader(const JsonDocument& doc, std::string source)
        : doc_(doc), source_(std::move(source)) {}

    Config read() {
        Config config;
        config.source_name = source_;
        const json& root = doc_.root();
        if (!root.is_object())
            fail_at_value("", "a config file is a JSON object, found " + json_type_name(root));
        check_keys(root, "", top_keys());
        if (root.contains("targets")) {
            const json& targets = root.at("targets");
            if (!targets.is_object()) {
                fail_at_value("targets", "expected an object of targets by name, found " +
                                             json_type_name(targets));
            }
            for (const auto& [name, value] : targets.items()) {
                config.targets.push_back(read_target(name, value));
            }
            // nlohmann orders keys; the file's order reads better in `opsctl targets`.
            std::sort(config.targets.begin(), config.targets.end(),
                      [](const TargetConfig& a, const TargetConfig& b) { return a.line < b.line; });
        }
        if (root.contains("require_read_only_role")) {
            config.require_read_only_role = bool_at(root, "", "require_read_only_role");
        }
        if (root.contains("history")) config.history = string_at(root, "", "history");
        if (root.contains("notify")) config.notify = read_notify_list(root.at("notify"), "notify");
        if (root.contains("default_target")) {
            config.default_target = string_at(root, "", "default_target");
            if (!config.find(config.default_target)) {
                fail_at_value("default_target",
                              "no target \"" + config.default_target + "\" in targets" +
                                  did_you_mean(config.default_target, config.target_names()));
            }
        }
        return config;
    }

  private:
    [[noreturn]] void fail(const SourceLocation& where, const std::string& path,
                           const std::string& message) const {
        std::string text =
            source_ + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) + ": ";
        if (!path.empty()) text += path + ": ";
        // Keys come from the file: a "\n" escape in one must not break the line.
        throw UsageError(one_line(text + message));
    }
    [[noreturn]] void fail_at_value(const std::string& path, const std::string& message) const {
        fail(doc_.value_location(path), path, message);
    }
    [[noreturn]] void fail_at_key(const std::string& path, const std::string& message) const {
        fail(doc_.key_location(path), path, message);
    }

    static std::string join(const std::string& parent, const std::string& key) {
        return parent.empty() ? key : parent + "." + key;
    }

    void check_keys(const json& object, const std::string& path,
                    const std::vector<std::string>& allowed) const {
        for (const auto& [key, value] : object.items()) {
            if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
            if (is_inline_secret_key(key)) {
                fail_at_key(join(path, key),
                            "an inline password is refused: name an environment variable "
                            "(\"password_env\") or a file (\"password_file\") that holds it");
            }
            fail_at_key(join(path, key),
                        "unknown key \"" + key + "\"" + did_you_mean(key, allowed));
        }
    }

    bool bool_at(const json& object, const std::string& path, const std::string& key) const {
        const json& value = object.at(key);
        if (!value.is_boolean()) {
            fail_at_value(join(path, key),
                          "expected true or false, found " + json_type_name(value));
        }
        return value.get<bool>();
    }

    std::string string_at(const json& object, const std::string& path,
                          const std::string& key) const {
        const json& value = object.at(key);
        if (!value.is_string()) {
            fail_at_value(join(path, key), "expected a string, found " + json_type_name(value));
        }
        std::string text = value.get<std::string>();
        if (text.empty()) fail_at_value(join(path, key), "must not be empty");
        return text;
    }

    TargetConfig read_target(const std::string& name, const json& object) {
        const std::string path = "targets." + name;
        if (!is_target_name(name)) {
            fail_at_key(path,
                        "a target name is letters, digits, '_' and '-' (found \"" + name + "\")");
        }
        if (!object.is_object()) {
            fail_at_value(path, "a target is an object, found " + json_type_name(object));
        }
        check_keys(object, path, target_keys());
        TargetConfig target;
        target.name = name;
        target.line = doc_.key_location(path).line;
        if (!object.contains("connector")) {
            fail_at_key(path, fmt::format("missing \"connector\" (one of {})",
                                          fmt::join(connectors(), ", ")));
        }
        target.connector = string_at(object, path, "connector");
        if (std::find(connectors().begin(), connectors().end(), target.connector) ==
            connectors().end()) {
            fail_at_value(join(path, "connector"),
                          fmt::format("unknown connector \"{}\" ({}){}", target.connector,
                                      fmt::join(connectors(), ", "),
                                      did_you_mean(target.connector, connectors())));
        }
        if (object.contains("dsn")) {
            target.dsn = string_at(object, path, "dsn");
            if (holds_password(target.dsn)) {
                // The message must not repeat the dsn: it holds the secret.
                fail_at_value(join(path, "dsn"),
                              "the dsn holds an inline password, which is refused: take it "
                              "out and name an environment variable (\"password_env\") or a "
                              "file (\"password_file\") that holds it");
            }
        }
        for (const ConnectorKind& kind : connector_kinds()) {
            for (const std::string_view field : kind.config_fields) {
                read_location_field(object, path, std::string(field), target);
            }
        }
        read_secret(object, path, target);
        if (object.contains("dialect")) {
            target.dialect = string_at(object, path, "dialect");
            if (const auto unknown = unknown_dialect(target.dialect)) {
                fail_at_value(join(path, "dialect"), *unknown);
            }
            target.dialect = canonical_dialect(target.dialect);
        }
        if (object.contains("require_read_only_role")) {
            target.require_read_only_role = bool_at(object, path, "require_read_only_role");
        }
        if (object.contains("variables")) read_variables(object.at("variables"), path, target);
        if (object.contains("notify")) {
            target.notify = read_notify_list(object.at("notify"), join(path, "notify"));
        }
        check_connector_fields(object, path, target);
        return target;
    }

    // One of a connector's own fields (host, port; path): a string, or a port number.
    void read_location_field(const json& object, const std::string& path, const std::string& key,
                             TargetConfig& target) const {
        if (!object.contains(key)) return;
        const json& value = object.at(key);
        if (key == "port" && value.is_number_unsigned()) {
            target.parameters[key] = std::to_string(value.get<unsigned long long>());
            return;
        }
        target.parameters[key] = string_at(object, path, key);
    }

    void read_secret(const json& object, const std::string& path, TargetConfig& target) const {
        if (object.contains("password_env") && object.contains("password_file")) {
            fail_at_key(join(path, "password_file"),
                        "give either \"password_env\" or \"password_file\", not both");
        }
        if (object.contains("password_env")) {
            target.secret = SecretSource::Environment;
            target.secret_reference = string_at(object, path, "password_env");
            if (!is_environment_name(target.secret_reference)) {
                // Not echoed: a password pasted here by mistake must not be printed.
                fail_at_value(join(path, "password_env"),
                              "expected the name of an environment variable (letters, digits "
                              "and '_'), not the password itself");
            }
        } else if (object.contains("password_file")) {
            target.secret = SecretSource::File;
            target.secret_reference = string_at(object, path, "password_file");
        }
    }

    void read_variables(const json& variables, const std::string& path,
                        TargetConfig& target) const {
        const std::string variables_path = join(path, "variables");
        if (!variables.is_object()) {
            fail_at_value(variables_path, "expected an object of variable values, found " +
                                              json_type_name(variables));
        }
        for (const auto& [name, value] : variables.items()) {
            const std::string variable_path = join(variables_path, name);
            if (!is_variable_name(name)) {
                fail_at_key(variable_path, "a variable name is lower-case letters, digits and '_'");
            }
            if (value.is_string()) {
                target.variables[name] = value.get<std::string>();
            } else if (value.is_number()) {
                // Exactly as written: a threshold must not pass through a double.
                const std::string* spelling = doc_.number_spelling(value);
                target.variables[name] = spelling ? *spelling : value.dump();
            } else {
                fail_at_value(variable_path,
                              "expected a number or a string, found " + json_type_name(value));
            }
        }
    }

    std::vector<NotifyConfig> read_notify_list(const json& list, const std::string& path) const {
        if (!list.is_array()) {
            fail_at_value(path, "expected a list of destinations, found " + json_type_name(list));
        }
        std::vector<NotifyConfig> entries;
        for (size_t i = 0; i < list.size(); ++i) {
            entries.push_back(read_notify(list[i], path + "[" + std::to_string(i) + "]"));
        }
        return entries;
    }

    NotifyConfig read_notify(const json& object, const std::string& path) const {
        if (!object.is_object()) {
            fail_at_value(path, "a destination is an object, found " + json_type_name(object));
        }
        for (const std::string key : {"url", "routing_key", "webhook"}) {
            if (object.contains(key)) {
                fail_at_key(join(path, key),
                            "an inline URL or routing key is refused (it is a secret): name an "
                            "environment variable (\"url_env\", \"routing_key_env\") or a "
                            "file (\"url_file\") that holds it");
            }
        }
        check_keys(object, path, notify_keys());
        NotifyConfig entry;
        const SourceLocation at = doc_.value_location(path);
        entry.where =
            source_ + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": " + path;
        if (!object.contains("type")) {
            fail_at_value(
                path, fmt::format("missing \"type\" (one of {})", fmt::join(notify_types(), ", ")));
        }
        entry.type = string_at(object, path, "type");
        if (std::find(notify_types().begin(), notify_types().end(), entry.type) ==
            notify_types().end()) {
            fail_at_value(join(path, "type"),
                          fmt::format("unknown destination type \"{}\" ({}){}", entry.type,
                                      fmt::join(notify_types(), ", "),
                                      did_you_mean(entry.type, notify_types())));
        }
        read_notify_secret(object, path, entry);
        if (object.contains("repeat_every")) {
            entry.repeat_every = string_at(object, path, "repeat_every");
            if (!parse_duration(entry.repeat_every)) {
                fail_at_value(join(path, "repeat_every"),
                              "not a duration (examples: \"4h\", \"24h\", \"1d\")");
            }
        }
        if (object.contains("checklists")) entry.checklists = read_checklist_names(object, path);
        return entry;
    }

    // Exactly one of the secret references the type takes.
    void read_notify_secret(const json& object, const std::string& path,
                            NotifyConfig& entry) const {
        const bool pagerduty = entry.type == "pagerduty";
        const std::vector<std::string> allowed =
            pagerduty ? std::vector<std::string>{"routing_key_env"}
                      : std::vector<std::string>{"url_env", "url_file"};
        for (const std::string key : {"url_env", "url_file", "routing_key_env"}) {
            if (object.contains(key) &&
                std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
                fail_at_key(join(path, key), fmt::format("not for a {} destination: use {}",
                                                         entry.type, fmt::join(allowed, " or ")));
            }
        }
        if (object.contains("url_env") && object.contains("url_file")) {
            fail_at_key(join(path, "url_file"),
                        "give either \"url_env\" or \"url_file\", not both");
        }
        for (const std::string& key : allowed) {
            if (!object.contains(key)) continue;
            entry.secret = key == "url_file" ? SecretSource::File : SecretSource::Environment;
            entry.secret_reference = string_at(object, path, key);
            if (entry.secret == SecretSource::Environment &&
                !is_environment_name(entry.secret_reference)) {
                // Not echoed: a URL pasted here by mistake must not be printed.
                fail_at_value(join(path, key),
                              "expected the name of an environment variable (letters, digits "
                              "and '_'), not the secret itself");
            }
            return;
        }
        fail_at_value(path, fmt::format("missing {}", fmt::join(allowed, " or ")));
    }

    std::vector<std::string> read_checklist_names(const json& object,
                                                  const std::string& path) const {
        const json& list = object.at("checklists");
        const std::string list_path = join(path, "checklists");
        if (!list.is_array()) {
            fail_at_value(list_path,
                          "expected a list of \"RUNBOOK\" or \"RUNBOOK/CHECKLIST\", "
                          "found " +
                              json_type_name(list));
        }
        std::vector<std::string> names;
        for (size_t i = 0; i < list.size(); ++i) {
            if (!list[i].is_string() || list[i].get<std::string>().empty()) {
                fail_at_value(list_path + "[" + std::to_string(i) + "]",
                              "expected \"RUNBOOK\" or \"RUNBOOK/CHECKLIST\"");
            }
            names.push_back(list[i].get<std::string>());
        }
        return names;
    }

    // The fields, secret and dsn a target's connector takes, as its row of
    // connector_kinds() says.
    void check_connector_fields(const json& object, const std::string& path,
                                const TargetConfig& target) const {
        const ConnectorKind& kind = *connector_kind_named(target.connector);
        const auto refuse = [&](const std::string& key, const std::string& why) {
            if (object.contains(key)) fail_at_key(join(path, key), why);
        };
        for (const ConnectorKind& other : connector_kinds()) {
            if (&other == &kind) continue;
            for (const std::string_view field : other.config_fields) {
                refuse(std::string(field), foreign_field_message(field, other, kind));
            }
        }
        if (!kind.no_password.empty()) {
            refuse("password_env", std::string(kind.no_password));
            refuse("password_file", std::string(kind.no_password));
        }
        if (!target.dsn.empty()) {
            for (const std::string_view field : kind.config_fields) {
                refuse(std::string(field),
                       fmt::format("give either \"dsn\" or \"{}\", not both", field));
            }
            if (!kind.accepts_dsn(target.dsn)) {
                fail_at_value(join(path, "dsn"), std::string(kind.dsn_expected));
            }
        }
        if (target.dsn.empty() && target.parameters.empty() && !kind.missing_location.empty()) {
            fail_at_key(path, std::string(kind.missing_location));
        }
    }

    static std::string foreign_field_message(std::string_view field, const ConnectorKind& owner,
                                             const ConnectorKind& kind) {
        if (kind.config_fields.empty()) {
            return fmt::format("\"{}\" is for {} targets; not allowed with \"connector\": \"{}\"",
                               field, owner.config_name, kind.config_name);
        }
        return fmt::format("\"{}\" is for {} targets; use {}", field, owner.config_name,
                           fmt::join(kind.config_fields, ", "));
    }

    const JsonDocument& doc_;
    std::string source_;
};

}  // namespace

const TargetConfig* Config::find(const std::string& name) const {
    for (const auto& target : targets) {
        if (target.name == name) return &target;
    }
    return nullptr;
}

std::vector<std::string> Config::target_names() const {
    std::vector<std::string> names;
    for (const auto& target : targets) names.push_back(target.name);
    return names;
}

Config parse_config(const std::string& text, const std::string& source_name) {
    const JsonDocument doc = JsonDocument::parse(text);
    if (const auto& error = doc.syntax_error()) {
        // nlohmann quotes the text it last read, which may be a secret: keep the reason.
        std::string reason = error->second;
        if (const auto quote = reason.find("; last read:"); quote != std::string::npos) {
            reason.erase(quote);
        }
        throw UsageError(one_line(source_name + ":" + std::to_string(error->first.line) + ":" +
                                  std::to_string(error->first.column) +
                                  ": invalid JSON: " + reason));
    }
    if (!doc.duplicate_keys().empty()) {
        const auto& [path, where] = doc.duplicate_keys().front();
        throw UsageError(one_line(source_name + ":" + std::to_string(where.line) + ":" +
                                  std::to_string(where.column) + ": " + path +
                                  ": duplicate key (the file must say it once)"));
    }
    return ConfigReader(doc, source_name).read();
}

}  // namespace opsctl
