#pragma once
// The SQLite table `queues (region, depth)` the history and ack tests run their
// checklist on, rewritten between runs to make violations appear, last and go.

#include <sqlite3.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

namespace opsctl::e2e {

// Replaces the rows of `database`'s queues with `rows`: "eu=400,us=100" ("" for none).
inline void write_queue_depths(const std::string& database, const std::string& rows) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(database.c_str(), &db) == SQLITE_OK);
    std::string sql = "DROP TABLE IF EXISTS queues; CREATE TABLE queues (region TEXT, depth INT);";
    size_t at = 0;
    while (at < rows.size()) {
        const size_t comma = std::min(rows.find(',', at), rows.size());
        const std::string pair = rows.substr(at, comma - at);
        const size_t equals = pair.find('=');
        sql += "INSERT INTO queues VALUES ('" + pair.substr(0, equals) + "', " +
               pair.substr(equals + 1) + ");";
        at = comma + 1;
    }
    const int status = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    REQUIRE(status == SQLITE_OK);
}

}  // namespace opsctl::e2e
