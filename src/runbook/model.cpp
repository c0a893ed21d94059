#include "opsctl/runbook/model.h"

namespace opsctl {

const Step* Checklist::find_step(const std::string& id) const {
    for (const auto& step : steps) {
        if (step.id == id) return &step;
    }
    return nullptr;
}

const Checklist* Runbook::find_checklist(const std::string& checklist_name) const {
    for (const auto& checklist : checklists) {
        if (checklist.name == checklist_name) return &checklist;
    }
    return nullptr;
}

}  // namespace opsctl
