#pragma once
// Every secret of the run, known in one place: what opsctl parsed out of a target or
// read from a password_env variable or a password_file. Every driver or server
// message, every shell step's output and every target shown to a user passes through
// mask_remembered_secrets(), and shell steps start without the variables a secret
// came from. Thread-safe: workers mask their messages while targets are resolved.

#include <string>
#include <string_view>
#include <vector>

namespace opsctl {

// Remembers `secret` as given, percent-decoded and percent-encoded (the forms a URI
// or a driver's message may show it in). An empty secret is ignored.
void remember_secret(std::string_view secret);

// Remembers the name of an environment variable opsctl read a secret from.
void remember_secret_variable(const std::string& name);

// The variables a child process must not inherit: PGPASSWORD and every one
// remember_secret_variable() was given.
std::vector<std::string> secret_variables();

// Forgets every remembered secret and variable (PGPASSWORD stays). For tests and fuzz
// targets, which parse many targets in one process; a run never forgets.
void forget_remembered_secrets();

// `text` with every remembered secret, in every form, replaced by "***".
std::string mask_remembered_secrets(std::string text);

}  // namespace opsctl
