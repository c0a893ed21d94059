#pragma once
// Creates the connector for a target.

#include <memory>

#include "opsctl/connect/connector.h"
#include "opsctl/connect/target.h"
#include "opsctl/core/timestamp.h"

namespace opsctl {

// `as_of` anchors the demo warehouse's data. Throws ConnectionError.
std::unique_ptr<Connector> open_connector(const Target& target, const Timestamp& as_of);

}  // namespace opsctl
