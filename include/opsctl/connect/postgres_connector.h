#pragma once
// PostgreSQL through libpq (loaded on first use: connect/libpq_library.h). Accepts a
// URI or a key=value conninfo; libpq honours the PG* environment variables, the
// service file and .pgpass. Every step is one round trip: a read-only transaction,
// its statement timeout and the query travel in one message, and a SELECT's rows
// stream back through COPY, so that a result of millions of rows is never held whole
// and the server produces rows while opsctl evaluates them.

#include <memory>
#include <string>

#include "opsctl/connect/connector.h"

namespace opsctl {

// The conninfo opsctl actually connects with: the user's, plus
// application_name=opsctl and a connect timeout unless the user set them.
// `password`, when not empty, is added as libpq's password parameter.
// Throws UsageError for a malformed one (with secrets masked).
std::string postgres_conninfo(const std::string& spec, const std::string& password = {});

// A libpq or server message as one line for a report: its first line, without the
// "ERROR:  " prefix, with secrets masked.
std::string postgres_message_line(std::string message);

class PostgresConnector : public Connector {
  public:
    // Throws ConnectionError (with secrets masked) when the server cannot be reached;
    // a refused or timed-out connection is retried a few times with backoff first.
    explicit PostgresConnector(const std::string& spec, const std::string& password = {});
    ~PostgresConnector() override;
    PostgresConnector(const PostgresConnector&) = delete;
    PostgresConnector& operator=(const PostgresConnector&) = delete;

    std::string dialect() const override { return "postgresql"; }
    void query(const std::string& sql, RowSink& sink,
               std::optional<std::chrono::milliseconds> timeout) override;
    void cancel() override;
    void abandon() override;
    std::string server_version() override;
    // One catalog query, run through query() like any check's SQL.
    std::vector<std::string> write_capabilities() override;

  private:
    struct Session;  // the libpq connection, kept out of this header
    std::unique_ptr<Session> session_;
};

}  // namespace opsctl
