#pragma once
// Runs a shell step's program (no shell in between) in its own process group, so
// that a timeout can kill it with everything it started.

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "opsctl/core/duration.h"

namespace opsctl {

struct ShellOutcome {
    bool found = true;  // false when the program is not on PATH
    bool timed_out = false;
    bool stopped = false;     // *stop turned true
    int exit_status = 0;      // the exit status, or 128 + signal
    std::string output_tail;  // the last few KB of stdout and stderr together
};

// The program's full path, or empty when `program` is not on PATH / not executable.
std::string find_program(const std::string& program);

// Stops the program's process group at `timeout`, or as soon as `*stop` turns true.
ShellOutcome run_shell(const std::vector<std::string>& argv, Duration timeout,
                       const std::atomic<bool>* stop = nullptr);

}  // namespace opsctl
