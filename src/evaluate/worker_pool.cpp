#include "opsctl/evaluate/worker_pool.h"

#include <exception>

#include <spdlog/spdlog.h>

namespace opsctl {

WorkerPool::WorkerPool(int workers, Connector* primary, ConnectorFactory factory)
    : primary_(primary), factory_(std::move(factory)) {
    for (int i = 0; i < workers; ++i) threads_.emplace_back([this, i] { work(i); });
}

WorkerPool::~WorkerPool() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& thread : threads_) thread.join();
}

void WorkerPool::submit(Job job) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        queue_.push_back(std::move(job));
    }
    wake_.notify_one();
}

void WorkerPool::wait_idle() {
    std::unique_lock<std::mutex> lock(mutex_);
    idle_.wait(lock, [this] { return queue_.empty() && busy_ == 0; });
}

void WorkerPool::work(int index) {
    std::unique_ptr<Connector> own;
    Connector* connector = index == 0 ? primary_ : nullptr;
    if (!connector) {
        // Connect at once, all workers together, rather than on the first job.
        try {
            own = factory_();
            connector = own.get();
        } catch (const std::exception& e) {
            spdlog::warn("worker {} cannot open a connection ({}); going on with fewer", index,
                         e.what());
            return;
        }
    }
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
        wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        Job job = std::move(queue_.front());
        queue_.pop_front();
        ++busy_;
        lock.unlock();
        job(connector);
        lock.lock();
        --busy_;
        if (queue_.empty() && busy_ == 0) idle_.notify_all();
    }
}

}  // namespace opsctl
