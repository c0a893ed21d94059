#pragma once
// From what the user asked for (--target / OPSCTL_TARGET, else the config's default
// target, else the demo) to what opsctl connects to. A name found in the config
// resolves to a spec string plus a dialect override, variables and a secret
// reference; anything else is a spec as before (URI, conninfo, sqlite:, demo).

#include <optional>
#include <string>
#include <vector>

#include "opsctl/config/config.h"
#include "opsctl/connect/target.h"
#include "opsctl/runbook/variables.h"

namespace opsctl {

struct ResolvedTarget {
    std::string name;          // the config entry; empty when a spec was given as is
    std::string spec;          // what parse_target() reads; holds no secret of the config
    std::string dialect;       // the config's override; empty: the connector's own
    VariableValues variables;  // the target's; a --set wins over them
    SecretSource secret = SecretSource::None;
    std::string secret_reference;  // variable name or absolute file path
    bool implicit_demo = false;    // nothing named a target: the embedded demo
    // The config's "require_read_only_role" (the target's, else the top-level one).
    bool require_read_only_role = false;

    // The target with the secret read (env or file), ready for open_connector().
    // Throws UsageError when the secret cannot be read.
    Target connect_target() const;
    // For headers and messages: "prod (host=db dbname=wh)", masked.
    std::string describe() const;
    // The dialect runbook SQL is translated into: the override, else the target's.
    std::string effective_dialect() const;
    // The variable overrides of a run: the target's variables that the runbook or
    // one of `checklists` declares (one config serves every runbook), then `sets`
    // (--set) on top.
    VariableValues overrides(const Runbook& runbook,
                             const std::vector<const Checklist*>& checklists,
                             const VariableValues& sets) const;
};

// `requested` is --target / OPSCTL_TARGET (empty when neither was given). Throws
// UsageError for an unknown spec.
ResolvedTarget resolve_target(const std::string& requested, const std::optional<Config>& config);

// The spec string a config entry stands for: "odbc:<dsn>", "sqlite:<absolute path>",
// a postgres URI or conninfo built from the parameters, "demo". Never a secret.
std::string target_spec(const TargetConfig& target, const std::string& base_dir);

// Where a target's secret comes from, for `opsctl targets`: "env OPSCTL_PW",
// "file /etc/opsctl/pw", or "-" (libpq's own: PGPASSWORD, .pgpass).
std::string describe_secret_source(const TargetConfig& target, const std::string& base_dir);

// The secret a named target refers to. password_file must be a regular file that
// neither group nor others can read (as libpq demands of .pgpass); its trailing line
// break is dropped. Throws UsageError naming the target and the reference.
std::string read_target_secret(const std::string& target_name, SecretSource source,
                               const std::string& reference);

// The same for any secret a config entry refers to: `where` starts each message
// ("target \"prod\": "), `env_key` and `file_key` name the entry's keys
// ("password_env", "password_file"). The secret and its variable are remembered
// (core/run_secrets): masked everywhere, kept from shell steps.
std::string read_referenced_secret(const std::string& where, const std::string& env_key,
                                   const std::string& file_key, SecretSource source,
                                   const std::string& reference);

}  // namespace opsctl
