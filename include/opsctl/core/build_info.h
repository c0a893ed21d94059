#pragma once
// What opsctl was built from, for `opsctl --version`. The definition is generated at
// build time (cmake/OpsctlBuildInfo.cmake).

namespace opsctl {

// The git commit of the source tree, 12 hex digits with "-dirty" when it had
// uncommitted changes, or "unknown" when it was not built from a git checkout.
const char* opsctl_build_commit();

}  // namespace opsctl
