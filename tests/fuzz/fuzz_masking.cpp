// Masking: a random password, placed in a random target form the way its driver
// expects it written, never shows. The first byte picks the form, the rest is the
// password. Properties:
// - the shown target is rebuilt from the parse, so it is the same whatever the password;
// - once the target is parsed, neither the password nor its percent-encodings appear in
//   its description or in a message holding them (mask_secrets).

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>

#include "fuzz_check.h"
#include "opsctl/connect/target.h"
#include "opsctl/connect/target_display.h"
#include "opsctl/core/error.h"
#include "opsctl/core/run_secrets.h"

namespace {

enum class Form {
    UriUserInfo,
    UriQuery,
    UriEncodedKey,
    ConninfoQuoted,
    ConninfoBare,
    ConninfoSslPassword,
    OdbcBraced,
    OdbcBare,
    kCount
};

// The oracle's own encoder, not the product's: what it checks must not be what it uses.
std::string percent_encoded(const std::string& text, const char* digits) {
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        const bool unreserved = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                                (byte >= '0' && byte <= '9') || c == '-' || c == '.' || c == '_' ||
                                c == '~';
        if (unreserved) {
            out += c;
        } else {
            out += '%';
            out += digits[byte >> 4];
            out += digits[byte & 15];
        }
    }
    return out;
}

std::string conninfo_quoted(const std::string& text) {
    std::string out = "'";
    for (const char c : text) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

std::string odbc_braced(const std::string& text) {
    std::string out = "{";
    for (const char c : text) out += c == '}' ? std::string("}}") : std::string(1, c);
    return out + "}";
}

bool fits_bare_conninfo(const std::string& password) {
    for (const char c : password) {
        if (c == ' ' || (c >= '\t' && c <= '\r') || c == '\'' || c == '\\') return false;
    }
    return true;
}

bool fits_bare_odbc(const std::string& password) {
    return password.find(';') == std::string::npos && password.front() != '{' &&
           password.front() != ' ';
}

// A form the password can be written in unquoted, or its quoted sibling.
Form usable_form(Form form, const std::string& password) {
    if (form == Form::ConninfoBare && !fits_bare_conninfo(password)) return Form::ConninfoQuoted;
    if (form == Form::OdbcBare && !fits_bare_odbc(password)) return Form::OdbcBraced;
    return form;
}

std::string target_with(Form form, const std::string& password) {
    const std::string encoded = percent_encoded(password, "0123456789ABCDEF");
    switch (form) {
        case Form::UriUserInfo:
            return "postgresql://app:" + encoded + "@db:5432/wh";
        case Form::UriQuery:
            return "postgresql://db/wh?user=app&password=" + encoded;
        case Form::UriEncodedKey:
            return "postgres://db/wh?pass%77ord=" + encoded + "&sslmode=prefer";
        case Form::ConninfoQuoted:
            return "host=db dbname=wh user=app password=" + conninfo_quoted(password);
        case Form::ConninfoBare:
            return "host=db password=" + password + " dbname=wh";
        case Form::ConninfoSslPassword:
            return "host=db sslpassword=" + conninfo_quoted(password) + " user=app";
        case Form::OdbcBraced:
            return "odbc:Driver={PostgreSQL Unicode};Server=db;PWD=" + odbc_braced(password) +
                   ";Database=wh";
        default:
            return "odbc:DSN=wh;Uid=app;Pwd=" + password + ";Server=db";
    }
}

bool holds(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using opsctl::fuzz::require;
    if (size < 2) return 0;
    std::string password;
    for (size_t i = 1; i < size; ++i) {
        if (data[i] != 0) password += static_cast<char>(data[i]);  // no C string holds a NUL
    }
    if (password.empty()) return 0;
    const auto picked = static_cast<Form>(data[0] % static_cast<uint8_t>(Form::kCount));
    const Form form = usable_form(picked, password);
    const std::string spec = target_with(form, password);

    opsctl::forget_remembered_secrets();
    const std::string shown = opsctl::shown_target(spec);
    require(shown != "(a PostgreSQL target libpq cannot parse)",
            "a correctly written target parses");
    require(shown == opsctl::shown_target(target_with(form, "Benign-0")),
            "the shown target does not depend on the password");

    // A '*' in the password can be made of the mask itself: only the rebuild is checked.
    if (password.find('*') != std::string::npos) return 0;
    opsctl::Target target;
    try {
        target = opsctl::parse_target(spec);
    } catch (const opsctl::UsageError&) {
        require(false, "a correctly written target is accepted");
    }
    const std::string lower = percent_encoded(password, "0123456789abcdef");
    const std::string upper = percent_encoded(password, "0123456789ABCDEF");
    const std::string described = target.describe();
    const std::string message = opsctl::mask_secrets("connection failed for " + password + "\n" +
                                                     upper + "\n" + lower + "\n" + spec);
    for (const std::string* form_of_secret :
         std::initializer_list<const std::string*>{&password, &lower, &upper}) {
        require(!holds(described, *form_of_secret),
                "the description shows no form of the password");
        require(!holds(message, *form_of_secret), "a message shows no form of the password");
    }
    return 0;
}
