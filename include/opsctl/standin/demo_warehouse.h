#pragma once
// The embedded demo warehouse: an SQLite file built from the shipped stand-in SQL
// (sql/sqlite/) in the user's data folder on first use, so that `opsctl daily
// morning` works with no warehouse at all.

#include <memory>
#include <string>

#include "opsctl/connect/connector.h"
#include "opsctl/connect/standin_scenario.h"
#include "opsctl/connect/target.h"
#include "opsctl/core/timestamp.h"

namespace opsctl {

inline constexpr long long kDemoScale = 5000;

// The path of a demo database of `scenario` whose data is anchored at `as_of` (same UTC day,
// within an hour), building it first when it is missing, stale, or its SQL changed.
// The build writes a temporary file and renames it, so concurrent runs are safe.
std::string prepare_demo_warehouse(StandinScenario scenario, const Timestamp& as_of);

// The connector for `target`: open_connector()'s, except that the demo is first turned
// into its SQLite file (prepare_demo_warehouse(), anchored at `as_of`). Throws
// ConnectionError.
std::unique_ptr<Connector> open_target(const Target& target, const Timestamp& as_of);

}  // namespace opsctl
