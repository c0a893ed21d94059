#include "opsctl/cli/terminal.h"

#include <poll.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>

namespace opsctl {

bool use_color_on_stdout(const std::string& mode) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color && *no_color) return false;
    const char* term = std::getenv("TERM");
    if (term && std::string(term) == "dumb") return false;
    return isatty(STDOUT_FILENO) == 1;
}

bool interactive_session() {
    return isatty(STDIN_FILENO) == 1 && isatty(STDERR_FILENO) == 1;
}

bool stdin_and_stdout_are_terminals() {
    return isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1;
}

std::optional<bool> ask_operator(const Step& step, const std::atomic<bool>* stop) {
    std::cerr << "manual  " << step.id << ": " << (step.title.empty() ? "a human step" : step.title)
              << "\n        done? [y]es / [n]o / Enter to leave it open: " << std::flush;
    // Poll, so that Ctrl-C (handled by the signal watcher) is not stuck behind a read.
    std::string answer;
    while (true) {
        if (stop && stop->load()) return std::nullopt;
        pollfd fd{STDIN_FILENO, POLLIN, 0};
        if (poll(&fd, 1, 200) <= 0) continue;
        char c = 0;
        const ssize_t n = read(STDIN_FILENO, &c, 1);
        if (n <= 0) return std::nullopt;
        if (c == '\n') break;
        answer += c;
    }
    if (answer == "y" || answer == "Y" || answer == "yes") return true;
    if (answer == "n" || answer == "N" || answer == "no") return false;
    return std::nullopt;
}

}  // namespace opsctl
