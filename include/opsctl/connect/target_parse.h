#pragma once
// A target's settings read the way its driver reads them: libpq's own parse
// (PQconninfoParse: a URI or a key=value conninfo, percent-encoding and quoting undone)
// and the ODBC connection-string grammar ({braced} values with "}}" escapes, up to the
// next ';'). The passwords a target holds and the form in which it is shown both rest
// on these pieces, never on searching the text.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace opsctl {

struct TargetSetting {
    std::string key;
    std::string value;
    bool braced = false;  // ODBC: the value was written {braced}
};

// The settings a libpq target sets, in libpq's order of keywords; nullopt when libpq
// refuses the text (or cannot be loaded): then nothing about it can be trusted.
std::optional<std::vector<TargetSetting>> libpq_settings(const std::string& spec);

// The key=value pairs of an ODBC connection string, in order; pieces without '=' are
// left out.
std::vector<TargetSetting> odbc_settings(const std::string& connection_string);

// An ODBC {braced} value starting at `at` (just after '{'), appended to `value`: "}}"
// stands for '}', the value ends at the lone '}'. Returns the index after that brace
// (the text's size when it is missing).
std::size_t read_braced_value(const std::string& s, std::size_t at, std::string& value);

// A conninfo value as libpq reads one: bare when it can be, else quoted, with a quote
// or a backslash escaped by a backslash.
std::string conninfo_value(const std::string& value);

// libpq: "password" and "sslpassword" (the client key's). ODBC: PWD, Password, and the
// driver keys that end in them (PRIV_KEY_FILE_PWD, KeyStorePassword).
bool is_libpq_secret_key(const std::string& key);
bool is_odbc_secret_key(const std::string& key);

}  // namespace opsctl
