#pragma once
// SQLite, opened read-only, with the Snowflake date functions registered.

#include <string>

#include "opsctl/connect/connector.h"

struct sqlite3;

namespace opsctl {

class SqliteConnector : public Connector {
  public:
    // Throws ConnectionError when the file is missing or not a database.
    explicit SqliteConnector(const std::string& path);
    ~SqliteConnector() override;
    SqliteConnector(const SqliteConnector&) = delete;
    SqliteConnector& operator=(const SqliteConnector&) = delete;

    std::string dialect() const override { return "sqlite"; }
    void query(const std::string& sql, RowSink& sink,
               std::optional<std::chrono::milliseconds> timeout) override;
    void cancel() override;
    std::string server_version() override;

  private:
    sqlite3* db_ = nullptr;
};

}  // namespace opsctl
