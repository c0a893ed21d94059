#include "opsctl/cli/run_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "opsctl/core/error.h"
#include "opsctl/core/install_paths.h"
#include "opsctl/core/private_folder.h"
#include "opsctl/core/stable_hash.h"
#include "opsctl/core/timestamp.h"

namespace opsctl {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kLockHeader = "opsctl lock\n";
// More than any lock opsctl writes: a bigger file is something else.
constexpr size_t kLongestLock = 4096;

std::string read_start(int fd) {
    char buffer[kLongestLock + 1];
    const ssize_t n = ::pread(fd, buffer, sizeof buffer, 0);
    return n > 0 ? std::string(buffer, static_cast<size_t>(n)) : std::string();
}

// "pid 123, started 2026-12-03T07:00:00Z" from a lock's lines, or from a bare pid.
std::string holder_of(const std::string& content) {
    if (content.empty()) return "";
    if (!content.starts_with(kLockHeader)) return "pid " + content.substr(0, content.find('\n'));
    std::string holder;
    size_t start = kLockHeader.size();
    while (start < content.size()) {
        const size_t end = std::min(content.find('\n', start), content.size());
        std::string line = content.substr(start, end - start);
        while (!line.empty() && line.back() == ' ') line.pop_back();
        if (!line.empty()) holder += (holder.empty() ? "" : ", ") + line;
        start = end + 1;
    }
    return holder;
}

// Always the same length, so that rewriting a lock over the last holder's text leaves
// none of it behind without truncating the file.
std::string lock_record() {
    char pid[32];
    std::snprintf(pid, sizeof pid, "%-10ld", static_cast<long>(::getpid()));
    return std::string(kLockHeader) + "pid " + pid + "\nstarted " + format_iso8601(now_utc()) +
           "\n";
}

// Opens `path` without following a symbolic link, blocking on a FIFO or truncating
// anything, and checks that it is a lock file of this user's that nothing else links
// to. Returns the descriptor, or throws UsageError.
UniqueFd open_lock_file(const std::string& path) {
    UniqueFd lock(::open(path.c_str(),
                         O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0600));
    const int open_errno = errno;
    const int fd = lock.get();
    // ELOOP, or EACCES where the kernel protects links in shared folders
    // (fs.protected_symlinks): either way the path is a link, and not followed.
    struct stat link {};
    if (fd < 0 &&
        (open_errno == ELOOP || (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)))) {
        throw UsageError("refusing the lock file " + path +
                         ": it is a symbolic link, which opsctl does not follow");
    }
    if (fd < 0) {
        throw UsageError("cannot create the lock file " + path + ": " + std::strerror(open_errno));
    }
    struct stat status {};
    std::string problem;
    if (::fstat(fd, &status) != 0) {
        problem = std::strerror(errno);
    } else if (!S_ISREG(status.st_mode)) {
        problem = "it is not a regular file";
    } else if (status.st_uid != ::geteuid()) {
        problem = "it belongs to uid " + std::to_string(status.st_uid) + ", not to you (uid " +
                  std::to_string(::geteuid()) + ")";
    } else if (status.st_nlink != 1) {
        problem = "it has other hard links";
    } else if (!is_opsctl_lock(read_start(fd))) {
        problem = "it is not an opsctl lock file (give --lock a path of its own)";
    }
    if (!problem.empty()) throw UsageError("refusing the lock file " + path + ": " + problem);
    return lock;
}

}  // namespace

bool is_opsctl_lock(const std::string& content) {
    if (content.empty()) return true;
    if (content.size() > kLongestLock) return false;
    if (content.starts_with(kLockHeader)) return true;
    std::string pid = content;
    if (pid.back() == '\n') pid.pop_back();
    return !pid.empty() && pid.size() <= 10 &&
           std::all_of(pid.begin(), pid.end(), [](unsigned char c) { return std::isdigit(c); });
}

// A throw leaves no lock behind: the locks taken so far close with fds_, and the one
// being taken with its own UniqueFd.
RunLock::RunLock(const std::vector<std::string>& paths) {
    for (const auto& path : paths) {
        if (const fs::path folder = fs::path(path).parent_path(); !folder.empty()) {
            create_private_folders(folder.string(), "the lock folder");
        }
        UniqueFd lock = open_lock_file(path);
        const int fd = lock.get();
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            const std::string holder = holder_of(read_start(fd));
            throw LockedError("another run holds the lock " + path +
                              (holder.empty() ? "" : " (" + holder + ")") +
                              "; not starting a second one");
        }
        // Held: now say who holds it, for the message above (the lock is the flock,
        // not this text), and close it to others if an earlier opsctl made it 0644.
        ::fchmod(fd, 0600);
        const std::string record = lock_record();
        [[maybe_unused]] const ssize_t written = ::pwrite(fd, record.data(), record.size(), 0);
        fds_.push_back(std::move(lock));
    }
}

// Closing the descriptors (fds_) releases the flocks.
RunLock::~RunLock() = default;

std::string default_lock_folder() {
    if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state) {
        return (fs::path(user_state_dir()) / "locks").string();
    }
    if (::geteuid() == 0) return "/run/lock/opsctl";
    return (fs::path(user_state_dir()) / "locks").string();
}

std::string default_lock_path(const std::string& runbook, const std::string& checklist,
                              const std::string& masked_target) {
    const std::string folder = default_lock_folder();
    create_private_folders(folder, "the lock folder");
    check_private_folder(folder, "the lock folder");
    return (fs::path(folder) /
            (runbook + "." + checklist + "." + stable_hash(masked_target) + ".lock"))
        .string();
}

}  // namespace opsctl
