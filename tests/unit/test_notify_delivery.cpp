// notify/delivery: which answers are tried again, how long it waits, and that it never
// passes the run's deadline, with a scripted poster in place of libcurl.

#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "opsctl/notify/delivery.h"

using opsctl::DeliveryPolicy;
using opsctl::HttpResponse;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;

// Answers in order (the last one again); records each try's timeout.
struct ScriptedPoster {
    std::vector<HttpResponse> answers;
    std::vector<std::chrono::milliseconds> timeouts;
    HttpResponse operator()(const std::string&, const std::string&, std::chrono::milliseconds t) {
        timeouts.push_back(t);
        return answers[std::min(timeouts.size(), answers.size()) - 1];
    }
};

HttpResponse status(long code, std::optional<long> retry_after = std::nullopt) {
    HttpResponse response;
    response.status = code;
    response.retry_after_seconds = retry_after;
    return response;
}

DeliveryPolicy quick() {
    DeliveryPolicy policy;
    policy.first_pause = 1ms;
    policy.longest_retry_after = 5ms;
    return policy;
}

opsctl::DeliveryResult run(ScriptedPoster& poster, const DeliveryPolicy& policy,
                           Clock::time_point deadline = Clock::now() + 30s) {
    return opsctl::deliver("https://x.example/h", "{}", deadline, policy,
                           [&poster](const std::string& u, const std::string& b,
                                     std::chrono::milliseconds t) { return poster(u, b, t); });
}

}  // namespace

TEST_CASE("delivery: a 5xx or a 429 is tried again, up to three tries", "[notify]") {
    ScriptedPoster flaky{{status(500), status(429, 0), status(204)}, {}};
    CHECK(run(flaky, quick()).delivered);
    CHECK(flaky.timeouts.size() == 3);
    CHECK(flaky.timeouts[0] == 10000ms);

    ScriptedPoster down{{status(503)}, {}};
    const auto result = run(down, quick());
    CHECK_FALSE(result.delivered);
    CHECK(result.problem == "HTTP 503 after 3 tries");
    CHECK(down.timeouts.size() == 3);
}

TEST_CASE("delivery: other answers and failures to connect are not tried again", "[notify]") {
    ScriptedPoster refused{{status(404)}, {}};
    CHECK(run(refused, quick()).problem == "HTTP 404 after 1 try");
    CHECK(refused.timeouts.size() == 1);
    HttpResponse no_answer;
    no_answer.problem = "Failed to connect to x.example port 443: Connection refused";
    ScriptedPoster unreachable{{no_answer}, {}};
    CHECK(run(unreachable, quick()).problem == no_answer.problem);
    CHECK(unreachable.timeouts.size() == 1);
}

TEST_CASE("delivery: never past the deadline", "[notify]") {
    ScriptedPoster late{{status(200)}, {}};
    const auto none = run(late, quick(), Clock::now() - 1s);
    CHECK_FALSE(none.delivered);
    CHECK(none.problem == "no time left of the run's 30 s for notifications");
    CHECK(late.timeouts.empty());

    // A try's timeout is what is left, and a Retry-After beyond the deadline gives up.
    ScriptedPoster busy{{status(429, 1)}, {}};
    DeliveryPolicy policy = quick();
    policy.longest_retry_after = 10s;
    const auto result = run(busy, policy, Clock::now() + 500ms);
    CHECK(result.problem == "HTTP 429 after 1 try (out of time)");
    REQUIRE(busy.timeouts.size() == 1);
    CHECK(busy.timeouts[0] <= 500ms);
}
