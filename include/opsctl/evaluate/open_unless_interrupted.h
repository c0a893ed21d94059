#pragma once
// Connecting is a wait like any other: a server that accepts and never answers, or
// a network that drops every packet, must not hold a run past a signal or its
// --timeout. The connection is opened on a thread of its own while the run waits
// for it or for its interruption, whichever comes first.

#include <memory>

#include "opsctl/evaluate/checklist_runner.h"
#include "opsctl/evaluate/run_control.h"

namespace opsctl {

// What `factory` opened, or nullptr when `control` was interrupted first; rethrows
// what `factory` threw. An open left behind ends by itself (libpq's
// connect_timeout) and closes what it opened; `factory` must own what it uses
// (capture by value), since it may outlive the caller.
std::unique_ptr<Connector> open_unless_interrupted(const ConnectorFactory& factory,
                                                   RunControl& control);

}  // namespace opsctl
