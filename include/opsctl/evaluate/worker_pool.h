#pragma once
// Worker threads, each with a connection of its own, reused across steps and
// checklists. Worker 0 uses the primary connection; the others open theirs when
// they start, and a worker that cannot connect stops, so the run goes on with
// fewer workers.

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "opsctl/connect/connector.h"

namespace opsctl {

// Opens another connection to the same target, for parallel workers.
using ConnectorFactory = std::function<std::unique_ptr<Connector>()>;

class WorkerPool {
  public:
    using Job = std::function<void(Connector*)>;

    WorkerPool(int workers, Connector* primary, ConnectorFactory factory);
    // Runs the jobs still queued, then joins every worker.
    ~WorkerPool();

    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    void submit(Job job);
    // Until the queue is empty and no job runs.
    void wait_idle();

  private:
    void work(int index);

    Connector* primary_;
    ConnectorFactory factory_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable idle_;
    std::deque<Job> queue_;
    int busy_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace opsctl
