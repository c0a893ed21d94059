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
    for (Connector* connector : to_cancel) cancel(connector);
}

void RunControl::cancel(Connector* connector) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        grace_.emplace(connector, Clock::now() + kCancelGrace);
    }
    wake_.notify_all();
    connector->cancel();
}

bool RunControl::abandoned(Connector* connector) const {
    std::lock_guard<std::mutex> lock(mutex_);
    return abandoned_.count(connector) > 0;
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
    if (cancel_now) cancel(connector);
}

bool RunControl::untrack(Connector* connector) {
    std::lock_guard<std::mutex> lock(mutex_);
    active_.erase(connector);
    grace_.erase(connector);
    return abandoned_.erase(connector) > 0;
}

bool RunControl::abandon_overdue(std::unique_lock<std::mutex>& lock) {
    const auto now = Clock::now();
    for (auto it = grace_.begin(); it != grace_.end(); ++it) {
        if (it->second > now) continue;
        Connector* connector = it->first;
        grace_.erase(it);
        if (active_.count(connector) == 0) return true;
        abandoned_.insert(connector);
        lock.unlock();
        connector->abandon();
        lock.lock();
        return true;
    }
    return false;
}

void RunControl::wait_for_grace(std::unique_lock<std::mutex>& lock,
                                std::optional<Clock::time_point> deadline) {
    for (const auto& [connector, end] : grace_) {
        if (!deadline || end < *deadline) deadline = end;
    }
    if (deadline) {
        wake_.wait_until(lock, *deadline);
    } else {
        wake_.wait(lock);
    }
}

void RunControl::watch() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
        if (abandon_overdue(lock)) continue;
        if (alarms_.empty()) {
            wait_for_grace(lock, std::nullopt);
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
            wait_for_grace(lock, deadline);
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
