// The least any libpq client must do for benchmark 1 (bench/run compiles it; not part
// of opsctl): WORKERS threads open their connections all at once, then each runs the
// same statement PER_WORKER times and disconnects. No transaction, no timeout, no
// evaluation, no report, and the work is split in advance. What it takes above the
// ideal is what the server and the machine cost: process start, loading libpq, the
// server starting one backend per connection, exit.
//
//   libpq_floor CONNINFO WORKERS PER_WORKER SQL
//
// Exit status 0 when every statement returned rows, 1 otherwise (with the reason).

#include <libpq-fe.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: libpq_floor CONNINFO WORKERS PER_WORKER SQL\n");
        return 2;
    }
    const char* conninfo = argv[1];
    const int workers = std::atoi(argv[2]);
    const int per_worker = std::atoi(argv[3]);
    const char* sql = argv[4];
    std::atomic<bool> failed{false};
    std::vector<std::thread> threads;
    for (int w = 0; w < workers; ++w) {
        threads.emplace_back([&] {
            PGconn* connection = PQconnectdb(conninfo);
            if (PQstatus(connection) != CONNECTION_OK) {
                std::fprintf(stderr, "libpq_floor: %s", PQerrorMessage(connection));
                failed = true;
            }
            for (int i = 0; i < per_worker && !failed; ++i) {
                PGresult* result = PQexec(connection, sql);
                if (PQresultStatus(result) != PGRES_TUPLES_OK) {
                    std::fprintf(stderr, "libpq_floor: %s", PQerrorMessage(connection));
                    failed = true;
                }
                PQclear(result);
            }
            PQfinish(connection);
        });
    }
    for (auto& thread : threads) thread.join();
    return failed ? 1 : 0;
}
