#pragma once
// Folders only their owner may change: a lock or a log another user can write to is
// one they can block, redirect or forge.

#include <string>

namespace opsctl {

// Creates `path` and any missing parent with mode 0700; existing folders are left
// as they are. Throws UsageError "cannot create <what> PATH: reason".
void create_private_folders(const std::string& path, const std::string& what);

// Throws UsageError naming `what` and `path` unless `path` is a real folder (not a
// symbolic link) that belongs to this user and that neither its group nor others
// may write to.
void check_private_folder(const std::string& path, const std::string& what);

}  // namespace opsctl
