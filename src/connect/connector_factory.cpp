#include "opsctl/connect/connector_factory.h"

#include "opsctl/connect/connector_kinds.h"

namespace opsctl {

std::unique_ptr<Connector> open_connector(const Target& target) {
    return connector_kind(target.kind).open(target);
}

}  // namespace opsctl
