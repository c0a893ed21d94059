#pragma once
// Creates the connector for a target.

#include <memory>

#include "opsctl/connect/connector.h"
#include "opsctl/connect/target.h"

namespace opsctl {

// Throws ConnectionError. Not for the demo: standin/demo_warehouse's open_target() opens
// any target, the demo as the SQLite file built for it.
std::unique_ptr<Connector> open_connector(const Target& target);

}  // namespace opsctl
