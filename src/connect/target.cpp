#include "opsctl/connect/target.h"

#include <cctype>
#include <cstdlib>

#include "opsctl/connect/target_display.h"
#include "opsctl/connect/target_parse.h"
#include "opsctl/connect/target_passwords.h"
#include "opsctl/core/error.h"
#include "opsctl/core/quote.h"
#include "opsctl/core/run_secrets.h"

namespace opsctl {

// Hand-written scanners, not std::regex: a target comes from the command line or the
// environment, and std::regex's matcher recurses per character (a long target would
// overflow the stack).
namespace {

bool is_space(char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}

bool starts_with_ignoring_case(const std::string& text, size_t at, std::string_view word) {
    if (text.size() - at < word.size()) return false;
    for (size_t k = 0; k < word.size(); ++k) {
        if (std::tolower(static_cast<unsigned char>(text[at + k])) != word[k]) return false;
    }
    return true;
}

// scheme://user:secret@host -> scheme://user:***@host. The user-info ends at the last
// '@' of the authority, so a secret holding an unencoded '@' is masked whole.
// `found` (when given) becomes true if a non-empty secret was masked.
std::string mask_user_info(const std::string& text, bool* found = nullptr) {
    std::string out;
    size_t copied = 0;
    size_t scheme_end = text.find("://");
    while (scheme_end != std::string::npos) {
        const size_t authority = scheme_end + 3;
        size_t authority_end = authority;
        // As libpq reads a URI, the user-info runs up to an '@' before the first '/':
        // '?', '#' and blanks may be part of the password.
        while (authority_end < text.size() && text[authority_end] != '/' &&
               text[authority_end] != '\n') {
            ++authority_end;
        }
        const size_t at = text.rfind('@', authority_end == 0 ? 0 : authority_end - 1);
        if (at != std::string::npos && at >= authority) {
            const size_t colon = text.find(':', authority);
            if (colon < at) {
                if (found != nullptr && at > colon + 1) *found = true;
                out.append(text, copied, colon + 1 - copied);
                out += "***";
                copied = at;
            }
        }
        scheme_end = text.find("://", authority_end);
    }
    out.append(text, copied, std::string::npos);
    return out;
}

// The end of a key=value value starting at `i`: 'quoted' (libpq, backslash escapes),
// {braced} (ODBC, "}}" escapes a brace), or up to a space, '&' or ';'.
size_t value_end(const std::string& text, size_t i) {
    if (i < text.size() && text[i] == '\'') {
        for (++i; i < text.size(); ++i) {
            if (text[i] == '\\') {
                ++i;
            } else if (text[i] == '\'') {
                return i + 1;
            }
        }
        return text.size();
    }
    if (i < text.size() && text[i] == '{') {
        std::string value;
        return read_braced_value(text, i + 1, value);
    }
    while (i < text.size() && !is_space(text[i]) && text[i] != '&' && text[i] != ';') ++i;
    return i;
}

// password=secret (conninfo, URI query) and PWD=secret (ODBC) -> password=***.
// `found` (when given) becomes true if a non-empty value was masked.
std::string mask_key_values(const std::string& text, bool* found = nullptr) {
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
        const bool boundary = i == 0 || is_space(text[i - 1]) || text[i - 1] == '?' ||
                              text[i - 1] == '&' || text[i - 1] == ';' || text[i - 1] == ':';
        // A key is a word ending in "password" or "pwd": ODBC drivers prefix their own
        // (PRIV_KEY_FILE_PWD, KeyStorePassword).
        size_t key_end = 0;
        if (boundary) {
            size_t word_end = i;
            while (word_end < text.size() &&
                   (std::isalpha(static_cast<unsigned char>(text[word_end])) ||
                    text[word_end] == '_')) {
                ++word_end;
            }
            const size_t length = word_end - i;
            if ((length >= 8 && starts_with_ignoring_case(text, word_end - 8, "password")) ||
                (length >= 3 && starts_with_ignoring_case(text, word_end - 3, "pwd"))) {
                key_end = word_end;
            }
        }
        if (key_end != 0) {
            size_t j = key_end;
            while (j < text.size() && is_space(text[j])) ++j;
            if (j < text.size() && text[j] == '=') {
                ++j;
                while (j < text.size() && is_space(text[j])) ++j;
                out.append(text, i, j - i);
                out += "***";
                i = value_end(text, j);
                const bool quoted_empty =
                    i - j == 2 && (text.compare(j, 2, "''") == 0 || text.compare(j, 2, "{}") == 0);
                if (found != nullptr && i > j && !quoted_empty) *found = true;
                continue;
            }
        }
        out += text[i];
        ++i;
    }
    return out;
}

}  // namespace

std::string mask_secrets(const std::string& text) {
    // The parsed secrets first: a text search alone cuts "password=ab;cd" at the ';'.
    return mask_key_values(mask_user_info(mask_remembered_secrets(text)));
}

bool holds_password(const std::string& text) {
    if (!target_passwords(text).values.empty()) return true;
    bool found = false;
    mask_key_values(mask_user_info(text, &found), &found);
    return found;
}

std::string Target::describe() const {
    if (kind == TargetKind::Demo) {
        return demo_scenario == StandinScenario::Healthy ? "demo"
                                                         : "demo:" + to_string(demo_scenario);
    }
    return shown_target(spec);
}

void remember_target_passwords(const std::string& spec) {
    const TargetPasswords passwords = target_passwords(spec);
    for (const std::string& password : passwords.values) remember_secret(password);
    // libpq also reads the password from PGPASSWORD.
    if (const char* password = std::getenv("PGPASSWORD")) remember_secret(password);
}

std::string Target::dialect() const {
    if (!dialect_override.empty()) return dialect_override;
    return std::string(connector_kind(kind).default_dialect);
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
    return kind == TargetKind::Odbc ? odbc_string_with_password(
                                          spec_without_prefix(spec, connector_kind(kind)), password)
                                    : std::string();
}

bool is_demo_spec(const std::string& spec) {
    return spec == "demo" ||
           (spec.starts_with("demo:") && find_standin_scenario(spec.substr(5)).has_value());
}

Target parse_target(const std::string& spec) {
    const ConnectorKind* kind = connector_kind_of_spec(spec);
    if (kind == nullptr) {
        throw UsageError("unknown target " + quote_value(mask_secrets(spec)) + ": expected " +
                         target_forms_for_message());
    }
    Target target;
    target.spec = spec;
    target.kind = kind->kind;
    if (kind->no_password.empty()) remember_target_passwords(spec);
    kind->check_spec(spec);
    if (target.kind == TargetKind::Demo && spec != "demo") {
        target.demo_scenario = *find_standin_scenario(spec.substr(spec.find(':') + 1));
    }
    return target;
}

}  // namespace opsctl
