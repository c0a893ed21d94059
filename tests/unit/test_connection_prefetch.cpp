// ConnectionPrefetch: connections opened all at once and handed out in the order they
// became ready, with a fake connector (the engine above the connector boundary).
// Ordering is forced with gates, never with sleeps and timings.

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "opsctl/connect/connector.h"
#include "opsctl/evaluate/connection_prefetch.h"

using opsctl::ConnectionError;
using opsctl::ConnectionPrefetch;
using opsctl::Connector;

namespace {

class FakeConnector : public Connector {
  public:
    FakeConnector(int id, std::atomic<int>* closed) : id_(id), closed_(closed) {}
    ~FakeConnector() override { ++*closed_; }
    std::string dialect() const override { return "postgresql"; }
    std::string server_version() override { return "fake"; }
    void query(const std::string&, opsctl::RowSink&,
               std::optional<std::chrono::milliseconds>) override {}
    void cancel() override {}
    int id() const { return id_; }

  private:
    int id_;
    std::atomic<int>* closed_;
};

int id_of(const std::unique_ptr<Connector>& connection) {
    return dynamic_cast<const FakeConnector&>(*connection).id();
}

// A factory numbering its connections 0, 1, 2... in the order the opens start.
struct Factory {
    std::atomic<int> started{0};
    std::atomic<int> closed{0};

    opsctl::ConnectorFactory plain() {
        return [this] { return std::make_unique<FakeConnector>(started++, &closed); };
    }
};

}  // namespace

TEST_CASE("the first connection ready is handed out first, not the first started", "[prefetch]") {
    Factory factory;
    std::promise<void> gate;  // holds back the first open
    std::shared_future<void> opened_late = gate.get_future().share();
    std::atomic<bool> released{false};
    const auto release = [&] {
        if (!released.exchange(true)) gate.set_value();
    };
    // Should take() wait for the held-back open, the test must fail, not hang.
    std::thread safety([&] {
        for (int i = 0; i < 1000 && !released; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        release();
    });

    std::atomic<int> held_back_id{-1};
    {
        ConnectionPrefetch prefetch(4, [&]() -> std::unique_ptr<Connector> {
            const int id = factory.started++;
            if (id == 0) {
                held_back_id = id;
                opened_late.wait();
            }
            return std::make_unique<FakeConnector>(id, &factory.closed);
        });
        std::set<int> first_three;
        for (int i = 0; i < 3; ++i) first_three.insert(id_of(prefetch.take()));
        const bool held_back_still_closed = !released;
        release();
        CHECK(held_back_still_closed);
        CHECK(first_three == std::set<int>{1, 2, 3});
        CHECK(id_of(prefetch.take()) == held_back_id);
    }
    safety.join();
    CHECK(factory.started == 4);
}

TEST_CASE("failed opens: takers get the connections that opened, then the error", "[prefetch]") {
    Factory factory;
    std::atomic<int> calls{0};
    ConnectionPrefetch prefetch(4, [&]() -> std::unique_ptr<Connector> {
        const int call = calls++;
        if (call % 2 == 1) throw ConnectionError("too many clients already");
        return std::make_unique<FakeConnector>(call, &factory.closed);
    });
    std::set<int> opened;
    opened.insert(id_of(prefetch.take()));
    opened.insert(id_of(prefetch.take()));
    CHECK(opened.size() == 2);
    CHECK_THROWS_WITH(prefetch.take(), "too many clients already");
    CHECK_THROWS_AS(prefetch.take(), ConnectionError);
    CHECK(calls == 4);  // a failed prefetch is not retried behind the caller's back
}

TEST_CASE("once every prefetched connection is taken, take() opens another", "[prefetch]") {
    Factory factory;
    ConnectionPrefetch prefetch(2, factory.plain());
    std::set<int> ids;
    for (int i = 0; i < 3; ++i) ids.insert(id_of(prefetch.take()));
    CHECK(ids == std::set<int>{0, 1, 2});
    CHECK(factory.started == 3);
}

TEST_CASE("connections nobody took are closed when the prefetch ends", "[prefetch]") {
    Factory factory;
    std::unique_ptr<Connector> kept;
    {
        ConnectionPrefetch prefetch(3, factory.plain());
        kept = prefetch.take();
    }
    CHECK(factory.started == 3);
    CHECK(factory.closed == 2);
    kept.reset();
    CHECK(factory.closed == 3);
}

TEST_CASE("take() is safe from several threads at once", "[prefetch]") {
    Factory factory;
    ConnectionPrefetch prefetch(8, factory.plain());
    std::mutex mutex;
    std::set<int> ids;
    std::vector<std::thread> takers;
    for (int i = 0; i < 8; ++i) {
        takers.emplace_back([&] {
            const int id = id_of(prefetch.take());
            std::lock_guard<std::mutex> lock(mutex);
            ids.insert(id);
        });
    }
    for (auto& taker : takers) taker.join();
    CHECK(ids.size() == 8);  // each connection went to exactly one taker
    CHECK(factory.started == 8);
}
