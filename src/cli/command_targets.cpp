// opsctl targets: the config file's named targets, masked; never a secret.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "opsctl/cli/commands.h"
#include "opsctl/config/config_file.h"
#include "opsctl/connect/target.h"
#include "opsctl/core/error.h"

namespace opsctl {

int command_targets(const CliOptions& options) {
    const auto config = load_config(options.config);
    if (options.format != "text" && options.format != "json") {
        throw UsageError("opsctl targets: unknown --format \"" + options.format +
                         "\" (text, json)");
    }
    std::ostringstream out;
    if (options.format == "json") {
        nlohmann::json list = nlohmann::json::array();
        if (config) {
            for (const auto& target : config->targets) {
                list.push_back(
                    {{"name", target.name},
                     {"connector", target.connector},
                     {"dsn", mask_secrets(target_spec(target, config->base_dir))},
                     {"dialect", target.dialect.empty() ? nlohmann::json(nullptr)
                                                        : nlohmann::json(target.dialect)},
                     {"default", target.name == config->default_target},
                     {"secret", describe_secret_source(target, config->base_dir)},
                     {"variables", target.variables}});
            }
        }
        out << nlohmann::json{{"config", config ? nlohmann::json(config->source_name) : nullptr},
                              {"targets", list}}
                   .dump(2)
            << '\n';
        write_output(options, out.str());
        return 0;
    }
    if (!config) {
        out << "no config file (--config, OPSCTL_CONFIG, ./opsctl.json or "
               "$XDG_CONFIG_HOME/opsctl/config.json); targets are given as --target SPEC\n";
        write_output(options, out.str());
        return 0;
    }
    out << "# " << config->source_name << " (* = default target)\n";
    const auto row = [](const std::string& mark, const std::string& name,
                        const std::string& connector, const std::string& dialect,
                        const std::string& secret, const std::string& dsn) {
        return fmt::format("{:<2}{:<20} {:<10} {:<12} {:<28} {}\n", mark, name, connector, dialect,
                           secret, dsn);
    };
    out << row("", "NAME", "CONNECTOR", "DIALECT", "SECRET", "DSN");
    for (const auto& target : config->targets) {
        out << row(target.name == config->default_target ? "*" : "", target.name, target.connector,
                   target.dialect.empty() ? "-" : target.dialect,
                   describe_secret_source(target, config->base_dir),
                   mask_secrets(target_spec(target, config->base_dir)));
    }
    write_output(options, out.str());
    return 0;
}

}  // namespace opsctl
