#include "opsctl/core/install_paths.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace opsctl {

namespace fs = std::filesystem;

std::string shipped_data_dir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    const fs::path prefix = ec ? fs::current_path() : exe.parent_path().parent_path();
    return (prefix / OPSCTL_DATA_SUBDIR).string();
}

std::string shipped_runbooks_dir() {
    return (fs::path(shipped_data_dir()) / "runbooks").string();
}

std::string shipped_standin_sql_dir() {
    return (fs::path(shipped_data_dir()) / "sql").string();
}

std::string shipped_schema_dir() {
    return (fs::path(shipped_data_dir()) / "schema").string();
}

std::string user_data_dir() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
        return (fs::path(xdg) / "opsctl").string();
    }
    const char* home = std::getenv("HOME");
    return (fs::path(home && *home ? home : "/tmp") / ".local" / "share" / "opsctl").string();
}

std::string user_state_dir() {
    if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg && *xdg) {
        return (fs::path(xdg) / "opsctl").string();
    }
    // Cron gives HOME; without it, the home the password database names, never a
    // folder other users share.
    const char* home = std::getenv("HOME");
    const passwd* entry = home && *home ? nullptr : ::getpwuid(::geteuid());
    const std::string base = home && *home ? home : entry && entry->pw_dir ? entry->pw_dir : "/";
    return (fs::path(base) / ".local" / "state" / "opsctl").string();
}

}  // namespace opsctl
