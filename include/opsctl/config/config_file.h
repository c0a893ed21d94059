#pragma once
// Where the config file is: `--config FILE` or OPSCTL_CONFIG (must exist), else
// ./opsctl.json, else $XDG_CONFIG_HOME/opsctl/config.json (~/.config when unset).

#include <optional>
#include <string>

#include "opsctl/config/config.h"

namespace opsctl {

// The config file opsctl would read, or nullopt when there is none. `explicit_path`
// is --config / OPSCTL_CONFIG; when given and missing, throws UsageError.
std::optional<std::string> find_config_file(const std::string& explicit_path);

// Reads and parses the file find_config_file() names; nullopt when there is none.
// Relative paths in it are relative to its folder. Throws UsageError.
std::optional<Config> load_config(const std::string& explicit_path);

}  // namespace opsctl
