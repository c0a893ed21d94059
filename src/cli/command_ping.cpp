// opsctl ping: can opsctl reach the target, and what answers there.
#include <fmt/format.h>
#include <chrono>
#include <iostream>

#include "opsctl/cli/commands.h"
#include "opsctl/core/error.h"
#include "opsctl/standin/demo_warehouse.h"

namespace opsctl {

int command_ping(const CliOptions& options) {
    const ResolvedTarget resolved = resolve_target_for(options);
    const Target target = resolved.connect_target();
    const auto started = std::chrono::steady_clock::now();
    std::unique_ptr<Connector> connector;
    try {
        connector = open_target(target, now_utc());
    } catch (const ConnectionError& e) {
        throw ConnectionError("cannot connect to " + resolved.describe() + ": " + e.what());
    }
    const auto connected = std::chrono::steady_clock::now();
    std::string version;
    try {
        version = connector->server_version();
    } catch (const QueryError& e) {
        throw ConnectionError("connected to " + resolved.describe() +
                              " but cannot read its version: " + e.what());
    }
    const std::string role_warning = check_read_only_role(options, resolved, *connector);
    const auto connect_ms = std::chrono::duration<double, std::milli>(connected - started).count();
    std::cout << fmt::format("target   {}\ndialect  {}\nserver   {}\nconnect  {:.1f} ms\n",
                             resolved.describe(), resolved.effective_dialect(), version,
                             connect_ms);
    if (!role_warning.empty()) std::cout << "warning  " << role_warning << '\n';
    return 0;
}

}  // namespace opsctl
