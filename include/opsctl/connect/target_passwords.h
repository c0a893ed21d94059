#pragma once
// The passwords a target holds, read the way its driver reads them: libpq's own
// parse (PQconninfoParse: a URI's user-info or any spelling of "password", percent-
// encoded keys and values decoded) and the ODBC connection-string grammar
// (PWD=/Password= and driver keys ending in them, {braced} values with "}}" escapes,
// up to the next ';'). Masking and the refusals of inline passwords (cron, config)
// rest on this parse, not on searching the text.

#include <string>
#include <vector>

namespace opsctl {

struct TargetPasswords {
    std::vector<std::string> values;  // non-empty passwords, as the driver reads them
    bool unparsable = false;          // libpq refused the target: its text may hide one
};

// `spec` is a target ("postgresql://...", a key=value conninfo, "odbc:..."), or a bare
// ODBC connection string (a config file's dsn of an ODBC target).
TargetPasswords target_passwords(const std::string& spec);

// The values of an ODBC connection string's password keys.
std::vector<std::string> odbc_passwords(const std::string& connection_string);

}  // namespace opsctl
