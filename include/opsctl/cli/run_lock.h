#pragma once
// One run of a checklist at a time: cron must never stack runs. An flock(2) on a
// lock file; the kernel releases it when the process ends, however it ends. Nobody
// else can touch the locks: the default folder is the user's own (0700, checked),
// a lock file is never followed through a symbolic link, never truncated, 0600,
// and a file that is not an opsctl lock is never written to.

#include <stdexcept>
#include <string>
#include <vector>

#include "opsctl/core/error.h"
#include "opsctl/core/unique_fd.h"

namespace opsctl {

// Thrown when another run holds a lock: exit code 4 (exit_code::kLocked).
class LockedError : public Error {
  public:
    explicit LockedError(const std::string& message) : Error(message, exit_code::kLocked) {}
};

class RunLock {
  public:
    // Takes every lock or none; throws LockedError naming the holder's pid, or
    // UsageError when a lock file cannot be created or is not an opsctl lock.
    explicit RunLock(const std::vector<std::string>& paths);
    ~RunLock();
    RunLock(const RunLock&) = delete;
    RunLock& operator=(const RunLock&) = delete;

  private:
    std::vector<UniqueFd> fds_;
};

// The folder of every default lock of this user, interactive or cron:
// $XDG_STATE_HOME/opsctl/locks when XDG_STATE_HOME is set, else /run/lock/opsctl for
// root and ~/.local/state/opsctl/locks for everyone else.
std::string default_lock_folder();

// <folder>/<runbook>.<checklist>.<hash>.lock, the hash (8 hex digits) of the masked
// target, so that runs against staging and prod do not block each other. Creates
// the folder (0700) and throws UsageError unless it is this user's alone.
std::string default_lock_path(const std::string& runbook, const std::string& checklist,
                              const std::string& masked_target);

// Whether `content`, the start of an existing file, is an opsctl lock: empty (created,
// never written), "opsctl lock" then the holder, or a bare pid and newline (what earlier versions
// wrote).
bool is_opsctl_lock(const std::string& content);

}  // namespace opsctl
