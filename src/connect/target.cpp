#include "opsctl/connect/target.h"

#include <regex>

#include "opsctl/core/error.h"

namespace opsctl {

std::string mask_secrets(const std::string& text) {
    // scheme://user:secret@host
    static const std::regex kUserInfo(R"(([a-zA-Z][a-zA-Z0-9+.-]*://[^/:@\s]*):[^@/\s]*@)");
    // password=secret in conninfo (quoted or not) and in URI query strings
    static const std::regex kKeyValue(
        R"(((?:^|[\s?&;])(?:password|pwd)\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&;]*))", std::regex::icase);
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
    return kind == TargetKind::Postgres ? "postgresql" : "sqlite";
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
    // A libpq key=value connection string: "host=db dbname=wh user=ops".
    static const std::regex kConninfo(R"(\s*[a-z_]+\s*=.*)");
    if (std::regex_match(spec, kConninfo)) {
        target.kind = TargetKind::Postgres;
        return target;
    }
    throw UsageError("unknown target \"" + mask_secrets(spec) +
                     "\": expected postgresql://..., a key=value conninfo, sqlite:PATH or demo");
}

}  // namespace opsctl
