#include "opsctl/cli/run_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "opsctl/core/error.h"

namespace opsctl {

namespace fs = std::filesystem;

RunLock::RunLock(const std::vector<std::string>& paths) {
    for (const auto& path : paths) {
        std::error_code ec;
        fs::create_directories(fs::path(path).parent_path(), ec);
        const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) {
            for (const int held : fds_) close(held);
            fds_.clear();
            throw UsageError("cannot create the lock file " + path);
        }
        if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
            char buffer[32] = {};
            const ssize_t n = pread(fd, buffer, sizeof buffer - 1, 0);
            close(fd);
            for (const int held : fds_) close(held);
            fds_.clear();
            std::string holder = n > 0 ? std::string(buffer, static_cast<size_t>(n)) : "";
            while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' '))
                holder.pop_back();
            throw LockedError("another run holds the lock " + path +
                              (holder.empty() ? "" : " (pid " + holder + ")") +
                              "; not starting a second one");
        }
        // Record who holds it, for the message above; the lock is the flock, not this.
        const std::string pid = std::to_string(getpid()) + "\n";
        if (ftruncate(fd, 0) == 0) {
            [[maybe_unused]] const ssize_t written = pwrite(fd, pid.data(), pid.size(), 0);
        }
        fds_.push_back(fd);
    }
}

RunLock::~RunLock() {
    for (const int fd : fds_) close(fd);  // closing releases the flock
}

std::string default_lock_path(const std::string& runbook, const std::string& checklist) {
    fs::path folder;
    if (const char* runtime = std::getenv("XDG_RUNTIME_DIR"); runtime && *runtime) {
        folder = fs::path(runtime) / "opsctl";
    } else {
        folder = fs::temp_directory_path() / ("opsctl-" + std::to_string(getuid()));
    }
    return (folder / (runbook + "." + checklist + ".lock")).string();
}

}  // namespace opsctl
