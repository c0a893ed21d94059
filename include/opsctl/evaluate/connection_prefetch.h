#pragma once
// Worker connections opened ahead of need, all at once. A `--jobs N` run needs N
// connections; opened only once the first one is up and the checklist starts, the
// last worker's first step starts a whole connection time later than it could (the
// benchmark of 16 parallel sleeps measured it). The prefetch starts them together
// with the primary connection.

#include <future>
#include <memory>
#include <mutex>
#include <vector>

#include "opsctl/evaluate/checklist_runner.h"

namespace opsctl {

class ConnectionPrefetch {
  public:
    // Starts opening `count` connections at once, each on a thread of its own.
    ConnectionPrefetch(int count, ConnectorFactory factory);
    // Waits for the opens still under way; connections nobody took are closed.
    ~ConnectionPrefetch();
    ConnectionPrefetch(const ConnectionPrefetch&) = delete;
    ConnectionPrefetch& operator=(const ConnectionPrefetch&) = delete;

    // The next prefetched connection (waiting for it if needed), or a fresh one once
    // all are taken. Throws what the factory threw. Safe from several threads.
    std::unique_ptr<Connector> take();

  private:
    ConnectorFactory factory_;
    std::mutex mutex_;
    std::vector<std::future<std::unique_ptr<Connector>>> pending_;
    size_t next_ = 0;
};

}  // namespace opsctl
