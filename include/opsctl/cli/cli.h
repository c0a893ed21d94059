#pragma once
// The command line: parses arguments, dispatches to one handler per command, and
// turns every error into one "opsctl: error: ..." line and an exit code.

namespace opsctl {

int run_cli(int argc, char** argv);

}  // namespace opsctl
