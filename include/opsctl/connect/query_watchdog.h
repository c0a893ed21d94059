#pragma once
// Cancels a connector's query when its timeout passes, from a thread of its own, so
// that a driver that ignores its own query timeout (many ODBC drivers) still stops in
// time. Lives for the duration of one query.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "opsctl/connect/connector.h"

namespace opsctl {

class QueryWatchdog {
  public:
    // No timeout: no thread, never expires.
    QueryWatchdog(std::optional<std::chrono::milliseconds> timeout, Connector& connector);
    ~QueryWatchdog();
    QueryWatchdog(const QueryWatchdog&) = delete;
    QueryWatchdog& operator=(const QueryWatchdog&) = delete;

    // Whether the timeout passed and the query was cancelled.
    bool expired();

  private:
    std::mutex mutex_;
    std::condition_variable wake_;
    bool done_ = false;
    bool expired_ = false;
    std::thread thread_;
};

}  // namespace opsctl
