#pragma once
// The baselines of a run's drop and rise rules (evaluate/baselines.h), read from the
// values earlier runs recorded (run_record: the key_values table): per key, the median
// of its values in the step's last N evaluated runs (pass, warn or fail) of the same
// runbook, checklist and target (N = 1: the previous run's value). NULL and
// non-numeric values do not count; a key with no number there has no baseline.

#include <string>
#include <vector>

#include "opsctl/evaluate/baselines.h"
#include "opsctl/history/store_session.h"
#include "opsctl/runbook/model.h"

namespace opsctl {

// Whether any step of `checklists` has a drop or rise rule (else no store is read).
bool has_drift_rules(const std::vector<const Checklist*>& checklists);

// The baselines of every drop and rise rule of `checklists`, recorded under `target`.
// Throws HistoryError.
RunBaselines read_baselines(StoreSession& session, const std::string& runbook,
                            const std::vector<const Checklist*>& checklists,
                            const std::string& target);

// The median of `values` (decimal texts): the middle one as written, or the mean of the
// two middle ones; nullopt when none is a number.
std::optional<std::string> median_text(const std::vector<std::string>& values);

}  // namespace opsctl
