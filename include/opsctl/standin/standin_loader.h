#pragma once
// Loads the stand-in warehouse (sql/<dialect>/schema.sql, data.sql, then the
// scenario's script: faults.sql or feeds_stopped.sql)
// into a PostgreSQL database or an SQLite file. This is the one place opsctl
// writes, and only through `opsctl standin load` and the demo warehouse.

#include <cstdint>
#include <string>

#include "opsctl/connect/standin_scenario.h"
#include "opsctl/connect/target.h"
#include "opsctl/core/timestamp.h"
#include "opsctl/standin/standin_inventory.h"

namespace opsctl {

struct StandinOptions {
    std::int64_t scale = 20000;                           // rows of tbl_fact_shipments
    StandinScenario scenario = StandinScenario::Healthy;  // the data on top of the schema
    Timestamp anchor;     // the data's "now"; run checks --as-of this time
    std::string sql_dir;  // holds postgresql/ and sqlite/
    // --replace: replace stand-in relations without its marker, and drop (PostgreSQL)
    // or leave to the new relations (SQLite) the objects that depend on them.
    bool replace = false;
};

// Creates the stand-in relations at `target` (PostgreSQL or SQLite) in one
// transaction, after dropping the ones there, when check_replaceable() allows it.
// Returns what it found before. Throws UsageError (bad options, or a database it
// must not change: nothing is changed) or ConnectionError / QueryError.
StandinInventory load_standin(const Target& target, const StandinOptions& options);

// Loads into an SQLite file, creating it.
StandinInventory load_standin_sqlite(const std::string& path, const StandinOptions& options);

// A fingerprint of the SQL files of one dialect, to notice a changed stand-in.
std::string standin_fingerprint(const std::string& sql_dir, const std::string& dialect);

}  // namespace opsctl
