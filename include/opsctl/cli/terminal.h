#pragma once
// What opsctl needs to know about the terminal: whether to colour, whether a human
// can answer a prompt.

#include <atomic>
#include <optional>
#include <string>

#include "opsctl/evaluate/checklist_runner.h"

namespace opsctl {

// --color: "always", "never", or "auto": only on a terminal, never when NO_COLOR is
// set or TERM is dumb. An explicit "always" wins over NO_COLOR, as https://no-color.org
// asks of command-line arguments.
bool use_color_on_stdout(const std::string& mode);

// Someone can answer questions: stdin and stderr are both terminals.
bool interactive_session();

// Someone is watching the run: stdin and stdout are both terminals. Only then does
// a run without a target use the embedded demo.
bool stdin_and_stdout_are_terminals();

// Asks on stderr whether a manual step is done: y = done, n = not done, Enter =
// leave it open. Gives up (nullopt) as soon as `*stop` turns true.
std::optional<bool> ask_operator(const Step& step, const std::atomic<bool>* stop);

}  // namespace opsctl
