#pragma once
// The config file: named targets, so that cron lines and people say `--target prod`
// instead of a connection string, and secrets stay out of command lines and files.
//   {"default_target": "prod",
//    "targets": {"prod": {"connector": "postgres", "host": "db", "dbname": "wh",
//                         "user": "ops", "password_env": "OPSCTL_PROD_PASSWORD",
//                         "dialect": "postgresql", "variables": {"cost_fail_usd": 2000}}}}
// A secret is only ever referenced (an environment variable or a file), never inline.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace opsctl {

enum class SecretSource { None, Environment, File };

// One entry of a "notify" list (top level: every run; in a target: runs on it), as
// written; notify/destination reads its secret. The URL or routing key is only ever
// referenced: {"type": "slack", "url_env": "SLACK_URL", "repeat_every": "24h",
// "checklists": ["daily/queues"]}.
struct NotifyConfig {
    std::string type;  // "webhook", "slack", "teams" or "pagerduty"
    SecretSource secret = SecretSource::None;
    std::string secret_reference;         // url_env / routing_key_env: a name; url_file: a path
    std::string repeat_every;             // a duration, checked; empty: no reminders
    std::vector<std::string> checklists;  // "RUNBOOK" or "RUNBOOK/CHECKLIST"; empty: all
    std::string where;                    // "FILE:LINE:COLUMN: notify[0]", for messages
};

struct TargetConfig {
    std::string name;
    std::string connector;  // "postgres", "sqlite", "demo" or "odbc"
    // A connection string as given ("dsn"), or empty when given by parameters.
    std::string dsn;
    // "host", "port", "dbname", "user" (postgres) or "path" (sqlite), as given.
    std::map<std::string, std::string> parameters;
    SecretSource secret = SecretSource::None;
    std::string secret_reference;  // the variable's name or the file's path
    std::string dialect;           // empty: the connector's own
    std::map<std::string, std::string> variables;
    // "require_read_only_role": refuse to run when the role can write; unset: the
    // config's top-level setting.
    std::optional<bool> require_read_only_role;
    std::vector<NotifyConfig> notify;  // for runs on this target, besides the config's
    size_t line = 0;                   // where the target is defined, for messages
};

struct Config {
    std::string source_name;  // the file, for messages
    // Relative sqlite and password_file paths are relative to this folder (the config
    // file's); empty means the current directory.
    std::string base_dir;
    std::string default_target;           // empty when none
    std::vector<TargetConfig> targets;    // in the file's order
    bool require_read_only_role = false;  // for every target that does not say
    std::string history;                  // "history": the run history's store; empty = default
    std::vector<NotifyConfig> notify;     // "notify": destinations of every run

    const TargetConfig* find(const std::string& name) const;
    std::vector<std::string> target_names() const;
};

// Parses a config file's text; throws opsctl::UsageError naming source_name:line and
// the key for anything malformed (never echoing a secret).
Config parse_config(const std::string& text, const std::string& source_name);

}  // namespace opsctl
