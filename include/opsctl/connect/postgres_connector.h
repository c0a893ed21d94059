#pragma once
// PostgreSQL through libpqxx. Accepts a URI or a key=value conninfo; libpq honours
// the PG* environment variables, the service file and .pgpass. Every query runs in
// a read-only transaction, with the session time zone set to UTC. A SELECT is read
// through a cursor in blocks, so a result of millions of rows is never held whole.

#include <memory>
#include <string>

#include "opsctl/connect/connector.h"

namespace pqxx {
class nontransaction;
}

namespace opsctl {

// The conninfo opsctl actually connects with: the user's, plus
// application_name=opsctl and a connect timeout unless the user set them.
// `password`, when not empty, is added as libpq's password parameter.
// Throws UsageError for a malformed one (with secrets masked).
std::string postgres_conninfo(const std::string& spec, const std::string& password = {});

// Rows fetched per round trip when streaming a SELECT through a cursor.
inline constexpr long kCursorFetchRows = 10000;

class PostgresConnector : public Connector {
  public:
    // Throws ConnectionError (with secrets masked) when the server cannot be reached;
    // a refused or timed-out connection is retried a few times with backoff first.
    explicit PostgresConnector(const std::string& spec, const std::string& password = {});
    ~PostgresConnector() override;

    std::string dialect() const override { return "postgresql"; }
    void query(const std::string& sql, RowSink& sink,
               std::optional<std::chrono::milliseconds> timeout) override;
    void cancel() override;
    std::string server_version() override;

  private:
    struct Session;  // the libpqxx connection, kept out of this header
    static void rollback(std::optional<pqxx::nontransaction>& tx);
    std::unique_ptr<Session> session_;
};

}  // namespace opsctl
