#include "opsctl/core/atomic_file.h"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "opsctl/core/error.h"

namespace opsctl {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& reason) {
    throw UsageError("cannot write " + path + ": " + reason);
}

// Hidden, and without the target's extension, so that a collector reading *.prom
// never picks up a file being written; random, so that nobody can plant a file or a
// link under the name in advance.
fs::path temporary_name(const fs::path& target) {
    unsigned char bytes[8] = {};
    if (::getrandom(bytes, sizeof bytes, 0) != static_cast<ssize_t>(sizeof bytes)) {
        fail(target.string(),
             std::string("no random name for a temporary file: ") + std::strerror(errno));
    }
    char hex[2 * sizeof bytes + 1] = {};
    for (size_t i = 0; i < sizeof bytes; ++i) std::snprintf(hex + 2 * i, 3, "%02x", bytes[i]);
    return target.parent_path() / ("." + target.filename().string() + ".tmp." + hex);
}

// Creates a temporary file in the target's folder, never through a link nor over an
// existing file: O_EXCL | O_NOFOLLOW. A replaced report keeps its mode; a new one
// gets 0666 & ~umask, as any file the user creates. Sets `temporary`, returns the
// descriptor, or throws.
int create_temporary(const std::string& path, fs::path& temporary) {
    struct stat replaced {};
    const bool replacing = ::lstat(path.c_str(), &replaced) == 0 && S_ISREG(replaced.st_mode);
    for (int attempt = 0;; ++attempt) {
        temporary = temporary_name(path);
        const int fd =
            ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                   replacing ? 0600 : 0666);
        if (fd < 0 && errno == EEXIST && attempt < 8) continue;
        if (fd < 0) fail(path, std::strerror(errno));
        if (replacing && ::fchmod(fd, replaced.st_mode & 0777) != 0) {
            const int chmod_errno = errno;
            ::close(fd);
            ::unlink(temporary.c_str());
            fail(path, std::strerror(chmod_errno));
        }
        return fd;
    }
}

void check_not_a_folder(const std::string& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) fail(path, "it is a folder");
}

// Writes all of `text` to `fd`; returns 0 or the errno of the write that failed.
int write_all(int fd, std::string_view text) {
    size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return errno;
        written += static_cast<size_t>(n);
    }
    return 0;
}

// A FIFO, a device or /dev/stdout: opened without creating or truncating it, and
// without blocking, so a FIFO nobody reads is an error instead of a hang.
void write_in_place(const std::string& path, std::string_view text) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        fail(path, errno == ENXIO ? "no process is reading it" : std::strerror(errno));
    }
    // Blocking again for the text itself: a slow reader is waited for, not dropped.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    const int write_errno = write_all(fd, text);
    ::close(fd);
    if (write_errno == EPIPE) fail(path, "its reader closed it");
    if (write_errno != 0) fail(path, std::strerror(write_errno));
}

}  // namespace

bool is_written_in_place(const std::string& path) {
    // /dev/stdout and /proc/self/fd/N may lead to a regular file, but are not ours
    // to replace by a rename.
    if (path.starts_with("/dev/") || path.starts_with("/proc/")) return true;
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) return false;
    return !S_ISREG(status.st_mode) && !S_ISDIR(status.st_mode);
}

void write_file_atomically(const std::string& path, std::string_view text) {
    check_not_a_folder(path);
    if (is_written_in_place(path)) {
        write_in_place(path, text);
        return;
    }
    fs::path temporary;
    const int fd = create_temporary(path, temporary);
    int write_errno = write_all(fd, text);
    if (write_errno == 0 && ::fsync(fd) != 0) write_errno = errno;
    if (::close(fd) != 0 && write_errno == 0) write_errno = errno;
    std::error_code ignored;
    if (write_errno != 0) {
        fs::remove(temporary, ignored);
        fail(path, std::strerror(write_errno));
    }
    std::error_code ec;
    fs::rename(temporary, path, ec);
    if (ec) {
        const std::string reason = ec.message();  // before the clean-up reuses ec
        fs::remove(temporary, ignored);
        fail(path, reason);
    }
}

void check_writable_atomically(const std::string& path) {
    if (path.empty()) fail(path, "the path is empty");
    check_not_a_folder(path);
    if (is_written_in_place(path)) {
        if (::access(path.c_str(), W_OK) != 0) fail(path, std::strerror(errno));
        return;
    }
    fs::path temporary;
    ::close(create_temporary(path, temporary));
    std::error_code ignored;
    fs::remove(temporary, ignored);
}

}  // namespace opsctl
