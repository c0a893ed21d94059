#pragma once
// Where opsctl's shipped data lives: <prefix>/share/opsctl next to <prefix>/bin/opsctl,
// which holds in the build tree (build/bin, build/share) as after `cmake --install`.

#include <string>

namespace opsctl {

std::string shipped_data_dir();         // .../share/opsctl
std::string shipped_runbooks_dir();     // .../share/opsctl/runbooks
std::string shipped_standin_sql_dir();  // .../share/opsctl/sql
std::string shipped_schema_dir();       // .../share/opsctl/schema

// The folder for opsctl's own files: $XDG_DATA_HOME/opsctl or ~/.local/share/opsctl.
std::string user_data_dir();

// The folder for opsctl's state (logs, locks): $XDG_STATE_HOME/opsctl or
// ~/.local/state/opsctl.
std::string user_state_dir();

}  // namespace opsctl
