#include "opsctl/connect/target.h"

#include <regex>

#include "opsctl/core/error.h"

namespace opsctl {

std::string mask_secrets(const std::string& text) {
    // scheme://user:secret@host
    static const std::regex kUserInfo(R"(([a-zA-Z][a-zA-Z0-9+.-]*://[^/:@\s]*):[^@/\s]*@)");
    // password=secret in conninfo (quoted or not), in URI query strings and in ODBC
    // connection strings, where a value may be braced ({se;cr}}et}) and the key may
    // carry a prefix (PRIV_KEY_FILE_PWD, KeyStorePassword).
    static const std::regex kKeyValue(
        R"(((?:^|[\s?&;:])[a-z_]*(?:password|pwd)\s*=\s*)('(?:[^'\\]|\\.)*'|\{(?:[^}]|\}\})*\}|[^\s&;]*))",
        std::regex::icase);
    std::string masked = std::regex_replace(text, kUserInfo, "$1:***@");
    return std::regex_replace(masked, kKeyValue, "$1***");
}

std::string Target::describe() const {
    switch (kind) {
        case TargetKind::Demo:
            return demo_faults ? "demo:faults" : "demo";
        default:
            return mask_secrets(spec);
    }
}

std::string Target::dialect() const {
    if (!dialect_override.empty()) return dialect_override;
    switch (kind) {
        case TargetKind::Postgres:
            return "postgresql";
        case TargetKind::Odbc:
            return "";
        default:
            return "sqlite";
    }
}

std::string odbc_string_with_password(const std::string& odbc_string, const std::string& password) {
    if (password.empty()) return odbc_string;
    std::string quoted;
    for (const char c : password) {
        quoted += c;
        if (c == '}') quoted += '}';
    }
    std::string text = odbc_string;
    if (!text.empty() && text.back() != ';') text += ';';
    return text + "PWD={" + quoted + "};";
}

std::string Target::odbc_connection_string() const {
    return kind == TargetKind::Odbc ? odbc_string_with_password(spec.substr(5), password)
                                    : std::string();
}

Target parse_target(const std::string& spec) {
    Target target;
    target.spec = spec;
    if (spec == "demo" || spec == "demo:faults") {
        target.kind = TargetKind::Demo;
        target.demo_faults = spec == "demo:faults";
        return target;
    }
    if (spec.rfind("postgresql://", 0) == 0 || spec.rfind("postgres://", 0) == 0) {
        target.kind = TargetKind::Postgres;
        return target;
    }
    if (spec.rfind("sqlite:", 0) == 0) {
        target.kind = TargetKind::Sqlite;
        if (spec.size() == 7) throw UsageError("target \"sqlite:\" names no file (sqlite:PATH)");
        return target;
    }
    if (spec.rfind("odbc:", 0) == 0) {
        target.kind = TargetKind::Odbc;
        if (spec.find('=') == std::string::npos) {
            throw UsageError("target \"" + mask_secrets(spec) +
                             "\" holds no ODBC connection string (odbc:DSN=name or "
                             "odbc:Driver={...};Server=...)");
        }
        return target;
    }
    // A libpq key=value connection string: "host=db dbname=wh user=ops".
    static const std::regex kConninfo(R"(\s*[a-z_]+\s*=.*)");
    if (std::regex_match(spec, kConninfo)) {
        target.kind = TargetKind::Postgres;
        return target;
    }
    throw UsageError(
        "unknown target \"" + mask_secrets(spec) +
        "\": expected postgresql://..., a key=value conninfo, sqlite:PATH, odbc:... or demo");
}

}  // namespace opsctl
