#include "opsctl/runbook/model.h"

namespace opsctl {

std::string_view to_string(StepKind kind) {
    switch (kind) {
        case StepKind::Sql:
            return "sql";
        case StepKind::Shell:
            return "shell";
        case StepKind::Manual:
            return "manual";
    }
    return "sql";
}

EmptyPolicy effective_empty_policy(const Step& step) {
    if (step.on_empty) return *step.on_empty;
    return !step.expectations.empty() && step.row_count_rules.empty() ? EmptyPolicy::Warn
                                                                      : EmptyPolicy::Pass;
}

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
