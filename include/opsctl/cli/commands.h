#pragma once
// The options the command line collected, and one handler per command. Each
// handler returns the process exit code and throws UsageError for unusable input.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "opsctl/config/target_resolution.h"
#include "opsctl/connect/connector.h"
#include "opsctl/connect/target.h"
#include "opsctl/core/timestamp.h"
#include "opsctl/runbook/catalog.h"

namespace opsctl {

struct CliOptions {
    // Global
    std::string runbooks_dir;  // --runbooks / OPSCTL_RUNBOOKS; empty = the shipped runbooks
    std::string target;   // --target / OPSCTL_TARGET; empty = the config's default, else the demo
    std::string config;   // --config / OPSCTL_CONFIG; empty = look in the usual places
    std::string history;  // --history / OPSCTL_HISTORY; empty = the config's, else the default
    int verbosity = 0;
    bool quiet = false;
    // Running and rendering
    std::string runbook;
    std::string checklist;
    std::string format = "text";
    std::string color = "auto";  // --color auto|always|never
    std::string rows = "20";     // --rows N|all
    std::string output;
    std::vector<std::string> reports;                      // --report FORMAT:PATH
    std::map<std::string, std::string> output_per_format;  // --output-json PATH, ...
    std::vector<std::string> only;
    std::vector<std::string> skip;
    std::vector<std::string> sets;
    std::string as_of;
    std::string dialect;   // --dialect: overrides the target's (ODBC: the detected one)
    std::string evaluate;  // --evaluate auto|warehouse|client; empty = the command's default
    int jobs = 4;
    std::string timeout;  // the whole run
    std::string lock;     // lock file; empty = the default per runbook and checklist
    bool no_lock = false;
    bool require_read_only_role = false;  // --require-read-only-role
    std::vector<std::string> notify;      // --notify KIND:VALUE (notify/destination)
    std::string notify_on = "change";     // --notify-on change|always
    // validate
    std::vector<std::string> paths;
    // standin load
    long long scale = 20000;
    std::string scenario;  // --scenario NAME; empty = healthy
    bool faults = false;   // --faults, the same as --scenario faults
    bool replace = false;  // standin load --replace: replace what lacks the marker
    // cron
    std::string user_prefix;  // prepended to every command ("nice -n 10", "sudo -u ops")
    std::string log_dir;      // empty = the default log folder
    std::string lock_dir;     // empty = the default lock folder for unattended runs
    std::string cron_path;    // --path: the crontab's PATH line; empty = opsctl's own PATH
    bool check = false;
    // history
    std::string step;        // history RUNBOOK CHECKLIST STEP
    std::string since;       // --since 7d
    std::string key;         // --key: the value checked for this key
    size_t limit = 50;       // --limit: the newest runs shown
    std::string older_than;  // history prune --older-than 90d
    // ack, acks, unack (also step and key, above)
    std::string column;     // ack --column
    std::string ack_for;    // ack --for 2h
    std::string ack_until;  // ack --until "2026-12-05 08:00"
    std::string reason;     // ack --reason
    std::string acked_by;   // ack --by; empty = $USER
    std::string ack_id;     // unack ID
    // import
    std::string document;  // the Markdown document
    std::string out_dir;   // --out: where the runbooks are written; empty = nowhere
    bool force = false;    // --force: replace runbook files already in --out
    // completion (bash, zsh, fish), schema (runbook, config)
    std::string kind;
    // systemd
    std::string unit_dir;     // --dir; empty = /etc/systemd/system or, --user, ~/.config/...
    bool user_units = false;  // --user
};

int command_run(const CliOptions& options);
int command_list(const CliOptions& options);
int command_show(const CliOptions& options);
int command_validate(const CliOptions& options);
int command_render(const CliOptions& options);
int command_standin_load(const CliOptions& options);
int command_targets(const CliOptions& options);
int command_ping(const CliOptions& options);
int command_cron(const CliOptions& options);
int command_import(const CliOptions& options);
int command_history(const CliOptions& options);
int command_history_prune(const CliOptions& options);
int command_history_page(const CliOptions& options);  // opsctl report
int command_schema(const CliOptions& options);
int command_completion(const CliOptions& options);
int command_systemd(const CliOptions& options);
int command_ack(const CliOptions& options);
int command_acks(const CliOptions& options);
int command_unack(const CliOptions& options);

// Shared by the handlers.
// --target / OPSCTL_TARGET, else the config's default target, else the demo; a name
// in the config file resolves to its entry; --dialect applied. Throws UsageError.
ResolvedTarget resolve_target_for(const CliOptions& options);
// The config file a command reads: none when --target is a spec given as such (a URI,
// conninfo, sqlite:, odbc:) and no --config, so a broken one cannot stop it.
std::optional<Config> config_for(const CliOptions& options);
Catalog load_catalog_for(const CliOptions& options);
// The runbook named `name`, or UsageError with a did-you-mean.
const Runbook& find_runbook(const Catalog& catalog, const std::string& name);
const Checklist& find_checklist(const Runbook& runbook, const std::string& name);
// --as-of, or now (then `given` is false).
Timestamp resolve_as_of(const CliOptions& options, bool& given);
// The one warning line for a role that can write (empty when it can only read), or,
// with --require-read-only-role or the config's "require_read_only_role", a
// UsageError before anything runs. Asks the connector once (write_capabilities()).
std::string check_read_only_role(const CliOptions& options, const ResolvedTarget& resolved,
                                 Connector& connector);
// The text of one of opsctl's shipped files (`what` names it in the error), or UsageError.
std::string read_shipped_file(const std::string& path, const std::string& what);
// Writes `text` to --output atomically (temporary file, then rename), or to stdout.
void write_output(const CliOptions& options, const std::string& text);

}  // namespace opsctl
