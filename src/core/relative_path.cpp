#include "opsctl/core/relative_path.h"

#include <filesystem>

namespace opsctl {

std::string relative_to(const std::string& path, const std::string& base_dir) {
    namespace fs = std::filesystem;
    if (base_dir.empty() || fs::path(path).is_absolute()) return path;
    return (fs::path(base_dir) / path).lexically_normal().string();
}

}  // namespace opsctl
