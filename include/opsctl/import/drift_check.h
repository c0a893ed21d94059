#pragma once
// Whether a runbooks folder still says what its document says: the checklists and
// steps present in only one of them, and for those in both the changed schedules,
// owners, SQL, shell commands and thresholds. Runbooks and checklists are matched by
// title (else name), steps by title (else id), so that renamed ids do not hide a step.

#include <string>
#include <vector>

#include "opsctl/import/import_result.h"
#include "opsctl/runbook/catalog.h"

namespace opsctl {

struct Drift {
    std::string where;  // "daily-operations/morning/verify-data-freshness" (document's names)
    std::string what;   // "threshold: document fail_above 360, runbooks fail_above 300"
};

std::vector<Drift> find_drift(const ImportResult& document, const Catalog& runbooks);

}  // namespace opsctl
