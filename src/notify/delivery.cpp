#include "opsctl/notify/delivery.h"

#include <algorithm>
#include <thread>

namespace opsctl {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

bool retryable(long status) {
    return status == 429 || (status >= 500 && status <= 599);
}

milliseconds pause_before_retry(const HttpResponse& response, milliseconds backoff,
                                const DeliveryPolicy& policy) {
    if (response.retry_after_seconds) {
        return std::min(milliseconds(*response.retry_after_seconds * 1000),
                        policy.longest_retry_after);
    }
    return backoff;
}

std::string tries_text(int tries) {
    return tries == 1 ? "1 try" : std::to_string(tries) + " tries";
}

}  // namespace

DeliveryResult deliver(const std::string& url, const std::string& body, Clock::time_point deadline,
                       const DeliveryPolicy& policy, const HttpPoster& post) {
    milliseconds backoff = policy.first_pause;
    DeliveryResult result;
    for (int attempt = 1; attempt <= policy.tries; ++attempt) {
        const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
        if (left <= milliseconds(0)) {
            result.problem = result.problem.empty()
                                 ? "no time left of the run's " +
                                       std::to_string(kNotificationBudget.count()) +
                                       " s for notifications"
                                 : result.problem + " (out of time)";
            return result;
        }
        const HttpResponse response = post(url, body, std::min(policy.per_try, left));
        if (response.status >= 200 && response.status <= 299) return {true, ""};
        if (response.status == 0) return {false, response.problem};
        result.problem =
            "HTTP " + std::to_string(response.status) + " after " + tries_text(attempt);
        if (!retryable(response.status) || attempt == policy.tries) return result;
        const milliseconds pause = pause_before_retry(response, backoff, policy);
        if (Clock::now() + pause >= deadline) {
            result.problem += " (out of time)";
            return result;
        }
        std::this_thread::sleep_for(pause);
        backoff *= 2;
    }
    return result;
}

}  // namespace opsctl
