#include "opsctl/evaluate/run_connections.h"

#include <algorithm>

#include "opsctl/evaluate/open_unless_interrupted.h"

namespace opsctl {

RunConnections::RunConnections(ConnectorFactory open, std::string target_description,
                               RunControl& control)
    : open_(std::move(open)),
      target_description_(std::move(target_description)),
      control_(control) {}

void RunConnections::open(const std::vector<const Checklist*>& checklists,
                          const std::string& dialect, const RunOptions& options, int jobs,
                          bool server) {
    dialect_ = dialect;
    if (dialect_.empty()) {
        // An ODBC target without --dialect: the driver says which engine it is.
        primary_ = connect(open_);
        if (primary_) dialect_ = primary_->dialect();
    }
    const bool needs_warehouse =
        std::any_of(checklists.begin(), checklists.end(), [&](const Checklist* checklist) {
            return needs_connection(*checklist, dialect_, options);
        });
    if (control_.interrupted() || !needs_warehouse) return;
    // The run starts on the first connection ready, the primary one included.
    const int workers = server ? worker_count(*checklists.front(), options, jobs) : 1;
    if (workers > 1) {
        prefetch_ = std::make_unique<ConnectionPrefetch>(primary_ ? workers - 1 : workers, open_);
    }
    if (!primary_) {
        ConnectionPrefetch* shared = prefetch_.get();
        primary_ = shared ? connect([shared] { return shared->take(); }) : connect(open_);
    }
}

void RunConnections::leave_behind_if_interrupted() {
    if (!control_.interrupted() || !prefetch_) return;
    left_behind_ = true;
    static_cast<void>(prefetch_.release());
}

ConnectorFactory RunConnections::worker_factory() {
    return [this] { return prefetch_ ? prefetch_->take() : open_(); };
}

// The first connection's failure is the run's: say which target it was. An open
// still under way when the run is interrupted is left behind (nullptr).
std::unique_ptr<Connector> RunConnections::connect(const ConnectorFactory& open) {
    try {
        auto opened = open_unless_interrupted(open, control_);
        if (!opened) left_behind_ = true;
        return opened;
    } catch (const ConnectionError& e) {
        throw ConnectionError("cannot connect to " + target_description_ + ": " + e.what());
    }
}

}  // namespace opsctl
