// opsctl completion bash|zsh|fish: the completion script installed for that shell,
// which asks `opsctl __complete` for the names at completion time.
#include "opsctl/cli/commands.h"
#include "opsctl/cli/completion.h"

namespace opsctl {

int command_completion(const CliOptions& options) {
    write_output(options, read_shipped_file(completion_script_path(options.kind),
                                            "the " + options.kind + " completion script"));
    return 0;
}

}  // namespace opsctl
