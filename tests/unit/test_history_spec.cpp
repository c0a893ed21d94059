// --history SPEC: which store a run records into, and the SQL placeholders the stores
// share.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

#include "opsctl/core/error.h"
#include "opsctl/history/history_spec.h"
#include "opsctl/history/store_session.h"

using opsctl::HistoryKind;
using opsctl::parse_history_spec;

TEST_CASE("history spec: a path, sqlite:PATH, a PostgreSQL URI and none", "[unit][history]") {
    CHECK(parse_history_spec("/var/lib/opsctl/h.db").kind == HistoryKind::Sqlite);
    CHECK(parse_history_spec("/var/lib/opsctl/h.db").location == "/var/lib/opsctl/h.db");
    CHECK(parse_history_spec("sqlite:rel/h.db").location == "rel/h.db");
    CHECK(parse_history_spec("none").kind == HistoryKind::None);
    for (const char* uri : {"postgresql://ops@db/wh", "postgres://db:5433/wh?sslmode=require"}) {
        const opsctl::HistorySpec spec = parse_history_spec(uri);
        CHECK(spec.kind == HistoryKind::Postgres);
        CHECK(spec.location == uri);
    }
    CHECK_THROWS_AS(parse_history_spec("sqlite:"), opsctl::UsageError);
}

TEST_CASE("history spec: the default store is history.db in the state folder", "[unit][history]") {
    setenv("XDG_STATE_HOME", "/tmp/opsctl-state-test", 1);
    const opsctl::HistorySpec spec = parse_history_spec("");
    CHECK(spec.kind == HistoryKind::Sqlite);
    CHECK(spec.is_default);
    CHECK(spec.location == "/tmp/opsctl-state-test/opsctl/history.db");
    unsetenv("XDG_STATE_HOME");
    setenv("HOME", "/home/ops", 1);
    CHECK(parse_history_spec("").location == "/home/ops/.local/state/opsctl/history.db");
}

TEST_CASE("history spec: a PostgreSQL URI holding a password is refused, never shown",
          "[unit][history]") {
    for (const char* uri :
         {"postgresql://ops:Hunter2-pw@db/wh", "postgres://db/wh?password=Hunter2-pw"}) {
        try {
            parse_history_spec(uri);
            FAIL("accepted " << uri);
        } catch (const opsctl::UsageError& e) {
            const std::string message = e.what();
            CHECK(message.find("holds a password") != std::string::npos);
            CHECK(message.find(".pgpass") != std::string::npos);
            CHECK(message.find("Hunter2") == std::string::npos);
        }
    }
}

TEST_CASE("history SQL: ? placeholders become $n outside quotes", "[unit][history]") {
    CHECK(opsctl::numbered_placeholders("INSERT INTO t VALUES (?, ?, '?')") ==
          "INSERT INTO t VALUES ($1, $2, '?')");
    CHECK(opsctl::numbered_placeholders("SELECT \"a?\" FROM t WHERE x = ?") ==
          "SELECT \"a?\" FROM t WHERE x = $1");
}
