// The one retry policy of the server connectors: what may pass is tried again, three
// attempts in all; anything else fails at once with the driver's message.

#include <catch2/catch.hpp>
#include <optional>
#include <stdexcept>
#include <string>

#include "opsctl/connect/connect_retry.h"
#include "opsctl/connect/connector.h"

using opsctl::ConnectFailure;
using opsctl::retry_connect;
using opsctl::transient_connect_message;

TEST_CASE("connect retry: the messages that may pass", "[retry]") {
    CHECK(transient_connect_message("could not connect: Connection refused"));
    CHECK(transient_connect_message("FATAL: the database system is starting up"));
    CHECK(transient_connect_message("FATAL: sorry, too many clients already"));
    CHECK(transient_connect_message("server closed the connection unexpectedly"));
    CHECK_FALSE(transient_connect_message("FATAL: password authentication failed"));
    CHECK_FALSE(transient_connect_message("FATAL: database \"x\" does not exist"));
}

TEST_CASE("connect retry: a transient failure is tried again until it passes", "[retry]") {
    int attempts = 0;
    retry_connect([&]() -> std::optional<ConnectFailure> {
        if (++attempts < 3) return ConnectFailure{"Connection refused", true};
        return std::nullopt;
    });
    CHECK(attempts == 3);
}

TEST_CASE("connect retry: three transient failures end in the last message", "[retry]") {
    int attempts = 0;
    const auto attempt = [&]() -> std::optional<ConnectFailure> {
        return ConnectFailure{"refused " + std::to_string(++attempts), true};
    };
    CHECK_THROWS_WITH(retry_connect(attempt), "refused 3");
    CHECK(attempts == 3);
}

TEST_CASE("connect retry: anything else fails at once, as a ConnectionError", "[retry]") {
    int attempts = 0;
    const auto attempt = [&]() -> std::optional<ConnectFailure> {
        ++attempts;
        return ConnectFailure{"password authentication failed", false};
    };
    CHECK_THROWS_AS(retry_connect(attempt), opsctl::ConnectionError);
    CHECK(attempts == 1);
    const auto broken = []() -> std::optional<ConnectFailure> {
        throw std::runtime_error("out of memory");
    };
    CHECK_THROWS_WITH(retry_connect(broken), "out of memory");
}
