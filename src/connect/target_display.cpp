#include "opsctl/connect/target_display.h"

#include <string_view>
#include <vector>

#include "opsctl/connect/target.h"
#include "opsctl/connect/target_parse.h"
#include "opsctl/core/percent_encoding.h"
#include "opsctl/core/run_secrets.h"

namespace opsctl {

namespace {

constexpr const char* kMask = "***";

// `text` percent-encoded for one part of a URI: unreserved characters, bytes of
// non-ASCII letters and `allowed` stay; everything else, control characters included,
// becomes %XX.
std::string uri_encoded(std::string_view text, std::string_view allowed = "") {
    return percent_encoded(text, {true, allowed, true});
}

std::vector<std::string> split_on_commas(const std::string& text) {
    std::vector<std::string> parts;
    std::size_t begin = 0;
    for (std::size_t comma = text.find(','); comma != std::string::npos;
         comma = text.find(',', begin)) {
        parts.push_back(text.substr(begin, comma - begin));
        begin = comma + 1;
    }
    parts.push_back(text.substr(begin));
    return parts;
}

const std::string* find_setting(const std::vector<TargetSetting>& settings, std::string_view key) {
    for (const TargetSetting& setting : settings) {
        if (setting.key == key) return &setting.value;
    }
    return nullptr;
}

// The host list of a URI's authority ("db1:5432,[::1]:5433"), or empty when the hosts
// cannot be written there (a socket folder, an empty entry): they then go in the query.
// `port_written` says whether the ports went with them.
std::string uri_authority_hosts(const std::string* host, const std::string* port,
                                bool& port_written) {
    port_written = false;
    if (host == nullptr || host->empty() || host->find('/') != std::string::npos) return "";
    const std::vector<std::string> hosts = split_on_commas(*host);
    const std::vector<std::string> ports =
        port ? split_on_commas(*port) : std::vector<std::string>();
    for (const std::string& entry : hosts) {
        if (entry.empty()) return "";
    }
    port_written = ports.size() == hosts.size();
    std::string out;
    for (std::size_t k = 0; k < hosts.size(); ++k) {
        if (k > 0) out += ',';
        const bool ipv6 = hosts[k].find(':') != std::string::npos;
        out += ipv6 ? "[" + uri_encoded(hosts[k], ":") + "]" : uri_encoded(hosts[k]);
        if (port_written && !ports[k].empty()) out += ":" + uri_encoded(ports[k]);
    }
    return out;
}

std::string shown_uri(const std::string& scheme, const std::vector<TargetSetting>& settings) {
    const std::string* user = find_setting(settings, "user");
    const std::string* password = find_setting(settings, "password");
    const std::string* dbname = find_setting(settings, "dbname");
    bool port_written = false;
    const std::string hosts = uri_authority_hosts(find_setting(settings, "host"),
                                                  find_setting(settings, "port"), port_written);
    std::string out = scheme + "://";
    if (user != nullptr || password != nullptr) {
        if (user != nullptr) out += uri_encoded(*user);
        if (password != nullptr) out += std::string(":") + kMask;
        out += '@';
    }
    out += hosts;
    if (dbname != nullptr) out += "/" + uri_encoded(*dbname);
    char separator = '?';
    for (const TargetSetting& setting : settings) {
        const std::string& key = setting.key;
        if (key == "user" || key == "password" || key == "dbname") continue;
        if (key == "host" && !hosts.empty()) continue;
        if (key == "port" && port_written) continue;
        out += separator;
        separator = '&';
        out += uri_encoded(key) + "=" +
               (is_libpq_secret_key(key) ? kMask : uri_encoded(setting.value, "/:@,"));
    }
    return out;
}

// Where the server is, then who connects, then the rest in libpq's order: the order
// people write a conninfo in.
std::string shown_conninfo(const std::vector<TargetSetting>& settings) {
    static constexpr std::string_view kFirst[] = {"host",   "hostaddr", "port",
                                                  "dbname", "user",     "password"};
    std::vector<const TargetSetting*> ordered;
    for (const std::string_view key : kFirst) {
        for (const TargetSetting& setting : settings) {
            if (setting.key == key) ordered.push_back(&setting);
        }
    }
    for (const TargetSetting& setting : settings) {
        bool listed = false;
        for (const std::string_view key : kFirst) listed = listed || setting.key == key;
        if (!listed) ordered.push_back(&setting);
    }
    std::string out;
    for (const TargetSetting* setting : ordered) {
        if (!out.empty()) out += ' ';
        out += setting->key + "=" +
               (is_libpq_secret_key(setting->key) ? kMask : conninfo_value(setting->value));
    }
    return out;
}

std::string shown_odbc(const std::string& connection_string) {
    std::string out = "odbc:";
    bool first = true;
    for (const TargetSetting& setting : odbc_settings(connection_string)) {
        if (!first) out += ';';
        first = false;
        out += setting.key + "=";
        if (is_odbc_secret_key(setting.key)) {
            out += kMask;
        } else if (setting.braced) {
            out += '{';
            for (const char c : setting.value) out += c == '}' ? "}}" : std::string(1, c);
            out += '}';
        } else {
            out += setting.value;
        }
    }
    return out;
}

std::string scheme_of(const std::string& spec) {
    const std::size_t end = spec.find("://");
    return end == std::string::npos ? "" : spec.substr(0, end);
}

}  // namespace

std::string shown_target(const std::string& spec) {
    const ConnectorKind* kind = connector_kind_of_spec(spec);
    if (kind != nullptr && kind->kind == TargetKind::Demo) return spec;
    if (kind != nullptr && kind->kind == TargetKind::Odbc) {
        return mask_remembered_secrets(shown_odbc(spec_without_prefix(spec, *kind)));
    }
    if (kind != nullptr && kind->kind == TargetKind::Sqlite) return mask_remembered_secrets(spec);
    const std::string scheme = scheme_of(spec);
    const bool uri = scheme == "postgresql" || scheme == "postgres";
    const auto settings = libpq_settings(spec);
    if (!settings) return "(a PostgreSQL target libpq cannot parse)";
    return mask_remembered_secrets(uri ? shown_uri(scheme, *settings) : shown_conninfo(*settings));
}

}  // namespace opsctl
