#pragma once
// One run of a checklist at a time: cron must never stack runs. An flock(2) on a
// lock file; the kernel releases it when the process ends, however it ends.

#include <stdexcept>
#include <string>
#include <vector>

namespace opsctl {

// Exit code when another run holds the lock (beyond Nagios' 0-3 on purpose: it is
// not a verdict about the warehouse).
inline constexpr int kExitLocked = 4;

// Thrown when another run holds a lock.
class LockedError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class RunLock {
  public:
    // Takes every lock or none; throws LockedError naming the holder's pid, or
    // UsageError when a lock file cannot be created.
    explicit RunLock(const std::vector<std::string>& paths);
    ~RunLock();
    RunLock(const RunLock&) = delete;
    RunLock& operator=(const RunLock&) = delete;

  private:
    std::vector<int> fds_;
};

// $XDG_RUNTIME_DIR/opsctl/<runbook>.<checklist>.lock, else /tmp/opsctl-<uid>/...
std::string default_lock_path(const std::string& runbook, const std::string& checklist);

}  // namespace opsctl
