#pragma once
// The command line: parses arguments, dispatches to one handler per command, and
// (report_error()) turns every error into one "opsctl: error: ..." line and an exit code.

#include <exception>

namespace opsctl {

// Returns the exit code; throws what the command threw (see report_error()).
int run_cli(int argc, char** argv);

// Prints the one line for an error that ended the command, "opsctl: error: ..."
// (masked, on one line), and returns its exit code: an opsctl Error's own (3, or 4
// for a held lock), 3 for anything else, which is "unexpected".
int report_error(const std::exception& error);

}  // namespace opsctl
