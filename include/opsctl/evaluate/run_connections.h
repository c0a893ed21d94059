#pragma once
// The connections of a run, planned from what its checklists need: none when no
// selected step queries the warehouse; the primary one first when only the driver can
// say the dialect (ODBC without --dialect); and for a server with --jobs N, every
// worker's connection opened at once (ConnectionPrefetch), as many as the first
// checklist's SQL steps can use. Files open at once, and the demo's first connection
// builds its file, which the others must wait for: they are opened one by one.

#include <memory>
#include <string>
#include <vector>

#include "opsctl/evaluate/checklist_runner.h"
#include "opsctl/evaluate/connection_prefetch.h"
#include "opsctl/evaluate/run_control.h"

namespace opsctl {

class RunConnections {
  public:
    // `open` opens one connection to the target and must own what it uses (an open
    // cut short by `control` outlives the run); `target_description` names the
    // target in a failed connect's message.
    RunConnections(ConnectorFactory open, std::string target_description, RunControl& control);

    // Opens what `checklists` need. `dialect` is the target's, empty when the driver
    // says it once connected; `server`: the connector kind's is_server. Throws
    // ConnectionError "cannot connect to <target>: ...".
    void open(const std::vector<const Checklist*>& checklists, const std::string& dialect,
              const RunOptions& options, int jobs, bool server);
    // After an interruption (a signal, --timeout, a failed connect): the connections
    // still opening may hang until connect_timeout, and the run does not wait for them.
    void leave_behind_if_interrupted();

    // The run's first connection; null when nothing needs one or it was cut short.
    Connector* primary() const { return primary_.get(); }
    // The SQL dialect: the target's, else the driver's once connected.
    const std::string& dialect() const { return dialect_; }
    // The workers' connections: prefetched ones first, then fresh ones.
    ConnectorFactory worker_factory();
    // Whether an open is still under way on a thread of its own: the run must then end
    // with _exit, before it meets the static destructors of exit.
    bool left_behind() const { return left_behind_; }

  private:
    std::unique_ptr<Connector> connect(const ConnectorFactory& open);

    ConnectorFactory open_;
    std::string target_description_;
    RunControl& control_;
    std::unique_ptr<Connector> primary_;
    std::string dialect_;
    std::unique_ptr<ConnectionPrefetch> prefetch_;
    bool left_behind_ = false;
};

}  // namespace opsctl
