#include "opsctl/core/private_folder.h"

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

std::string octal_mode(mode_t mode) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
    return text;
}

}  // namespace

void create_private_folders(const std::string& path, const std::string& what) {
    fs::path partial;
    for (const auto& part : fs::path(path).lexically_normal()) {
        partial /= part;
        if (part.empty() || part == "/") continue;
        if (::mkdir(partial.c_str(), 0700) != 0 && errno != EEXIST) {
            throw UsageError("cannot create " + what + " " + partial.string() + ": " +
                             std::strerror(errno));
        }
    }
}

void check_private_folder(const std::string& path, const std::string& what) {
    struct stat status {};
    if (::lstat(path.c_str(), &status) != 0) {
        throw UsageError("cannot use " + what + " " + path + ": " + std::strerror(errno));
    }
    const std::string refusal = "refusing " + what + " " + path + ": ";
    if (S_ISLNK(status.st_mode)) throw UsageError(refusal + "it is a symbolic link");
    if (!S_ISDIR(status.st_mode)) throw UsageError(refusal + "it is not a folder");
    if (status.st_uid != ::geteuid()) {
        throw UsageError(refusal + "it belongs to uid " + std::to_string(status.st_uid) +
                         ", not to you (uid " + std::to_string(::geteuid()) + ")");
    }
    if ((status.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        throw UsageError(refusal + "its group or others may write to it (mode " +
                         octal_mode(status.st_mode) + "); chmod 700 it");
    }
}

}  // namespace opsctl
