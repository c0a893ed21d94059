#include "opsctl/cli/terminal.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>

namespace opsctl {

bool use_color_on_stdout() {
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color && *no_color) return false;
    return isatty(STDOUT_FILENO) == 1;
}

bool interactive_session() {
    return isatty(STDIN_FILENO) == 1 && isatty(STDERR_FILENO) == 1;
}

std::optional<bool> ask_operator(const Step& step) {
    std::cerr << "manual  " << step.id << ": " << (step.title.empty() ? "a human step" : step.title)
              << "\n        done? [y]es / [n]o / Enter to leave it open: " << std::flush;
    std::string answer;
    if (!std::getline(std::cin, answer)) return std::nullopt;
    if (answer == "y" || answer == "Y" || answer == "yes") return true;
    if (answer == "n" || answer == "N" || answer == "no") return false;
    return std::nullopt;
}

}  // namespace opsctl
