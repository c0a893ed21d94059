#pragma once
// How a target is shown to users (reports, messages, `opsctl targets`, Prometheus
// labels): rebuilt from the settings its driver's own parse finds (target_parse), with
// every secret setting shown as "***". Nothing of the original text is copied through,
// so a password's spelling, quoting or encoding cannot slip past the masking.

#include <string>

namespace opsctl {

// `spec` is any target: a PostgreSQL URI is shown as a URI in one canonical form
// ("postgresql://app:***@db:5432/wh?sslmode=require"), a key=value conninfo as
// key=value pairs in libpq's order, "odbc:..." as its pairs in order; sqlite: and demo
// targets as given. A PostgreSQL target libpq cannot parse is not shown at all.
// Every remembered secret of the run (run_secrets) is masked in the result too.
std::string shown_target(const std::string& spec);

}  // namespace opsctl
