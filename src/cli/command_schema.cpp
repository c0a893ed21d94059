// opsctl schema runbook|config: the shipped JSON Schema of a file people write, for
// editors and validators (share/opsctl/schema/).
#include <filesystem>

#include "opsctl/cli/commands.h"
#include "opsctl/core/install_paths.h"

namespace opsctl {

int command_schema(const CliOptions& options) {
    const std::string path =
        (std::filesystem::path(shipped_schema_dir()) / (options.kind + ".schema.json")).string();
    write_output(options, read_shipped_file(path, "the " + options.kind + " schema"));
    return 0;
}

}  // namespace opsctl
