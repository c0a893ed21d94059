#include "opsctl/evaluate/baselines.h"

namespace opsctl {

const Baseline* StepBaselines::find(const std::string& column, int runs,
                                    const std::string& key) const {
    const auto found = values.find({column, runs, key});
    return found == values.end() ? nullptr : &found->second;
}

StepBaselines RunBaselines::for_step(const std::string& checklist, const std::string& step) const {
    const auto found = steps.find({checklist, step});
    if (found != steps.end()) return found->second;
    StepBaselines none;
    none.available = available;
    none.unavailable_reason = unavailable_reason;
    return none;
}

}  // namespace opsctl
