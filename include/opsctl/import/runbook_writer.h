#pragma once
// Writes imported runbooks into a folder, one NAME.json each. An existing file is
// never replaced silently: unless `force`, any file already there stops the write
// before anything is written.

#include <string>

#include "opsctl/import/import_result.h"

namespace opsctl {

// Creates `folder` when missing (not its parents). Throws UsageError naming the first
// file that exists (without `force`) or cannot be written.
void write_imported_runbooks(const ImportResult& result, const std::string& folder, bool force);

}  // namespace opsctl
