#pragma once
// A Markdown runbook document made into runbooks: each top-level section (`##` under
// the document's title, whatever level the document starts at) a runbook, each
// procedure under it (`###`) a checklist, each `####` or numbered item with steps
// under it a group of steps. Every inference, and what could not be inferred, is in
// the review with its line; every runbook made validates.

#include <string>
#include <string_view>

#include "opsctl/import/import_result.h"

namespace opsctl {

// `name` is the file name for messages; `dialect` the SQL dialect of the document.
// Throws UsageError "NAME:LINE: ..." for a document that is not text, an unterminated
// fence, a document without sections, or one without any step.
ImportResult import_document(std::string_view text, const std::string& name,
                             const std::string& dialect);

}  // namespace opsctl
