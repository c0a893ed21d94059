#include "opsctl/evaluate/run_control.h"

#include <vector>

namespace opsctl {

RunControl::RunControl() : watchdog_([this] { watch(); }) {}

RunControl::~RunControl() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    watchdog_.join();
}

void RunControl::interrupt(const std::string& reason) {
    std::vector<Connector*> to_cancel;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (interrupted_.exchange(true)) return;
        reason_ = reason;
        to_cancel.assign(active_.begin(), active_.end());
    }
    for (Connector* connector : to_cancel) connector->cancel();
}

std::string RunControl::reason() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return reason_;
}

int RunControl::arm(Clock::time_point deadline, std::function<void()> on_expiry) {
    int id = 0;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        id = next_id_++;
        alarms_[id] = {deadline, std::move(on_expiry)};
    }
    wake_.notify_all();
    return id;
}

void RunControl::disarm(int id) {
    std::lock_guard<std::mutex> lock(mutex_);
    alarms_.erase(id);
}

void RunControl::track(Connector* connector) {
    bool cancel_now = false;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        active_.insert(connector);
        cancel_now = interrupted_.load();
    }
    if (cancel_now) connector->cancel();
}

void RunControl::untrack(Connector* connector) {
    std::lock_guard<std::mutex> lock(mutex_);
    active_.erase(connector);
}

void RunControl::watch() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
        if (alarms_.empty()) {
            wake_.wait(lock);
            continue;
        }
        auto earliest = alarms_.begin();
        for (auto it = alarms_.begin(); it != alarms_.end(); ++it) {
            if (it->second.first < earliest->second.first) earliest = it;
        }
        // A copy: wait_until reads its deadline again after waking, and the alarm
        // (with the deadline in it) may have been disarmed meanwhile.
        const Clock::time_point deadline = earliest->second.first;
        if (Clock::now() < deadline) {
            wake_.wait_until(lock, deadline);
            continue;
        }
        auto on_expiry = std::move(earliest->second.second);
        alarms_.erase(earliest);
        // Run the callback unlocked: it may cancel queries or interrupt the run.
        lock.unlock();
        on_expiry();
        lock.lock();
    }
}

}  // namespace opsctl
