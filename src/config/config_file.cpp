#include "opsctl/config/config_file.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "opsctl/core/error.h"

namespace opsctl {

namespace fs = std::filesystem;

std::optional<std::string> find_config_file(const std::string& explicit_path) {
    std::error_code ec;
    if (!explicit_path.empty()) {
        if (!fs::is_regular_file(explicit_path, ec)) {
            throw UsageError("--config " + explicit_path + ": no such file");
        }
        return explicit_path;
    }
    if (fs::is_regular_file("opsctl.json", ec)) return std::string("opsctl.json");
    fs::path folder;
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) {
        folder = xdg;
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        folder = fs::path(home) / ".config";
    } else {
        return std::nullopt;
    }
    const fs::path file = folder / "opsctl" / "config.json";
    if (fs::is_regular_file(file, ec)) return file.string();
    return std::nullopt;
}

std::optional<Config> load_config(const std::string& explicit_path) {
    const auto path = find_config_file(explicit_path);
    if (!path) return std::nullopt;
    errno = 0;
    std::ifstream in(*path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
        throw UsageError("cannot read the config file " + *path + ": " +
                         std::strerror(errno ? errno : EIO));
    }
    Config config = parse_config(text.str(), *path);
    config.base_dir = fs::absolute(*path).parent_path().string();
    return config;
}

}  // namespace opsctl
