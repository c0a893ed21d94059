#pragma once
// Shell completion: the candidates for the word being typed, asked at completion time
// by the scripts `opsctl completion bash|zsh|fish` prints (the hidden command
// `opsctl __complete WORD...`), and where those scripts are.

#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace opsctl {

// The hidden command's name: `opsctl __complete WORD... CURRENT`.
inline constexpr const char* kCompleteCommand = "__complete";

// `words` is the command line after "opsctl" up to the word being completed, which is
// last (empty when the cursor is after a blank). Candidates start with that word:
// commands and runbook names, then the runbook's checklists; options after "-";
// values of --format, --only/--skip (the checklist's step ids), --target (the config's
// names and the demos), --dialect, --color. Nothing for a file: the shell completes it.
// `app` is the parsed-to-be command line; `global_options` apply after any command.
std::vector<std::string> completion_candidates(
    const CLI::App& app, const std::vector<const CLI::Option*>& global_options,
    const std::vector<std::string>& words);

// The completion script of `shell` (bash, zsh or fish) as installed next to the
// binary: <prefix>/share/bash-completion/completions/opsctl,
// <prefix>/share/zsh/site-functions/_opsctl, <prefix>/share/fish/vendor_completions.d/opsctl.fish.
std::string completion_script_path(const std::string& shell);

}  // namespace opsctl
