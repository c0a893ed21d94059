#pragma once
// A target is where checks run: "postgresql://...", a key=value conninfo,
// "sqlite:PATH", or "demo" (the embedded demo warehouse). Targets are shown to
// users only through describe(), which never includes a password.

#include <string>

namespace opsctl {

enum class TargetKind { Postgres, Sqlite, Demo };

struct Target {
    TargetKind kind = TargetKind::Demo;
    std::string spec;  // as given; may hold a password: never print it
    bool demo_faults = false;
    // A named target's password (config password_env / password_file): kept out of
    // `spec`, added to the connection only when connecting, never shown.
    std::string password;

    // The target with any password masked ("postgresql://app:***@db:5432/wh").
    std::string describe() const;
    // The SQL dialect of this kind of target.
    std::string dialect() const;
};

// Throws UsageError (with the spec masked) for an unknown scheme or an empty path.
Target parse_target(const std::string& spec);

// Masks passwords in a URI's user-info, in its query string and in key=value
// conninfo ("password=***"); used for every target text that reaches a user.
std::string mask_secrets(const std::string& text);

}  // namespace opsctl
