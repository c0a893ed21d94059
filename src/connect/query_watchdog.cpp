#include "opsctl/connect/query_watchdog.h"

namespace opsctl {

QueryWatchdog::QueryWatchdog(std::optional<std::chrono::milliseconds> timeout,
                             Connector& connector) {
    if (!timeout) return;
    const auto deadline = std::chrono::steady_clock::now() + *timeout;
    thread_ = std::thread([this, deadline, &connector] {
        std::unique_lock<std::mutex> lock(mutex_);
        if (wake_.wait_until(lock, deadline, [this] { return done_; })) return;
        expired_ = true;
        lock.unlock();
        connector.cancel();
    });
}

QueryWatchdog::~QueryWatchdog() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        done_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

bool QueryWatchdog::expired() {
    std::lock_guard<std::mutex> lock(mutex_);
    return expired_;
}

}  // namespace opsctl
