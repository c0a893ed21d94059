// UniqueFd closes its descriptor when it goes, once, and not when it was given up.

#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <utility>

#include "opsctl/core/unique_fd.h"

using opsctl::UniqueFd;

namespace {

bool is_open(int fd) {
    return ::fcntl(fd, F_GETFD) != -1;
}

}  // namespace

TEST_CASE("unique fd: closed at the end of its scope, by reset, and moved once", "[fd]") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    {
        UniqueFd read_end(fds[0]);
        UniqueFd write_end(fds[1]);
        CHECK(read_end.get() == fds[0]);
        write_end.reset();
        CHECK_FALSE(write_end.valid());
        CHECK_FALSE(is_open(fds[1]));
        UniqueFd moved(std::move(read_end));
        CHECK_FALSE(read_end.valid());  // NOLINT(bugprone-use-after-move): moved-from is empty
        CHECK(is_open(fds[0]));
    }
    CHECK_FALSE(is_open(fds[0]));
}

TEST_CASE("unique fd: release gives the descriptor up without closing it", "[fd]") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    int kept = -1;
    {
        UniqueFd read_end(fds[0]);
        UniqueFd write_end(fds[1]);
        kept = read_end.release();
        UniqueFd assigned;
        assigned = std::move(write_end);
        CHECK(assigned.get() == fds[1]);
    }
    CHECK(kept == fds[0]);
    CHECK(is_open(fds[0]));
    CHECK_FALSE(is_open(fds[1]));
    ::close(fds[0]);
}
