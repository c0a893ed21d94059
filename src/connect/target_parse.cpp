#include "opsctl/connect/target_parse.h"

#include <exception>

#include "opsctl/connect/libpq_library.h"
#include "opsctl/core/ascii_case.h"

namespace opsctl {

namespace {

std::string trimmed(const std::string& text) {
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && (text[begin] == ' ' || text[begin] == '\t')) ++begin;
    while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
    return text.substr(begin, end - begin);
}

}  // namespace

std::size_t read_braced_value(const std::string& s, std::size_t at, std::string& value) {
    for (; at < s.size(); ++at) {
        if (s[at] != '}') {
            value += s[at];
        } else if (at + 1 < s.size() && s[at + 1] == '}') {
            value += '}';
            ++at;
        } else {
            return at + 1;
        }
    }
    return at;
}

std::optional<std::vector<TargetSetting>> libpq_settings(const std::string& spec) {
    try {
        const LibPq& pq = libpq();
        char* error = nullptr;
        PQconninfoOption* options = pq.conninfo_parse(spec.c_str(), &error);
        if (error) pq.freemem(error);
        if (!options) return std::nullopt;
        std::vector<TargetSetting> settings;
        for (const PQconninfoOption* option = options; option->keyword; ++option) {
            if (option->val) settings.push_back({option->keyword, option->val});
        }
        pq.conninfo_free(options);
        return settings;
    } catch (const std::exception&) {
        return std::nullopt;  // no libpq: its parse cannot be had
    }
}

std::vector<TargetSetting> odbc_settings(const std::string& connection_string) {
    std::vector<TargetSetting> settings;
    const std::string& s = connection_string;
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t equals = s.find('=', i);
        const std::size_t semicolon = s.find(';', i);
        if (equals == std::string::npos) break;
        if (semicolon < equals) {  // a piece without '=': skip it
            i = semicolon + 1;
            continue;
        }
        TargetSetting setting{trimmed(s.substr(i, equals - i)), "", false};
        std::size_t j = equals + 1;
        while (j < s.size() && s[j] == ' ') ++j;
        if (j < s.size() && s[j] == '{') {
            setting.braced = true;
            j = read_braced_value(s, j + 1, setting.value);
        }
        const std::size_t next = s.find(';', j);
        if (!setting.braced)
            setting.value = s.substr(j, next == std::string::npos ? next : next - j);
        i = next == std::string::npos ? s.size() : next + 1;
        settings.push_back(std::move(setting));
    }
    return settings;
}

std::string conninfo_value(const std::string& value) {
    bool needs_quotes = value.empty();
    for (const char c : value) {
        needs_quotes = needs_quotes || c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
                       c == '\v' || c == '\f' || c == '\'' || c == '\\' || c == '=';
    }
    if (!needs_quotes) return value;
    std::string out = "'";
    for (const char c : value) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

bool is_libpq_secret_key(const std::string& key) {
    return key == "password" || key == "sslpassword";
}

bool is_odbc_secret_key(const std::string& key) {
    const std::string k = ascii_lower(trimmed(key));
    return k.ends_with("pwd") || k.ends_with("password");
}

}  // namespace opsctl
