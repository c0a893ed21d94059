#include "opsctl/evaluate/connection_prefetch.h"

namespace opsctl {

ConnectionPrefetch::ConnectionPrefetch(int count, ConnectorFactory factory)
    : factory_(std::move(factory)) {
    for (int i = 0; i < count; ++i) {
        pending_.push_back(std::async(std::launch::async, factory_));
    }
}

ConnectionPrefetch::~ConnectionPrefetch() {
    for (auto& connection : pending_) {
        if (connection.valid()) connection.wait();
    }
}

std::unique_ptr<Connector> ConnectionPrefetch::take() {
    std::future<std::unique_ptr<Connector>> connection;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (next_ == pending_.size()) return factory_();
        connection = std::move(pending_[next_++]);
    }
    return connection.get();
}

}  // namespace opsctl
