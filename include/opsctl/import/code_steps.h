#pragma once
// The steps a fenced code block holds: each SQL statement of a ```sql block, and each
// command or SQL line of a ```bash block, titled by the comment right above it.

#include <string>
#include <vector>

#include "opsctl/import/markdown_blocks.h"

namespace opsctl {

enum class DraftKind { Sql, Shell, Manual };

struct StepDraft {
    DraftKind kind = DraftKind::Manual;
    std::string title;               // the comment above it; empty when the document gives none
    std::string sql;                 // Sql: the statement as written
    std::vector<std::string> shell;  // Shell: the program and its arguments
    size_t line = 0;                 // the document's line
    std::vector<std::string> notes;  // for the review
};

struct FenceSteps {
    std::vector<StepDraft> steps;
    std::string skipped;  // why the block gives no step ("a ```python block"); empty otherwise
};

FenceSteps steps_of_fence(const MarkdownBlock& fence);

// Whether a line starts a query (SELECT, WITH, SHOW, ...).
bool starts_query(const std::string& line);

}  // namespace opsctl
