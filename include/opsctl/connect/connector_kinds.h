#pragma once
// One row per kind of connector: everything the rest of opsctl needs to know about it,
// in one table (connector_kinds.cpp). Target parsing, the factory, the shown form, a
// config file's fields and their checks, and the run's planning (server or file) all
// ask this table. A new connector is its own file pair plus one row.

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "opsctl/connect/connector.h"

namespace opsctl {

enum class TargetKind { Postgres, Sqlite, Odbc, Demo };

struct Target;

// A config file's named target of this kind: its "dsn" and its own fields, as given.
struct ConfigLocation {
    const std::string& dsn;                            // empty when not given
    const std::map<std::string, std::string>& fields;  // e.g. host, port; path
    const std::string& base_dir;                       // relative paths are relative to it
};

struct ConnectorKind {
    TargetKind kind;
    std::string_view config_name;  // a config file's "connector"
    // Specs of this kind start with one of these (the demo is matched by is_demo_spec).
    std::vector<std::string_view> prefixes;
    std::string_view default_dialect;  // empty: the driver says which, once connected
    bool is_server;                    // connections are worth opening ahead; a role to check
    std::string_view no_password;      // why it takes no password; empty when it takes one

    // The connector for a target of this kind. The demo has none: it is opened as the
    // SQLite file built for it (standin/demo_warehouse: open_target()).
    std::unique_ptr<Connector> (*open)(const Target& target);
    // Refuses a malformed spec of this kind (UsageError naming it, masked).
    void (*check_spec)(const std::string& spec);

    // A config file's fields of this kind, besides "dsn" (may be none).
    std::vector<std::string_view> config_fields;
    // Why a config target of this kind with neither "dsn" nor fields is refused; empty
    // when it needs neither.
    std::string_view missing_location;
    // Whether a config's "dsn" is one this kind reads, and the message when it is not.
    bool (*accepts_dsn)(const std::string& dsn);
    std::string_view dsn_expected;
    // The target spec a config location stands for.
    std::string (*spec_of)(const ConfigLocation& location);

    // How a target of this kind is written: in the message for a target of no kind
    // ("sqlite:PATH") and in the --target help ("odbc:DSN=name").
    std::vector<std::string_view> message_forms;
    std::vector<std::string_view> help_forms;
};

// Every kind, in the order messages list them.
const std::vector<ConnectorKind>& connector_kinds();
const ConnectorKind& connector_kind(TargetKind kind);
// The kind whose prefix `spec` starts with (or the demo, or a key=value conninfo);
// nullptr when none.
const ConnectorKind* connector_kind_of_spec(const std::string& spec);
// The kind a config file's "connector" names; nullptr when none.
const ConnectorKind* connector_kind_named(std::string_view config_name);
// Every config name ("postgres", "sqlite", ...), in the table's order.
std::vector<std::string> connector_config_names();

// Every kind's forms, the demo's last (it is no warehouse of the user's), as "a, b or c":
// for parse_target()'s message and for the --target help.
std::string target_forms_for_message();
std::string target_forms_for_help();

// `spec` without its kind's prefix: what an SQLite or ODBC driver is given.
std::string spec_without_prefix(const std::string& spec, const ConnectorKind& kind);

}  // namespace opsctl
