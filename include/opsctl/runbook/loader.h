#pragma once
// Reads one runbook file into the model and reports every problem with the file,
// line, column and JSON path. Loading never runs anything.

#include <optional>
#include <string>
#include <vector>

#include "opsctl/core/json_document.h"
#include "opsctl/runbook/model.h"
#include "opsctl/translate/dialect.h"  // known_dialects(), once declared here

namespace opsctl {

struct Diagnostic {
    std::string file;
    SourceLocation location;
    std::string path;  // JSON path, "checklists[0].steps[1].expect[0]"; "" for the file
    std::string message;

    // "runbooks/daily.json:12:9: checklists[0].steps[1]: unknown key ..."
    std::string to_string() const;
};

struct LoadResult {
    std::optional<Runbook> runbook;  // set only when there are no diagnostics
    std::vector<Diagnostic> diagnostics;
};

LoadResult load_runbook_text(const std::string& text, const std::string& file_name);
LoadResult load_runbook_file(const std::string& path);

}  // namespace opsctl
