#include "opsctl/core/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
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
// never picks up a file being written.
fs::path temporary_for(const fs::path& target) {
    return target.parent_path() /
           ("." + target.filename().string() + ".tmp." + std::to_string(getpid()));
}

// Creates the temporary file; returns its descriptor, or throws.
int create_temporary(const std::string& path, const fs::path& temporary) {
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) fail(path, std::strerror(errno));
    return fd;
}

void check_not_a_folder(const std::string& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) fail(path, "it is a folder");
}

}  // namespace

void write_file_atomically(const std::string& path, std::string_view text) {
    check_not_a_folder(path);
    const fs::path temporary = temporary_for(path);
    const int fd = create_temporary(path, temporary);
    int write_errno = 0;
    size_t written = 0;
    while (written < text.size() && write_errno == 0) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            write_errno = errno;
        } else {
            written += static_cast<size_t>(n);
        }
    }
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
    const fs::path temporary = temporary_for(path);
    ::close(create_temporary(path, temporary));
    std::error_code ignored;
    fs::remove(temporary, ignored);
}

}  // namespace opsctl
