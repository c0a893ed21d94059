# bash completion for opsctl. Installed as share/bash-completion/completions/opsctl;
# or: source <(opsctl completion bash)
# The names (runbooks, checklists, step ids, targets) come from opsctl itself at
# completion time: `opsctl __complete WORD...` prints the candidates, one per line.
_opsctl() {
    local cur words cword
    if declare -F _get_comp_words_by_ref >/dev/null; then
        # bash-completion: keep "demo:faults" and "--format=json" one word.
        _get_comp_words_by_ref -n =: cur words cword
    else
        cur=${COMP_WORDS[COMP_CWORD]}
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
    fi
    local IFS=$'\n'
    COMPREPLY=($("${words[0]}" __complete "${words[@]:1:cword}" 2>/dev/null))
    if declare -F __ltrim_colon_completions >/dev/null; then
        __ltrim_colon_completions "$cur"
    fi
}
complete -o default -o nosort -F _opsctl opsctl
