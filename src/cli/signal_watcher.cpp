#include "opsctl/cli/signal_watcher.h"

#include <signal.h>
#include <unistd.h>

#include <cstring>

#include "opsctl/core/status.h"

namespace opsctl {

namespace {
// SIGUSR2 only wakes the watcher when the run is over, so that it can stop at once
// instead of on the next tick.
constexpr int kWakeSignal = SIGUSR2;

sigset_t termination_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, kWakeSignal);
    return set;
}

void say(const char* text) {
    [[maybe_unused]] const ssize_t written = write(STDERR_FILENO, text, std::strlen(text));
}
}  // namespace

void block_termination_signals() {
    const sigset_t set = termination_signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

SignalWatcher::SignalWatcher(RunControl& control)
    : control_(control), thread_([this] {
          const sigset_t set = termination_signals();
          int received = 0;
          while (true) {
              int signal_number = 0;
              if (sigwait(&set, &signal_number) != 0) continue;
              if (signal_number == kWakeSignal) {
                  if (stopping_) return;
                  continue;
              }
              if (++received > 1) {
                  say("opsctl: second signal: exiting now\n");
                  _exit(exit_code::kError);
              }
              say("opsctl: interrupted: cancelling running queries and writing the report "
                  "(again to exit at once)\n");
              control_.interrupt(signal_number == SIGINT ? "interrupted by SIGINT"
                                                         : "interrupted by SIGTERM");
          }
      }) {}

SignalWatcher::~SignalWatcher() {
    stopping_ = true;
    pthread_kill(thread_.native_handle(), kWakeSignal);
    thread_.join();
}

}  // namespace opsctl
