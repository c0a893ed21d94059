# fish completion for opsctl. Installed as share/fish/vendor_completions.d/opsctl.fish;
# or: opsctl completion fish | source
# The names (runbooks, checklists, step ids, targets) come from opsctl itself at
# completion time: `opsctl __complete WORD...` prints the candidates, one per line.
function __opsctl_complete
    set -l typed (commandline -opc)
    set -l current (commandline -ct)
    set -l candidates ($typed[1] __complete $typed[2..-1] $current 2>/dev/null)
    if test (count $candidates) -gt 0
        printf '%s\n' $candidates
    else
        __fish_complete_path $current
    end
end
complete -c opsctl -f -a '(__opsctl_complete)'
