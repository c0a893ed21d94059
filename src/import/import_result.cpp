#include "opsctl/import/import_result.h"

namespace opsctl {

size_t ImportResult::checklist_count() const {
    size_t count = 0;
    for (const ImportedRunbook& runbook : runbooks) count += runbook.json.at("checklists").size();
    return count;
}

size_t ImportResult::step_count() const {
    size_t count = 0;
    for (const ImportedRunbook& runbook : runbooks) {
        for (const auto& checklist : runbook.json.at("checklists")) {
            count += checklist.at("steps").size();
        }
    }
    return count;
}

}  // namespace opsctl
