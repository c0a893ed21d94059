#pragma once
// Connections opened ahead of need, all at once. A `--jobs N` run needs N
// connections, and a server starts them slowly when they come together (a backend
// each; about 100 ms for 8 on 2 cores). Opened one by one as workers ask, or all
// behind the first, the last step would start a whole connection time later than it
// could (the benchmark of 16 parallel sleeps measured it). So every connection is
// opened at once, and whoever asks gets the first one ready: the run starts as soon
// as any connection is up, and each worker as soon as one more is.

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
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

    // The first opened connection nobody has taken, waiting for one if needed. When
    // only failed opens are left, throws what the first of them threw; once all were
    // taken, opens a fresh one. Safe from several threads.
    std::unique_ptr<Connector> take();

  private:
    void open();

    ConnectorFactory factory_;
    std::mutex mutex_;
    std::condition_variable opened_;
    std::deque<std::unique_ptr<Connector>> ready_;  // in the order they opened
    std::exception_ptr first_error_;
    int opening_ = 0;
    std::vector<std::thread> threads_;
};

}  // namespace opsctl
