#include "opsctl/connect/connector_kinds.h"

#include <cctype>
#include <stdexcept>

#include "opsctl/connect/odbc_connector.h"
#include "opsctl/connect/postgres_connector.h"
#include "opsctl/connect/sqlite_connector.h"
#include "opsctl/connect/target.h"
#include "opsctl/connect/target_parse.h"
#include "opsctl/core/error.h"
#include "opsctl/core/relative_path.h"

namespace opsctl {

namespace {

// A libpq key=value connection string starts with a lower-case key and '='.
bool looks_like_conninfo(const std::string& spec) {
    size_t i = 0;
    while (i < spec.size() && std::isspace(static_cast<unsigned char>(spec[i]))) ++i;
    const size_t key = i;
    while (i < spec.size() && ((spec[i] >= 'a' && spec[i] <= 'z') || spec[i] == '_')) ++i;
    if (i == key) return false;
    while (i < spec.size() && std::isspace(static_cast<unsigned char>(spec[i]))) ++i;
    return i < spec.size() && spec[i] == '=';
}

const ConnectorKind& postgres_kind();
const ConnectorKind& sqlite_kind();

// --- PostgreSQL: libpq reads the whole spec, URI or conninfo.

std::unique_ptr<Connector> open_postgres(const Target& target) {
    return std::make_unique<PostgresConnector>(target.spec, target.password);
}

bool is_postgres_dsn(const std::string& dsn) {
    return dsn.starts_with("postgresql://") || dsn.starts_with("postgres://") ||
           dsn.find('=') != std::string::npos;
}

std::string postgres_spec(const ConfigLocation& location) {
    if (!location.dsn.empty()) return location.dsn;
    std::string conninfo;
    for (const std::string_view key : postgres_kind().config_fields) {
        const auto it = location.fields.find(std::string(key));
        if (it == location.fields.end()) continue;
        if (!conninfo.empty()) conninfo += ' ';
        conninfo += std::string(key) + "=" + conninfo_value(it->second);
    }
    return conninfo;
}

// --- SQLite: a file.

std::unique_ptr<Connector> open_sqlite(const Target& target) {
    return std::make_unique<SqliteConnector>(spec_without_prefix(target.spec, sqlite_kind()));
}

void check_sqlite_spec(const std::string& spec) {
    if (spec_without_prefix(spec, sqlite_kind()).empty()) {
        throw UsageError("target \"sqlite:\" names no file (sqlite:PATH)");
    }
}

std::string sqlite_spec(const ConfigLocation& location) {
    std::string path = location.dsn.empty() ? location.fields.at("path") : location.dsn;
    if (path.starts_with("sqlite:")) path = spec_without_prefix(path, sqlite_kind());
    return "sqlite:" + relative_to(path, location.base_dir);
}

// --- ODBC: a driver manager's connection string.

std::unique_ptr<Connector> open_odbc(const Target& target) {
    return std::make_unique<OdbcConnector>(target.odbc_connection_string(),
                                           target.dialect_override);
}

void check_odbc_spec(const std::string& spec) {
    if (spec.find('=') == std::string::npos) {
        throw UsageError("target \"" + mask_secrets(spec) +
                         "\" holds no ODBC connection string (odbc:DSN=name or "
                         "odbc:Driver={...};Server=...)");
    }
}

std::string odbc_spec(const ConfigLocation& location) {
    return "odbc:" + location.dsn;
}

// --- The demo: an SQLite file built from the stand-in on first use, above this layer
// (standin/demo_warehouse), and opened as that file.

std::unique_ptr<Connector> open_demo(const Target&) {
    throw std::logic_error("a demo target is opened as its SQLite file (open_target())");
}

std::string demo_spec(const ConfigLocation& location) {
    return location.dsn.empty() ? "demo" : location.dsn;
}

void accept_any_spec(const std::string&) {}

const std::vector<ConnectorKind>& kinds() {
    static const std::vector<ConnectorKind> table{
        {TargetKind::Postgres,
         "postgres",
         {"postgresql://", "postgres://"},
         "postgresql",
         true,
         "",
         open_postgres,
         accept_any_spec,
         {"host", "port", "dbname", "user"},
         "a postgres target needs \"dsn\" or parameters (host, port, dbname, user)",
         is_postgres_dsn,
         "expected a postgresql:// URI or a key=value conninfo",
         postgres_spec,
         {"postgresql://...", "a key=value conninfo"},
         {"postgresql://...", "key=value conninfo"}},
        {TargetKind::Sqlite,
         "sqlite",
         {"sqlite:"},
         "sqlite",
         false,
         "an SQLite file takes no password",
         open_sqlite,
         check_sqlite_spec,
         {"path"},
         "an sqlite target needs \"path\" (or \"dsn\")",
         [](const std::string&) { return true; },
         "",
         sqlite_spec,
         {"sqlite:PATH"},
         {"sqlite:PATH"}},
        {TargetKind::Demo,
         "demo",
         {},
         "sqlite",
         false,
         "the demo warehouse takes no password",
         open_demo,
         accept_any_spec,
         {},
         "",
         is_demo_spec,
         "a demo target's dsn is \"demo\", \"demo:faults\" or \"demo:feeds-stopped\"",
         demo_spec,
         {"demo"},
         {"demo", "demo:faults", "demo:feeds-stopped"}},
        {TargetKind::Odbc,
         "odbc",
         {"odbc:"},
         "",
         true,
         "",
         open_odbc,
         check_odbc_spec,
         {},
         "an odbc target needs \"dsn\" (a DSN name or a connection string)",
         [](const std::string&) { return true; },
         "",
         odbc_spec,
         {"odbc:..."},
         {"odbc:DSN=name", "odbc:Driver={...};..."}},
    };
    return table;
}

const ConnectorKind& postgres_kind() {
    return connector_kind(TargetKind::Postgres);
}
const ConnectorKind& sqlite_kind() {
    return connector_kind(TargetKind::Sqlite);
}

}  // namespace

const std::vector<ConnectorKind>& connector_kinds() {
    return kinds();
}

const ConnectorKind& connector_kind(TargetKind kind) {
    for (const ConnectorKind& row : kinds()) {
        if (row.kind == kind) return row;
    }
    throw std::logic_error("a target kind without a row in connector_kinds()");
}

const ConnectorKind* connector_kind_of_spec(const std::string& spec) {
    if (is_demo_spec(spec)) return &connector_kind(TargetKind::Demo);
    for (const ConnectorKind& row : kinds()) {
        for (const std::string_view prefix : row.prefixes) {
            if (spec.starts_with(prefix)) return &row;
        }
    }
    if (looks_like_conninfo(spec)) return &postgres_kind();
    return nullptr;
}

const ConnectorKind* connector_kind_named(std::string_view config_name) {
    for (const ConnectorKind& row : kinds()) {
        if (row.config_name == config_name) return &row;
    }
    return nullptr;
}

std::vector<std::string> connector_config_names() {
    std::vector<std::string> names;
    for (const ConnectorKind& row : kinds()) names.emplace_back(row.config_name);
    return names;
}

namespace {

// "a, b or c" of every kind's forms of `which`, the demo's last.
std::string target_forms(std::vector<std::string_view> ConnectorKind::*which) {
    std::vector<std::string_view> forms;
    for (const bool demo : {false, true}) {
        for (const ConnectorKind& row : kinds()) {
            if ((row.kind == TargetKind::Demo) != demo) continue;
            forms.insert(forms.end(), (row.*which).begin(), (row.*which).end());
        }
    }
    std::string text;
    for (size_t i = 0; i < forms.size(); ++i) {
        if (i > 0) text += i + 1 == forms.size() ? " or " : ", ";
        text += forms[i];
    }
    return text;
}

}  // namespace

std::string target_forms_for_message() {
    return target_forms(&ConnectorKind::message_forms);
}

std::string target_forms_for_help() {
    return target_forms(&ConnectorKind::help_forms);
}

std::string spec_without_prefix(const std::string& spec, const ConnectorKind& kind) {
    for (const std::string_view prefix : kind.prefixes) {
        if (spec.starts_with(prefix)) return spec.substr(prefix.size());
    }
    return spec;
}

}  // namespace opsctl
