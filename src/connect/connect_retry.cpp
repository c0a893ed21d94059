#include "opsctl/connect/connect_retry.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <thread>

#include "opsctl/connect/connector.h"

namespace opsctl {

namespace {

constexpr int kConnectAttempts = 3;
constexpr auto kFirstBackoff = std::chrono::milliseconds(250);

}  // namespace

bool transient_connect_message(std::string_view message) {
    for (const char* sign :
         {"Connection refused", "timeout expired", "starting up", "shutting down",
          "too many clients", "could not receive data", "server closed the connection"}) {
        if (message.find(sign) != std::string_view::npos) return true;
    }
    return false;
}

void retry_connect(const std::function<std::optional<ConnectFailure>()>& attempt) {
    auto backoff = kFirstBackoff;
    for (int tried = 1;; ++tried) {
        const std::optional<ConnectFailure> failure = attempt();
        if (!failure) return;
        if (tried >= kConnectAttempts || !failure->transient) {
            throw ConnectionError(failure->message);
        }
        spdlog::info("connecting failed ({}); retrying in {} ms", failure->message,
                     backoff.count());
        std::this_thread::sleep_for(backoff);
        backoff *= 2;
    }
}

}  // namespace opsctl
