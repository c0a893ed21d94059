#pragma once
// Delivering one request: up to 3 tries of at most 10 s each, again after a 5xx or a
// 429 (after its Retry-After in seconds, capped, else a doubling pause from 1 s), never
// past a deadline shared by the whole run's notifications, so that a dead service
// cannot hold the run's exit (30 s in all). A failure to connect or a timeout is not
// retried: the next run sends the change again.

#include <chrono>
#include <functional>
#include <string>

#include "opsctl/notify/http_post.h"

namespace opsctl {

struct DeliveryPolicy {
    int tries = 3;
    std::chrono::milliseconds per_try{10000};
    std::chrono::milliseconds first_pause{1000};
    std::chrono::milliseconds longest_retry_after{10000};
};

// The time every notification of a run must be done by.
inline constexpr std::chrono::seconds kNotificationBudget{30};

struct DeliveryResult {
    bool delivered = false;
    std::string problem;  // why not: "HTTP 500 after 3 tries", a libcurl message; masked
};

using HttpPoster = std::function<HttpResponse(const std::string& url, const std::string& body,
                                              std::chrono::milliseconds timeout)>;

DeliveryResult deliver(const std::string& url, const std::string& body,
                       std::chrono::steady_clock::time_point deadline,
                       const DeliveryPolicy& policy = {}, const HttpPoster& post = http_post_json);

}  // namespace opsctl
