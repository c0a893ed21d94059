// Completion candidates, computed from the command line as CLI11 would parse it and
// from the runbooks and config file the typed words (or OPSCTL_*) name.
#include "opsctl/cli/completion.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "opsctl/cli/commands.h"
#include "opsctl/config/config_file.h"
#include "opsctl/core/install_paths.h"
#include "opsctl/report/reporter.h"
#include "opsctl/translate/dialect.h"

namespace opsctl {

namespace {

namespace fs = std::filesystem;

// What the words before the one being completed say.
struct TypedLine {
    std::vector<const CLI::App*> commands;  // the subcommands typed, outermost first
    std::vector<std::string> positionals;   // the words that are no option or value
    std::string runbooks_dir;               // --runbooks, else OPSCTL_RUNBOOKS
    std::string config;                     // --config, else OPSCTL_CONFIG
    const CLI::Option* pending = nullptr;   // an option whose value is being typed
};

std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

const CLI::App& innermost(const CLI::App& app, const TypedLine& line) {
    return line.commands.empty() ? app : *line.commands.back();
}

// The option `word` names ("--format", "-j"), looked up from the innermost command out.
const CLI::Option* find_option(const CLI::App& app, const TypedLine& line,
                               const std::string& word) {
    for (auto it = line.commands.rbegin(); it != line.commands.rend(); ++it) {
        if (const CLI::Option* option = (*it)->get_option_no_throw(word)) return option;
    }
    return app.get_option_no_throw(word);
}

const CLI::App* find_subcommand(const CLI::App& command, const std::string& word) {
    for (const CLI::App* sub : command.get_subcommands([](const CLI::App*) { return true; })) {
        if (sub->get_name() == word) return sub;
    }
    return nullptr;
}

void read_option_word(const CLI::App& app, TypedLine& line, const std::string& word) {
    const size_t equals = word.find('=');
    const std::string name = word.substr(0, equals);
    const CLI::Option* option = find_option(app, line, name);
    if (!option || option->get_type_size_max() == 0) return;  // a flag, or unknown
    if (equals == std::string::npos) {
        line.pending = option;
        return;
    }
    if (name == "--runbooks") line.runbooks_dir = word.substr(equals + 1);
    if (name == "--config") line.config = word.substr(equals + 1);
}

TypedLine read_typed_words(const CLI::App& app, const std::vector<std::string>& typed) {
    TypedLine line;
    line.runbooks_dir = environment("OPSCTL_RUNBOOKS");
    line.config = environment("OPSCTL_CONFIG");
    for (const std::string& word : typed) {
        if (line.pending) {
            if (line.pending->check_lname("runbooks")) line.runbooks_dir = word;
            if (line.pending->check_lname("config")) line.config = word;
            line.pending = nullptr;
        } else if (word.size() > 1 && word[0] == '-') {
            read_option_word(app, line, word);
        } else if (const CLI::App* sub = line.positionals.empty() || !line.commands.empty()
                                             ? find_subcommand(innermost(app, line), word)
                                             : nullptr) {
            line.commands.push_back(sub);
        } else {
            line.positionals.push_back(word);
        }
    }
    return line;
}

std::optional<Catalog> catalog_of(const TypedLine& line) {
    CliOptions options;
    options.runbooks_dir = line.runbooks_dir;
    try {
        return load_catalog_for(options);
    } catch (const std::exception&) {
        return std::nullopt;  // no runbooks there: nothing to offer
    }
}

const Runbook* typed_runbook(const Catalog& catalog, const TypedLine& line, size_t index) {
    return line.positionals.size() > index ? catalog.find(line.positionals[index]) : nullptr;
}

std::vector<std::string> runbook_names(const TypedLine& line) {
    const auto catalog = catalog_of(line);
    return catalog ? catalog->names() : std::vector<std::string>{};
}

std::vector<std::string> checklist_names(const TypedLine& line, size_t runbook_index) {
    std::vector<std::string> names;
    const auto catalog = catalog_of(line);
    const Runbook* runbook = catalog ? typed_runbook(*catalog, line, runbook_index) : nullptr;
    if (!runbook) return names;
    for (const Checklist& checklist : runbook->checklists) names.push_back(checklist.name);
    return names;
}

// The step ids of the checklist typed, or of every checklist of the runbook typed.
std::vector<std::string> step_ids(const TypedLine& line) {
    std::vector<std::string> ids;
    const auto catalog = catalog_of(line);
    const Runbook* runbook = catalog ? typed_runbook(*catalog, line, 0) : nullptr;
    if (!runbook) return ids;
    for (const Checklist& checklist : runbook->checklists) {
        if (line.positionals.size() > 1 && checklist.name != line.positionals[1]) continue;
        for (const Step& step : checklist.steps) ids.push_back(step.id);
    }
    return ids;
}

std::vector<std::string> target_names(const TypedLine& line) {
    std::vector<std::string> names;
    try {
        if (const auto config = load_config(line.config)) names = config->target_names();
    } catch (const std::exception&) {
        // An unreadable config offers no names; running the command will say why.
    }
    for (const char* demo : {"demo", "demo:faults", "demo:feeds-stopped"}) names.emplace_back(demo);
    return names;
}

// Every name --dialect takes: the canonical ones and their aliases ("postgres").
std::vector<std::string> dialect_names() {
    std::vector<std::string> names;
    for (const Dialect& dialect : dialect_tables()) {
        names.emplace_back(dialect.name);
        for (const std::string_view alias : dialect.aliases) names.emplace_back(alias);
    }
    return names;
}

std::vector<std::string> option_values(const CLI::App& app, const TypedLine& line) {
    const CLI::Option& option = *line.pending;
    if (option.check_lname("format")) {
        if (&innermost(app, line) == &app) return report_formats();
        return {"text", "json"};
    }
    if (option.check_lname("only") || option.check_lname("skip")) return step_ids(line);
    if (option.check_lname("target")) return target_names(line);
    if (option.check_lname("dialect")) return dialect_names();
    if (option.check_lname("color")) return {"auto", "always", "never"};
    if (option.check_lname("scenario")) return {"healthy", "faults", "feeds-stopped"};
    return {};  // a file, a folder or free text
}

void add_option_names(const CLI::App& command, std::vector<std::string>& names,
                      const std::function<bool(const CLI::Option*)>& wanted) {
    for (const CLI::Option* option : command.get_options()) {
        if (!option->nonpositional() || !wanted(option)) continue;
        for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
        for (const std::string& name : option->get_snames()) names.push_back("-" + name);
    }
}

std::vector<std::string> option_names(const CLI::App& app, const TypedLine& line,
                                      const std::vector<const CLI::Option*>& global_options) {
    std::vector<std::string> names;
    const auto any = [](const CLI::Option*) { return true; };
    if (line.commands.empty()) {
        add_option_names(app, names, any);
        return names;
    }
    add_option_names(*line.commands.back(), names, any);
    add_option_names(app, names, [&](const CLI::Option* option) {
        return std::find(global_options.begin(), global_options.end(), option) !=
               global_options.end();
    });
    return names;
}

std::vector<std::string> command_names(const CLI::App& command) {
    std::vector<std::string> names;
    for (const CLI::App* sub :
         command.get_subcommands([](const CLI::App* app) { return !app->get_group().empty(); })) {
        names.push_back(sub->get_name());
    }
    return names;
}

// The positional words of a command: what its arguments name.
std::vector<std::string> command_arguments(const TypedLine& line) {
    const std::string& command = line.commands.back()->get_name();
    const size_t index = line.positionals.size();
    if (command == "show" || command == "render") {
        return index == 0   ? runbook_names(line)
               : index == 1 ? checklist_names(line, 0)
                            : std::vector<std::string>{};
    }
    if (command == "completion" && index == 0) return {"bash", "zsh", "fish"};
    if (command == "schema" && index == 0) return {"runbook", "config"};
    if (!line.commands.back()->get_subcommands({}).empty()) {
        return command_names(*line.commands.back());
    }
    return {};  // validate, import: files
}

std::vector<std::string> positional_words(const CLI::App& app, const TypedLine& line) {
    if (!line.commands.empty()) return command_arguments(line);
    if (line.positionals.empty()) {
        std::vector<std::string> words = command_names(app);
        for (const std::string& name : runbook_names(line)) words.push_back(name);
        return words;
    }
    if (line.positionals.size() == 1) return checklist_names(line, 0);
    return {};
}

}  // namespace

std::vector<std::string> completion_candidates(
    const CLI::App& app, const std::vector<const CLI::Option*>& global_options,
    const std::vector<std::string>& words) {
    if (words.empty()) return {};
    const std::string& current = words.back();
    const TypedLine line =
        read_typed_words(app, std::vector<std::string>(words.begin(), words.end() - 1));
    std::vector<std::string> all;
    if (line.pending) {
        all = option_values(app, line);
    } else if (!current.empty() && current[0] == '-') {
        all = option_names(app, line, global_options);
    } else {
        all = positional_words(app, line);
    }
    std::vector<std::string> candidates;
    for (const std::string& word : all) {
        const bool fits = word.starts_with(current);
        if (fits && std::find(candidates.begin(), candidates.end(), word) == candidates.end()) {
            candidates.push_back(word);
        }
    }
    return candidates;
}

std::string completion_script_path(const std::string& shell) {
    const fs::path share = fs::path(shipped_data_dir()).parent_path();
    if (shell == "bash") return (share / "bash-completion" / "completions" / "opsctl").string();
    if (shell == "zsh") return (share / "zsh" / "site-functions" / "_opsctl").string();
    return (share / "fish" / "vendor_completions.d" / "opsctl.fish").string();
}

}  // namespace opsctl
