#pragma once
// Stopping work that is in progress: a step that outlives its timeout, a run that
// outlives --timeout, and SIGINT/SIGTERM. One background thread watches the
// deadlines; interrupting cancels every registered query and shell process, so
// nothing is left running in the warehouse. A cancelled query still running after
// kCancelGrace is abandoned (Connector::abandon): no wait outlasts its deadline by
// more than that.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "opsctl/connect/connector.h"

namespace opsctl {

// How long a cancelled query may take to end before its connection is closed.
inline constexpr auto kCancelGrace = std::chrono::seconds(5);

class RunControl {
  public:
    RunControl();
    ~RunControl();
    RunControl(const RunControl&) = delete;
    RunControl& operator=(const RunControl&) = delete;

    // Stops the run: later steps are not started, running queries are cancelled.
    // The first reason wins ("interrupted by SIGTERM", "run timed out after 10m").
    void interrupt(const std::string& reason);
    bool interrupted() const { return interrupted_.load(); }
    const std::atomic<bool>& interrupted_flag() const { return interrupted_; }
    std::string reason() const;

    // Calls `on_expiry` from the watchdog thread at `deadline` unless disarmed first.
    using Clock = std::chrono::steady_clock;
    int arm(Clock::time_point deadline, std::function<void()> on_expiry);
    void disarm(int id);

    // Queries in progress, cancelled on interrupt.
    void track(Connector* connector);
    // Returns whether the query had to be abandoned after its cancel.
    bool untrack(Connector* connector);

    // Cancels the query of a tracked `connector`, and abandons it if it is still
    // tracked kCancelGrace later. Safe from any thread, alarms included.
    void cancel(Connector* connector);
    // Whether the query of `connector` was abandoned (until it is untracked).
    bool abandoned(Connector* connector) const;

  private:
    void watch();
    // Abandons one query whose grace is over; returns whether it did anything.
    bool abandon_overdue(std::unique_lock<std::mutex>& lock);
    // Waits until `deadline`, the end of a grace, or a wake-up, whichever is first.
    void wait_for_grace(std::unique_lock<std::mutex>& lock,
                        std::optional<Clock::time_point> deadline);

    std::atomic<bool> interrupted_{false};
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::string reason_;
    std::map<int, std::pair<Clock::time_point, std::function<void()>>> alarms_;
    int next_id_ = 0;
    std::set<Connector*> active_;
    std::map<Connector*, Clock::time_point> grace_;  // cancelled, abandoned at the time
    std::set<Connector*> abandoned_;
    bool stopping_ = false;
    std::thread watchdog_;
};

// An alarm of `control`, armed for as long as this lives.
class ScopedAlarm {
  public:
    ScopedAlarm(RunControl& control, RunControl::Clock::time_point deadline,
                std::function<void()> on_expiry)
        : control_(control), id_(control.arm(deadline, std::move(on_expiry))) {}
    ~ScopedAlarm() { control_.disarm(id_); }
    ScopedAlarm(const ScopedAlarm&) = delete;
    ScopedAlarm& operator=(const ScopedAlarm&) = delete;

  private:
    RunControl& control_;
    int id_;
};

// A query of `connector` that `control` cancels on interrupt, for as long as this lives.
class TrackedQuery {
  public:
    TrackedQuery(RunControl& control, Connector* connector)
        : control_(control), connector_(connector) {
        control_.track(connector_);
    }
    ~TrackedQuery() { control_.untrack(connector_); }
    TrackedQuery(const TrackedQuery&) = delete;
    TrackedQuery& operator=(const TrackedQuery&) = delete;

  private:
    RunControl& control_;
    Connector* connector_;
};

}  // namespace opsctl
