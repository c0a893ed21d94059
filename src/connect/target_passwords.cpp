#include "opsctl/connect/target_passwords.h"

#include <cctype>
#include <exception>

#include "opsctl/connect/libpq_library.h"
#include "opsctl/connect/target.h"

namespace opsctl {

namespace {

std::string lower_trimmed(const std::string& text) {
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
    while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
    std::string out = text.substr(begin, end - begin);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool ends_with(const std::string& text, const std::string& suffix) {
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// PWD, Password, and driver keys that end in them (PRIV_KEY_FILE_PWD, KeyStorePassword).
bool is_password_key(const std::string& key) {
    const std::string k = lower_trimmed(key);
    return ends_with(k, "pwd") || ends_with(k, "password");
}

bool is_uri(const std::string& spec) {
    return spec.rfind("postgresql://", 0) == 0 || spec.rfind("postgres://", 0) == 0;
}

TargetPasswords libpq_passwords(const std::string& spec) {
    TargetPasswords found;
    try {
        const LibPq& pq = libpq();
        char* error = nullptr;
        PQconninfoOption* options = pq.conninfo_parse(spec.c_str(), &error);
        if (error) pq.freemem(error);
        if (!options) {
            found.unparsable = true;
            return found;
        }
        for (const PQconninfoOption* option = options; option->keyword; ++option) {
            if (option->val && *option->val && std::string(option->keyword) == "password") {
                found.values.emplace_back(option->val);
            }
        }
        pq.conninfo_free(options);
    } catch (const std::exception&) {
        found.unparsable = true;  // no libpq: only the text search of mask_secrets() is left
    }
    return found;
}

}  // namespace

std::vector<std::string> odbc_passwords(const std::string& connection_string) {
    std::vector<std::string> values;
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
        const std::string key = s.substr(i, equals - i);
        std::size_t j = equals + 1;
        while (j < s.size() && s[j] == ' ') ++j;
        std::string value;
        if (j < s.size() && s[j] == '{') {
            // {braced}: '}}' stands for '}'; the value ends at the lone '}'.
            for (++j; j < s.size(); ++j) {
                if (s[j] == '}') {
                    if (j + 1 < s.size() && s[j + 1] == '}') {
                        value += '}';
                        ++j;
                        continue;
                    }
                    ++j;
                    break;
                }
                value += s[j];
            }
            const std::size_t next = s.find(';', j);
            i = next == std::string::npos ? s.size() : next + 1;
        } else {
            const std::size_t next = s.find(';', j);
            value = s.substr(j, next == std::string::npos ? std::string::npos : next - j);
            i = next == std::string::npos ? s.size() : next + 1;
        }
        if (is_password_key(key) && !value.empty()) values.push_back(value);
    }
    return values;
}

TargetPasswords target_passwords(const std::string& spec) {
    if (spec.rfind("odbc:", 0) == 0) return {odbc_passwords(spec.substr(5)), false};
    if (spec.rfind("sqlite:", 0) == 0 || is_demo_spec(spec)) return {};
    if (is_uri(spec)) return libpq_passwords(spec);
    // A key=value conninfo ("password=ab;cd" is one value to libpq) or a config's bare
    // ODBC string: whatever either grammar reads as a password counts.
    TargetPasswords found = libpq_passwords(spec);
    found.unparsable = found.unparsable && spec.find(';') == std::string::npos;
    for (std::string& value : odbc_passwords(spec)) found.values.push_back(std::move(value));
    return found;
}

}  // namespace opsctl
