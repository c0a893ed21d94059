#pragma once
// All runbooks of a folder (or of explicit files), by name.

#include <string>
#include <vector>

#include "opsctl/runbook/loader.h"

namespace opsctl {

struct Catalog {
    std::vector<Runbook> runbooks;        // the valid ones, sorted by name
    std::vector<Diagnostic> diagnostics;  // problems of every file
    size_t files = 0;

    const Runbook* find(const std::string& name) const;
    std::vector<std::string> names() const;
};

// `paths` are files or folders (their *.json files, sorted). Throws UsageError when
// a path does not exist or a folder holds no runbook.
Catalog load_catalog(const std::vector<std::string>& paths);

}  // namespace opsctl
