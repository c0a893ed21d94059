#include "opsctl/evaluate/connection_prefetch.h"

namespace opsctl {

ConnectionPrefetch::ConnectionPrefetch(int count, ConnectorFactory factory)
    : factory_(std::move(factory)), opening_(count) {
    threads_.reserve(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) threads_.emplace_back([this] { open(); });
}

ConnectionPrefetch::~ConnectionPrefetch() {
    for (auto& thread : threads_) thread.join();
}

void ConnectionPrefetch::open() {
    std::unique_ptr<Connector> connection;
    std::exception_ptr error;
    try {
        connection = factory_();
    } catch (...) {
        error = std::current_exception();
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (connection) {
            ready_.push_back(std::move(connection));
        } else if (!first_error_) {
            first_error_ = error;
        }
        --opening_;
    }
    opened_.notify_all();
}

std::unique_ptr<Connector> ConnectionPrefetch::take() {
    {
        std::unique_lock<std::mutex> lock(mutex_);
        opened_.wait(lock, [this] { return !ready_.empty() || opening_ == 0; });
        if (!ready_.empty()) {
            std::unique_ptr<Connector> connection = std::move(ready_.front());
            ready_.pop_front();
            return connection;
        }
        if (first_error_) std::rethrow_exception(first_error_);
    }
    return factory_();  // every prefetched connection is taken
}

}  // namespace opsctl
