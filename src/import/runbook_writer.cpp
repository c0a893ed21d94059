#include "opsctl/import/runbook_writer.h"

#include <filesystem>
#include <system_error>

#include "opsctl/core/atomic_file.h"
#include "opsctl/core/error.h"

namespace opsctl {

namespace fs = std::filesystem;

void write_imported_runbooks(const ImportResult& result, const std::string& folder, bool force) {
    std::error_code error;
    if (!fs::exists(folder, error)) {
        if (!fs::create_directory(folder, error)) {
            throw UsageError("cannot create the folder " + folder + ": " + error.message());
        }
    } else if (!fs::is_directory(folder, error)) {
        throw UsageError("--out " + folder + " is not a folder");
    }
    for (const ImportedRunbook& runbook : result.runbooks) {
        const std::string path = (fs::path(folder) / (runbook.name + ".json")).string();
        if (!force && fs::symlink_status(path, error).type() != fs::file_type::not_found) {
            throw UsageError("refusing to overwrite " + path +
                             ": it exists (pass --force to replace it); nothing written");
        }
        check_writable_atomically(path);
    }
    for (const ImportedRunbook& runbook : result.runbooks) {
        const std::string path = (fs::path(folder) / (runbook.name + ".json")).string();
        write_file_atomically(path, runbook.json.dump(2) + "\n");
    }
}

}  // namespace opsctl
