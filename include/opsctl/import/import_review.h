#pragma once
// The review `opsctl import` prints: per runbook and checklist, each line of the
// document that was read, what it became (+), what was assumed or left as written
// (!), and what gives no step (-).

#include <string>

#include "opsctl/import/import_result.h"

namespace opsctl {

// `written_to`: the folder the runbooks were written to; empty when none was.
std::string format_review(const ImportResult& result, const std::string& written_to);

}  // namespace opsctl
