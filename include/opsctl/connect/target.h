#pragma once
// A target is where checks run: "postgresql://...", a key=value conninfo,
// "sqlite:PATH", "odbc:<ODBC connection string>" (Driver=... or DSN=...), or "demo"
// / "demo:SCENARIO" (the embedded demo warehouse). Targets are shown to
// users only through describe(), which never includes a password.

#include <string>

#include "opsctl/connect/connector_kinds.h"
#include "opsctl/connect/standin_scenario.h"

namespace opsctl {

struct Target {
    TargetKind kind = TargetKind::Demo;
    std::string spec;  // as given; may hold a password: never print it
    StandinScenario demo_scenario = StandinScenario::Healthy;  // demo:faults, ...
    // A named target's password (config password_env / password_file): kept out of
    // `spec`, added to the connection only when connecting, never shown.
    std::string password;
    // --dialect: the SQL dialect to use instead of the one the kind implies or, for
    // ODBC, the one detected from the driver (SQL_DBMS_NAME).
    std::string dialect_override;

    // The target with any password masked ("postgresql://app:***@db:5432/wh").
    std::string describe() const;
    // The SQL dialect of this target; empty for an ODBC target without an override,
    // whose dialect is known only once connected (Connector::dialect()).
    std::string dialect() const;
    // The ODBC connection string of an odbc: target: the spec without "odbc:", plus the
    // named target's password when it has one. Holds the secret: never show it.
    std::string odbc_connection_string() const;
};

// An ODBC connection string with the password appended as PWD={...} (a '}' doubled
// inside, as ODBC quotes); the string itself when the password is empty.
std::string odbc_string_with_password(const std::string& odbc_string, const std::string& password);

// Whether `spec` names the demo warehouse: "demo" or "demo:" and a stand-in scenario
// ("demo:faults", "demo:feeds-stopped").
bool is_demo_spec(const std::string& spec);

// Throws UsageError (with the spec masked) for an unknown scheme or an empty path.
// Remembers every password the target holds (run_secrets), so that no message of
// the run shows one.
Target parse_target(const std::string& spec);

// Remembers every password libpq or the ODBC grammar finds in `spec`.
void remember_target_passwords(const std::string& spec);

// Masks every remembered secret of the run (run_secrets), then passwords in a URI's user-info, in
// its query string, in key=value conninfo
// ("password=***") and in ODBC connection strings ("PWD=***", also
// braced values with ';' inside); used for every target text that reaches a user.
std::string mask_secrets(const std::string& text);

// Whether `text` holds a non-empty password: one libpq or the ODBC grammar parses out
// of it (target_passwords), or one where mask_secrets() masks one: in a URI's
// user-info ("postgresql://app:secret@db") or as a password=/PWD= value ("Pwd=;" and
// "password=''" hold none). A config file refuses such strings: secrets go by reference.
bool holds_password(const std::string& text);

}  // namespace opsctl
