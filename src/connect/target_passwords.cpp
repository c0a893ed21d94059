#include "opsctl/connect/target_passwords.h"

#include "opsctl/connect/target.h"
#include "opsctl/connect/target_parse.h"

namespace opsctl {

namespace {

bool is_uri(const std::string& spec) {
    return spec.starts_with("postgresql://") || spec.starts_with("postgres://");
}

TargetPasswords libpq_passwords(const std::string& spec) {
    const auto settings = libpq_settings(spec);
    if (!settings) return {{}, true};
    TargetPasswords found;
    for (const TargetSetting& setting : *settings) {
        if (is_libpq_secret_key(setting.key) && !setting.value.empty()) {
            found.values.push_back(setting.value);
        }
    }
    return found;
}

}  // namespace

std::vector<std::string> odbc_passwords(const std::string& connection_string) {
    std::vector<std::string> values;
    for (const TargetSetting& setting : odbc_settings(connection_string)) {
        if (is_odbc_secret_key(setting.key) && !setting.value.empty()) {
            values.push_back(setting.value);
        }
    }
    return values;
}

TargetPasswords target_passwords(const std::string& spec) {
    const ConnectorKind* kind = connector_kind_of_spec(spec);
    if (kind != nullptr && kind->kind == TargetKind::Odbc) {
        return {odbc_passwords(spec_without_prefix(spec, *kind)), false};
    }
    if (kind != nullptr && !kind->no_password.empty()) return {};  // a file, the demo
    if (is_uri(spec)) return libpq_passwords(spec);
    // A key=value conninfo ("password=ab;cd" is one value to libpq) or a config's bare
    // ODBC string: whatever either grammar reads as a password counts.
    TargetPasswords found = libpq_passwords(spec);
    found.unparsable = found.unparsable && spec.find(';') == std::string::npos;
    for (std::string& value : odbc_passwords(spec)) found.values.push_back(std::move(value));
    return found;
}

}  // namespace opsctl
