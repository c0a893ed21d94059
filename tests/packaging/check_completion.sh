#!/usr/bin/env bash
# ctest `completion`: the scripts `opsctl completion bash|zsh|fish` prints. bash: the
# script is sourced and its function called as bash calls it on Tab (COMP_WORDS,
# COMP_CWORD), and COMPREPLY checked; zsh: `zsh -n`; fish: `fish --no-execute`.
# Usage: check_completion.sh OPSCTL SOURCE_DIR
set -uo pipefail
opsctl=$1 source_dir=$2
export PATH="$(dirname "$opsctl"):$PATH"  # the scripts call "opsctl" as typed
unset OPSCTL_RUNBOOKS OPSCTL_TARGET
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# COMPREPLY for the words typed, the last one being completed: one per line, sorted.
complete_words() {
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMPREPLY=()
    _opsctl
    printf '%s\n' "${COMPREPLY[@]}" | sort
}
expect() {  # WHAT EXPECTED ACTUAL
    [ "$2" = "$3" ] || fail "$1: expected [$(echo $2)], got [$(echo $3)]"
}

for shell in bash zsh fish; do
    case $shell in
        bash) file=share/bash-completion/completions/opsctl ;;
        zsh) file=share/zsh/site-functions/_opsctl ;;
        fish) file=share/fish/vendor_completions.d/opsctl.fish ;;
    esac
    "$opsctl" completion $shell > "$work/$shell" || fail "opsctl completion $shell exits non-zero"
    cmp -s "$work/$shell" "$(dirname "$opsctl")/../$file" ||
        fail "opsctl completion $shell is not the staged $file"
done
zsh -n "$work/zsh" || fail "zsh -n finds errors in the zsh script"
fish --no-execute "$work/fish" || fail "fish --no-execute finds errors in the fish script"
bash -n "$work/bash" || fail "bash -n finds errors in the bash script"

source "$work/bash"
complete -p opsctl | grep -q -- '-F _opsctl' || fail "the bash script registers no _opsctl"

daily_checklists=$(/usr/bin/python3 -c 'import json,sys; print("\n".join(sorted(c["name"] for c in json.load(open(sys.argv[1]))["checklists"])))' "$source_dir/runbooks/daily.json")
morning_steps=$(/usr/bin/python3 -c 'import json,sys; print("\n".join(sorted(s["id"] for c in json.load(open(sys.argv[1]))["checklists"] if c["name"] == "morning" for s in c["steps"])))' "$source_dir/runbooks/daily.json")

expect "opsctl da<Tab>" "daily" "$(complete_words opsctl da)"
expect "opsctl daily <Tab>" "$daily_checklists" "$(complete_words opsctl daily '')"
expect "opsctl daily mo<Tab>" "morning" "$(complete_words opsctl daily mo)"
expect "opsctl daily morning --only <Tab>" "$morning_steps" \
    "$(complete_words opsctl daily morning --only '')"
expect "opsctl --skip <Tab> daily morning (step ids need the runbook first)" "" \
    "$(complete_words opsctl --skip '')"
expect "opsctl l<Tab>" "list" "$(complete_words opsctl l)"
expect "opsctl show daily <Tab>" "$daily_checklists" "$(complete_words opsctl show daily '')"
expect "opsctl completion <Tab>" "$(printf 'bash\nfish\nzsh')" "$(complete_words opsctl completion '')"
expect "opsctl schema <Tab>" "$(printf 'config\nrunbook')" "$(complete_words opsctl schema '')"
expect "opsctl standin <Tab>" "load" "$(complete_words opsctl standin '')"
expect "opsctl daily morning --format <Tab>" \
    "$(printf 'html\njson\njunit\nmarkdown\nnagios\nprometheus\ntext')" \
    "$(complete_words opsctl daily morning --format '')"
expect "opsctl list --format <Tab>" "$(printf 'json\ntext')" \
    "$(complete_words opsctl list --format '')"
expect "opsctl --color <Tab>" "$(printf 'always\nauto\nnever')" "$(complete_words opsctl --color '')"
expect "opsctl daily morning --dialect pos<Tab>" "$(printf 'postgres\npostgresql')" \
    "$(complete_words opsctl daily morning --dialect pos)"
expect "opsctl list --f<Tab>" "--format" "$(complete_words opsctl list --f)"
list_options=$(complete_words opsctl list --)
grep -qx -- --runbooks <<<"$list_options" || fail "opsctl list --<Tab> lacks the global --runbooks"
grep -qx -- --only <<<"$list_options" && fail "opsctl list --<Tab> offers --only, a run option"
run_options=$(complete_words opsctl daily morning --)
for option in --only --skip --format --target --timeout --version; do
    grep -qx -- "$option" <<<"$run_options" || fail "opsctl daily morning --<Tab> lacks $option"
done
first=$(complete_words opsctl '')
for word in daily weekly list show validate cron completion schema; do
    grep -qx "$word" <<<"$first" || fail "opsctl <Tab> lacks $word"
done
grep -qx "__complete" <<<"$first" && fail "opsctl <Tab> offers the hidden __complete"

# Target names from the config file, named by --config as typed, and the demos.
cat > "$work/opsctl.json" <<'JSON'
{"targets": {"prod": {"connector": "postgres", "host": "db"},
             "local": {"connector": "sqlite", "path": "w.db"}}}
JSON
expect "opsctl --config FILE daily --target <Tab>" \
    "$(printf 'demo\ndemo:faults\ndemo:feeds-stopped\nlocal\nprod')" \
    "$(complete_words opsctl --config "$work/opsctl.json" daily --target '')"
expect "OPSCTL_CONFIG=FILE opsctl --target p<Tab>" "prod" \
    "$(OPSCTL_CONFIG=$work/opsctl.json complete_words opsctl --target p)"

# Runbooks from --runbooks as typed.
mkdir "$work/runbooks"
cp "$source_dir/tests/fixtures/good-runbooks/minimal.json" "$work/runbooks/"
expect "opsctl --runbooks DIR <Tab>" "e2e-good" \
    "$(complete_words opsctl --runbooks "$work/runbooks" e2e)"

[ $failures = 0 ] && echo "completion: every check passed"
exit $((failures > 0))
