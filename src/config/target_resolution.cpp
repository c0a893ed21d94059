#include "opsctl/config/target_resolution.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "opsctl/connect/connector_kinds.h"
#include "opsctl/connect/target_display.h"
#include "opsctl/core/error.h"
#include "opsctl/core/relative_path.h"
#include "opsctl/core/run_secrets.h"
#include "opsctl/core/suggest.h"

namespace opsctl {

namespace fs = std::filesystem;

std::string target_spec(const TargetConfig& target, const std::string& base_dir) {
    const ConnectorKind& kind = *connector_kind_named(target.connector);
    return kind.spec_of({target.dsn, target.parameters, base_dir});
}

std::string describe_secret_source(const TargetConfig& target, const std::string& base_dir) {
    switch (target.secret) {
        case SecretSource::Environment:
            return "env " + target.secret_reference;
        case SecretSource::File:
            return "file " + relative_to(target.secret_reference, base_dir);
        case SecretSource::None:
            break;
    }
    return "-";
}

std::string read_target_secret(const std::string& target_name, SecretSource source,
                               const std::string& reference) {
    return read_referenced_secret("target \"" + target_name + "\": ", "password_env",
                                  "password_file", source, reference);
}

std::string read_referenced_secret(const std::string& where, const std::string& env_key,
                                   const std::string& file_key, SecretSource source,
                                   const std::string& reference) {
    if (source == SecretSource::Environment) {
        const char* value = std::getenv(reference.c_str());
        if (!value) throw UsageError(where + env_key + " " + reference + " is not set");
        if (!*value) throw UsageError(where + env_key + " " + reference + " is empty");
        remember_secret_variable(reference);  // kept out of shell steps' environment
        remember_secret(value);
        return value;
    }
    if (source != SecretSource::File) return {};
    struct stat info {};
    if (stat(reference.c_str(), &info) != 0) {
        throw UsageError(where + file_key + " " + reference + ": " + std::strerror(errno));
    }
    if (!S_ISREG(info.st_mode)) {
        throw UsageError(where + file_key + " " + reference + " is not a regular file");
    }
    if (info.st_mode & (S_IRWXG | S_IRWXO)) {
        throw UsageError(where + file_key + " " + reference +
                         " is accessible to group or others; chmod 600 it");
    }
    std::ifstream in(reference, std::ios::binary);
    if (!in) {
        throw UsageError(where + file_key + " " + reference + ": " +
                         std::strerror(errno ? errno : EACCES));
    }
    std::ostringstream text;
    text << in.rdbuf();
    std::string secret = text.str();
    if (!secret.empty() && secret.back() == '\n') secret.pop_back();
    if (!secret.empty() && secret.back() == '\r') secret.pop_back();
    if (secret.empty()) throw UsageError(where + file_key + " " + reference + " is empty");
    remember_secret(secret);
    return secret;
}

ResolvedTarget resolve_target(const std::string& requested, const std::optional<Config>& config) {
    ResolvedTarget resolved;
    if (config) resolved.require_read_only_role = config->require_read_only_role;
    std::string wanted = requested;
    if (wanted.empty() && config && !config->default_target.empty()) {
        wanted = config->default_target;
    }
    const TargetConfig* entry = config && !wanted.empty() ? config->find(wanted) : nullptr;
    if (!entry) {
        resolved.implicit_demo = wanted.empty();
        resolved.spec = wanted.empty() ? "demo" : wanted;
        // A word that is neither a spec nor a configured name is most likely a typo
        // of a name, or a name of a config file that was not found.
        static const std::string kSpecSigns = ":=/";
        if (!wanted.empty() && wanted != "demo" &&
            wanted.find_first_of(kSpecSigns) == std::string::npos) {
            if (!config) {
                throw UsageError("unknown target \"" + wanted +
                                 "\": no config file defines it (--config, OPSCTL_CONFIG, "
                                 "./opsctl.json or ~/.config/opsctl/config.json)");
            }
            throw UsageError("unknown target \"" + wanted + "\": " + config->source_name +
                             " has no such target" + did_you_mean(wanted, config->target_names()));
        }
        parse_target(resolved.spec);  // reject an unknown kind now, masked
        return resolved;
    }
    resolved.name = entry->name;
    resolved.spec = target_spec(*entry, config->base_dir);
    resolved.dialect = entry->dialect;
    resolved.require_read_only_role =
        entry->require_read_only_role.value_or(config->require_read_only_role);
    resolved.variables = VariableValues(entry->variables.begin(), entry->variables.end());
    resolved.secret = entry->secret;
    resolved.secret_reference = entry->secret == SecretSource::File
                                    ? relative_to(entry->secret_reference, config->base_dir)
                                    : entry->secret_reference;
    return resolved;
}

Target ResolvedTarget::connect_target() const {
    Target target = parse_target(spec);
    target.password = read_target_secret(name, secret, secret_reference);
    if (!dialect.empty()) target.dialect_override = dialect;
    return target;
}

std::string ResolvedTarget::describe() const {
    const std::string shown = shown_target(spec);
    return name.empty() ? shown : name + " (" + shown + ")";
}

VariableValues ResolvedTarget::overrides(const Runbook& runbook,
                                         const std::vector<const Checklist*>& checklists,
                                         const VariableValues& sets) const {
    VariableValues values;
    for (const auto& [variable, value] : variables) {
        bool declared = runbook.variables.count(variable) > 0;
        for (const Checklist* checklist : checklists) {
            declared = declared || checklist->variables.count(variable) > 0;
        }
        if (declared) values[variable] = value;
    }
    for (const auto& [variable, value] : sets) values[variable] = value;
    return values;
}

std::string ResolvedTarget::effective_dialect() const {
    return dialect.empty() ? parse_target(spec).dialect() : dialect;
}

}  // namespace opsctl
