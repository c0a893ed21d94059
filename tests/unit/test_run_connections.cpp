// RunConnections: how many connections a run opens, and when, with a fake connector
// counting the opens (the engine above the connector boundary).

#include <catch2/catch.hpp>

#include <atomic>
#include <memory>

#include "opsctl/connect/connector.h"
#include "opsctl/evaluate/run_connections.h"

using opsctl::Checklist;
using opsctl::Step;
using opsctl::StepKind;

namespace {

class FakeConnector : public opsctl::Connector {
  public:
    std::string dialect() const override { return "postgresql"; }
    std::string server_version() override { return "fake"; }
    void query(const std::string&, opsctl::RowSink&,
               std::optional<std::chrono::milliseconds>) override {}
    void cancel() override {}
};

Step step(const std::string& id, StepKind kind) {
    Step made;
    made.id = id;
    made.kind = kind;
    if (kind == StepKind::Sql) made.sql["default"] = "SELECT 1";
    return made;
}

// Three SQL steps around a shell step.
Checklist checklist() {
    Checklist made;
    made.name = "morning";
    made.steps = {step("a", StepKind::Sql), step("b", StepKind::Sql),
                  step("shell", StepKind::Shell), step("c", StepKind::Sql)};
    return made;
}

struct Counted {
    std::atomic<int> opened{0};
    opsctl::ConnectorFactory factory() {
        return [this] {
            ++opened;
            return std::make_unique<FakeConnector>();
        };
    }
};

}  // namespace

TEST_CASE("workers: one per selected SQL step, at most --jobs", "[run_connections]") {
    const Checklist morning = checklist();
    opsctl::RunOptions options;
    CHECK(opsctl::worker_count(morning, options, 8) == 3);
    CHECK(opsctl::worker_count(morning, options, 2) == 2);
    CHECK(opsctl::worker_count(morning, options, 1) == 1);
    options.skip = {"a"};
    CHECK(opsctl::worker_count(morning, options, 8) == 2);
    options.skip.clear();
    options.only = {"shell"};
    CHECK(opsctl::worker_count(morning, options, 8) == 0);
}

TEST_CASE("a server's connections open at once; a file's one by one", "[run_connections]") {
    const Checklist morning = checklist();
    const std::vector<const Checklist*> checklists{&morning};
    for (const bool server : {true, false}) {
        INFO("server: " << server);
        Counted counted;
        opsctl::RunControl control;
        {
            opsctl::RunConnections connections(counted.factory(), "test", control);
            connections.open(checklists, "postgresql", {}, 4, server);
            REQUIRE(connections.primary() != nullptr);
            CHECK(connections.dialect() == "postgresql");
            CHECK_FALSE(connections.left_behind());
        }  // the prefetch's opens are joined here
        CHECK(counted.opened == (server ? 3 : 1));
    }
}

TEST_CASE("no selected SQL step: no connection at all", "[run_connections]") {
    const Checklist morning = checklist();
    Counted counted;
    opsctl::RunControl control;
    opsctl::RunOptions options;
    options.only = {"shell"};
    {
        opsctl::RunConnections connections(counted.factory(), "test", control);
        connections.open({&morning}, "postgresql", options, 4, true);
        CHECK(connections.primary() == nullptr);
    }
    CHECK(counted.opened == 0);
}

TEST_CASE("a failed connect names the target", "[run_connections]") {
    const Checklist morning = checklist();
    opsctl::RunControl control;
    opsctl::RunConnections connections(
        []() -> std::unique_ptr<opsctl::Connector> { throw opsctl::ConnectionError("refused"); },
        "prod", control);
    CHECK_THROWS_WITH(connections.open({&morning}, "postgresql", {}, 1, true),
                      "cannot connect to prod: refused");
}
