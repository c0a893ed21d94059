#include "opsctl/cli/signal_watcher.h"

#include <signal.h>
#include <unistd.h>

#include <cstring>
#include <string>

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
    // The terminal or the session went away: like SIGTERM, never a report lost.
    sigaddset(&set, SIGHUP);
    sigaddset(&set, kWakeSignal);
    return set;
}

const char* signal_name(int signal_number) {
    switch (signal_number) {
        case SIGINT:
            return "SIGINT";
        case SIGHUP:
            return "SIGHUP";
        default:
            return "SIGTERM";
    }
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
              control_.interrupt(std::string("interrupted by ") + signal_name(signal_number));
          }
      }) {}

SignalWatcher::~SignalWatcher() {
    stopping_ = true;
    pthread_kill(thread_.native_handle(), kWakeSignal);
    thread_.join();
}

}  // namespace opsctl
