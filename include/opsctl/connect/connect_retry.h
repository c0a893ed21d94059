#pragma once
// The one retry policy of every server connector: a failure that may pass (the server
// restarting or briefly overloaded) is tried again, up to three attempts in all, after
// 250 ms and then 500 ms; anything else (authentication, an unknown database) fails at once.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace opsctl {

// Why one attempt to connect failed, and whether another one may help.
struct ConnectFailure {
    std::string message;
    bool transient = false;
};

// Whether a driver's message says the failure may pass: refused, timed out, the server
// starting up, shutting down or full, the connection lost.
bool transient_connect_message(std::string_view message);

// Calls `attempt` until it returns no failure; throws ConnectionError with the message of
// the last failure when it is not transient or the attempts are spent. Exceptions of
// `attempt` itself pass through.
void retry_connect(const std::function<std::optional<ConnectFailure>()>& attempt);

}  // namespace opsctl
