#pragma once
// SIGINT, SIGTERM and SIGHUP during a run: the first one interrupts the run (running
// queries are cancelled on the server, the report is still written, exit 3); a
// second one exits at once.

#include <atomic>
#include <thread>

#include "opsctl/evaluate/run_control.h"

namespace opsctl {

// Blocks SIGINT, SIGTERM and SIGHUP (and SIGUSR2, which wakes the watcher when the run is
// over) in the calling thread and in every thread it starts afterwards, so that
// only the watcher receives them. Call before starting threads.
void block_termination_signals();

class SignalWatcher {
  public:
    explicit SignalWatcher(RunControl& control);
    ~SignalWatcher();
    SignalWatcher(const SignalWatcher&) = delete;
    SignalWatcher& operator=(const SignalWatcher&) = delete;

  private:
    RunControl& control_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

}  // namespace opsctl
