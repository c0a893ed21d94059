#pragma once
// Paths a file names relative to itself: a config file's SQLite path or password_file.

#include <string>

namespace opsctl {

// `path` as seen from `base_dir` (normalised); `path` itself when it is absolute or
// `base_dir` is empty (the current directory).
std::string relative_to(const std::string& path, const std::string& base_dir);

}  // namespace opsctl
