#include "opsctl/evaluate/open_unless_interrupted.h"

#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

namespace opsctl {

namespace {

// Shared by the caller and the opening thread, which may outlive the caller.
struct PendingOpen {
    std::mutex mutex;
    std::condition_variable done_signal;
    bool done = false;
    std::unique_ptr<Connector> connector;
    std::exception_ptr error;
};

// How often the wait looks at the interruption flag; RunControl has no callback.
constexpr auto kPollInterval = std::chrono::milliseconds(20);

}  // namespace

std::unique_ptr<Connector> open_unless_interrupted(const ConnectorFactory& factory,
                                                   RunControl& control) {
    auto pending = std::make_shared<PendingOpen>();
    std::thread opener([pending, factory] {
        std::unique_ptr<Connector> connector;
        std::exception_ptr error;
        try {
            connector = factory();
        } catch (...) {
            error = std::current_exception();
        }
        const std::lock_guard<std::mutex> lock(pending->mutex);
        pending->connector = std::move(connector);
        pending->error = error;
        pending->done = true;
        pending->done_signal.notify_all();
    });

    std::unique_lock<std::mutex> lock(pending->mutex);
    while (!pending->done) {
        if (control.interrupted()) {
            opener.detach();  // it may hang until connect_timeout: the run does not wait
            return nullptr;
        }
        pending->done_signal.wait_for(lock, kPollInterval);
    }
    lock.unlock();
    // Joined, not detached, once it is done: a thread still ending when the process
    // exits races OpenSSL's exit cleanup over its per-thread state (a double free
    // under ASan), which libpq's connect left there.
    opener.join();
    if (pending->error) std::rethrow_exception(pending->error);
    return std::move(pending->connector);
}

}  // namespace opsctl
