// Status ordering for a run (worse) and the Nagios-style exit codes (exit_code_for).

#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "opsctl/core/status.h"

using opsctl::exit_code_for;
using opsctl::Status;
using opsctl::worse;
namespace exit_code = opsctl::exit_code;

namespace {
const std::vector<Status> kAllStatuses{Status::Pass, Status::Skipped, Status::Manual,
                                       Status::Warn, Status::Fail,    Status::Error};
// The rank of a run status's exit code: 2 (fail) outranks 3 (error).
int exit_rank(int code) {
    return code == 2 ? 4 : code;
}
}  // namespace

TEST_CASE("to_string names every status in lower case", "[status]") {
    CHECK(opsctl::to_string(Status::Pass) == "pass");
    CHECK(opsctl::to_string(Status::Skipped) == "skipped");
    CHECK(opsctl::to_string(Status::Manual) == "manual");
    CHECK(opsctl::to_string(Status::Warn) == "warn");
    CHECK(opsctl::to_string(Status::Fail) == "fail");
    CHECK(opsctl::to_string(Status::Error) == "error");
}

TEST_CASE("status_from_word reads every word to_string writes, and an unknown one as error",
          "[status]") {
    for (const Status status : {Status::Pass, Status::Skipped, Status::Manual, Status::Warn,
                                Status::Fail, Status::Error}) {
        CHECK(opsctl::status_from_word(opsctl::to_string(status)) == status);
    }
    CHECK(opsctl::status_from_word("degraded") == Status::Error);
    CHECK(opsctl::status_from_word("PASS") == Status::Error);
    CHECK(opsctl::status_from_word("") == Status::Error);
}

TEST_CASE("exit codes follow the Nagios convention and are stable", "[status]") {
    CHECK(exit_code::kPass == 0);
    CHECK(exit_code::kWarn == 1);
    CHECK(exit_code::kFail == 2);
    CHECK(exit_code::kError == 3);

    CHECK(exit_code_for(Status::Pass) == 0);
    CHECK(exit_code_for(Status::Warn) == 1);
    CHECK(exit_code_for(Status::Fail) == 2);
    CHECK(exit_code_for(Status::Error) == 3);
}

TEST_CASE("skipped and manual steps never raise the exit code", "[status]") {
    CHECK(exit_code_for(Status::Skipped) == exit_code::kPass);
    CHECK(exit_code_for(Status::Manual) == exit_code::kPass);
}

TEST_CASE("worse orders pass < warn < error < fail: a confirmed failure outranks an error",
          "[status]") {
    CHECK(worse(Status::Pass, Status::Pass) == Status::Pass);
    CHECK(worse(Status::Pass, Status::Warn) == Status::Warn);
    CHECK(worse(Status::Warn, Status::Pass) == Status::Warn);
    CHECK(worse(Status::Warn, Status::Fail) == Status::Fail);
    CHECK(worse(Status::Fail, Status::Warn) == Status::Fail);
    CHECK(worse(Status::Fail, Status::Error) == Status::Fail);
    CHECK(worse(Status::Error, Status::Fail) == Status::Fail);
    CHECK(worse(Status::Warn, Status::Error) == Status::Error);
    CHECK(worse(Status::Error, Status::Warn) == Status::Error);
    CHECK(worse(Status::Error, Status::Pass) == Status::Error);
    CHECK(worse(Status::Warn, Status::Warn) == Status::Warn);
    CHECK(worse(Status::Fail, Status::Fail) == Status::Fail);
    CHECK(worse(Status::Error, Status::Error) == Status::Error);
}

TEST_CASE("worse counts skipped and manual as pass", "[status]") {
    for (const Status quiet : {Status::Skipped, Status::Manual}) {
        INFO("quiet status: " << opsctl::to_string(quiet));
        CHECK(worse(quiet, quiet) == Status::Pass);
        CHECK(worse(Status::Pass, quiet) == Status::Pass);
        CHECK(worse(quiet, Status::Pass) == Status::Pass);
        CHECK(worse(quiet, Status::Warn) == Status::Warn);
        CHECK(worse(Status::Warn, quiet) == Status::Warn);
        CHECK(worse(quiet, Status::Fail) == Status::Fail);
        CHECK(worse(Status::Fail, quiet) == Status::Fail);
        CHECK(worse(quiet, Status::Error) == Status::Error);
        CHECK(worse(Status::Error, quiet) == Status::Error);
    }
    CHECK(worse(Status::Skipped, Status::Manual) == Status::Pass);
    CHECK(worse(Status::Manual, Status::Skipped) == Status::Pass);
}

TEST_CASE("worse is commutative and never lowers the exit code's rank", "[status]") {
    for (const Status a : kAllStatuses) {
        for (const Status b : kAllStatuses) {
            INFO(opsctl::to_string(a) << " vs " << opsctl::to_string(b));
            const Status w = worse(a, b);
            CHECK(w == worse(b, a));
            CHECK(exit_rank(exit_code_for(w)) ==
                  std::max(exit_rank(exit_code_for(a)), exit_rank(exit_code_for(b))));
            // A run's status is never skipped or manual.
            CHECK(w != Status::Skipped);
            CHECK(w != Status::Manual);
        }
    }
}

TEST_CASE("folding a run's steps: the exit code is that of the worst step", "[status]") {
    const std::vector<std::pair<std::vector<Status>, int>> runs{
        {{Status::Pass, Status::Skipped, Status::Manual}, 0},
        {{Status::Skipped, Status::Skipped}, 0},
        {{Status::Manual, Status::Warn, Status::Pass}, 1},
        {{Status::Warn, Status::Fail, Status::Skipped}, 2},
        {{Status::Fail, Status::Error, Status::Warn}, 2},
        {{Status::Error, Status::Fail, Status::Fail, Status::Fail}, 2},
        {{Status::Error, Status::Warn}, 3},
        {{Status::Error, Status::Manual}, 3},
    };
    for (const auto& [steps, expected] : runs) {
        Status run = Status::Pass;
        for (const Status step : steps) run = worse(run, step);
        CHECK(exit_code_for(run) == expected);
    }
}
