// Nagios' weighted percent state change (history/flapping), with hand-computed numbers:
// the change into result x of a 21-result window weighs 0.75 + (x - 1) * 0.5 / 19.
#include <catch2/catch.hpp>
#include <vector>

#include "opsctl/history/flapping.h"

using opsctl::flap_state;
using opsctl::Status;

namespace {

constexpr Status P = Status::Pass;
constexpr Status F = Status::Fail;
constexpr Status W = Status::Warn;
constexpr Status E = Status::Error;

}  // namespace

TEST_CASE("flapping: no change is 0%, a change at every run is 100%", "[flapping]") {
    CHECK(flap_state(std::vector<Status>(21, P), false).state_change_pct == 0.0);
    std::vector<Status> alternating;
    for (int i = 0; i < 21; ++i) alternating.push_back(i % 2 ? F : P);
    const auto state = flap_state(alternating, false);
    CHECK(state.state_change_pct == Approx(100.0));
    CHECK(state.runs == 21);
    CHECK(state.flapping);
}

TEST_CASE("flapping: newer changes weigh more than older ones", "[flapping]") {
    std::vector<Status> oldest(21, F);
    oldest[0] = P;  // one change, into the second result: weight 0.75
    CHECK(flap_state(oldest, false).state_change_pct == Approx(3.75));
    std::vector<Status> newest(21, P);
    newest[20] = F;  // into the newest: weight 1.25
    CHECK(flap_state(newest, false).state_change_pct == Approx(6.25));
}

TEST_CASE("flapping: any change of status counts, warn and error included", "[flapping]") {
    // Changes into results 17..20 (counted from 0): 0.75 + 0.5 * (16, 17, 18, 19) / 19, that is
    // 1.1711 + 1.1974 + 1.2237 + 1.25 = 4.8421 of 20: 24.21%.
    std::vector<Status> statuses(17, P);
    for (const Status status : {W, E, F, P}) statuses.push_back(status);
    CHECK(flap_state(statuses, false).state_change_pct == Approx(24.2105).epsilon(0.0001));
}

TEST_CASE("flapping: only the last 21 results count", "[flapping]") {
    std::vector<Status> statuses;
    for (int i = 0; i < 30; ++i) statuses.push_back(i % 2 ? F : P);
    for (int i = 0; i < 21; ++i) statuses.push_back(P);
    const auto state = flap_state(statuses, true);
    CHECK(state.state_change_pct == 0.0);
    CHECK(state.runs == 21);
    CHECK(!state.flapping);
}

TEST_CASE("flapping: a short history counts its changes at the newest weights", "[flapping]") {
    // 7 results, 6 changes into results 15..20 of the window: 1.1184 + ... + 1.25 = 7.1053
    // of 20: 35.53%.
    const std::vector<Status> seven{P, F, P, F, P, F, P};
    const auto state = flap_state(seven, false);
    CHECK(state.runs == 7);
    CHECK(state.state_change_pct == Approx(35.526).epsilon(0.0001));
    CHECK(state.flapping);
    // One change can never flap: at most 1.25 of 20, 6.25%.
    CHECK(!flap_state({P, F}, false).flapping);
    CHECK(flap_state({P}, false).state_change_pct == 0.0);
}

TEST_CASE("flapping: starts above 30%, stops below 20% (hysteresis)", "[flapping]") {
    // Changes into results 13, 14 and 16..20: 1.0658 + 1.0921 + 1.1447 + 1.1711 + 1.1974 +
    // 1.2237 + 1.25 = 8.1447 of 20: 40.72%.
    const std::vector<Status> above{P, P, P, P, P, P, P, P, P, P, P, P, P, F, P, P, F, P, F, P, F};
    CHECK(flap_state(above, false).state_change_pct == Approx(40.7237).epsilon(0.0001));
    CHECK(flap_state(above, false).flapping);
    // 5 changes into results 16..20: 1.1447 + 1.1711 + 1.1974 + 1.2237 + 1.25 = 5.9868, 29.93%:
    // between the thresholds, a step keeps what it was.
    const std::vector<Status> between{P, P, P, P, P, P, P, P, P, P, P,
                                      P, P, P, P, P, F, P, F, P, F};
    CHECK(flap_state(between, false).state_change_pct == Approx(29.934).epsilon(0.0001));
    CHECK(!flap_state(between, false).flapping);
    CHECK(flap_state(between, true).flapping);
}

TEST_CASE("flapping: skipped and manual runs do not count", "[flapping]") {
    CHECK(opsctl::counts_for_flapping(Status::Error));
    CHECK(opsctl::counts_for_flapping(Status::Warn));
    CHECK(!opsctl::counts_for_flapping(Status::Skipped));
    CHECK(!opsctl::counts_for_flapping(Status::Manual));
}
