#pragma once
// One step of a checklist made from what the document says: a SQL statement with its
// thresholds lifted and its key inferred, a shell command, or a manual item, each with
// its review lines.

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "opsctl/import/code_steps.h"
#include "opsctl/import/import_result.h"

namespace opsctl {

struct StepPlace {
    std::string runbook;
    std::string checklist;
    std::string group;  // the `####` or numbered heading the step is under; may be empty
    std::string dialect;
};

// The step's JSON; its id is made unique in `ids`, and what was inferred goes to `review`.
nlohmann::json import_step(const StepDraft& draft, const StepPlace& place,
                           std::set<std::string>& ids, std::vector<ReviewLine>& review);

}  // namespace opsctl
