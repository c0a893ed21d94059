#!/usr/bin/env bash
# ctest `package`: the .deb CPack builds. Listed with dpkg-deb -c (every part in
# Debian's place), its Depends (dpkg-shlibdeps' libraries and the dlopen'ed libpq and libcurl),
# extracted with dpkg-deb -x and its binary run from there (list, daily morning on the
# demo, the schema, completion), and lintian --fail-on error when lintian is installed.
# Usage: check_package.sh BUILD_DIR
set -uo pipefail
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# In a folder of its own, so that a parallel `--target package` cannot collide.
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 ||
    { cat "$work/cpack.log"; echo "FAIL: cpack -G DEB"; exit 1; }
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
deb="$work/out/opsctl_${version}_amd64.deb"
[ -f "$deb" ] || { ls "$work/out"; echo "FAIL: no $(basename "$deb")"; exit 1; }

dpkg-deb -c "$deb" | awk '{print $NF}' > "$work/contents"
for path in ./usr/bin/opsctl ./usr/share/opsctl/runbooks/daily.json \
            ./usr/share/opsctl/sql/postgresql/ ./usr/share/opsctl/sql/sqlite/ \
            ./usr/share/opsctl/schema/runbook.schema.json ./usr/share/opsctl/schema/config.schema.json \
            ./usr/share/man/man1/opsctl.1.gz ./usr/share/bash-completion/completions/opsctl \
            ./usr/share/zsh/site-functions/_opsctl ./usr/share/fish/vendor_completions.d/opsctl.fish \
            ./usr/share/doc/opsctl/copyright ./usr/share/doc/opsctl/changelog.gz \
            ./usr/share/doc/opsctl/README.md ./usr/share/doc/opsctl/CHANGELOG.md \
            ./usr/share/doc/opsctl/examples/opsctl.json; do
    grep -qx -- "$path" "$work/contents" || fail "the package lacks $path"
done
grep -v '^\./usr/' "$work/contents" | grep -vx '\./' && fail "the package has files outside /usr"

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for package in libpq5 libcurl4 libc6 libsqlite3-0 libodbc2; do
    grep -qE "(^|, )$package( |,|$)" <<<"$depends" || fail "Depends lacks $package: $depends"
done
[ "$(dpkg-deb -f "$deb" Package)" = opsctl ] || fail "the package is not named opsctl"
[ "$(dpkg-deb -f "$deb" Architecture)" = amd64 ] || fail "the package is not amd64"

# The extracted tree is /usr moved: opsctl finds its data relative to itself.
dpkg-deb -x "$deb" "$work/root"
opsctl="$work/root/usr/bin/opsctl"
export HOME="$work/home" XDG_DATA_HOME="$work/home/data" XDG_STATE_HOME="$work/home/state"
unset OPSCTL_RUNBOOKS OPSCTL_TARGET OPSCTL_CONFIG
cd "$work"
"$opsctl" --version | grep -qE "^opsctl $version " || fail "opsctl --version: $("$opsctl" --version)"
"$opsctl" list > "$work/list" 2>&1 || fail "opsctl list: $(cat "$work/list")"
grep -q "daily" "$work/list" || fail "opsctl list shows no daily runbook"
"$opsctl" daily morning --target demo > "$work/morning" 2>&1
status=$?
[ $status -le 2 ] || fail "opsctl daily morning --target demo exits $status: $(cat "$work/morning")"
grep -q "morning" "$work/morning" || fail "the report names no morning checklist"
"$opsctl" schema runbook | cmp -s - "$work/root/usr/share/opsctl/schema/runbook.schema.json" ||
    fail "opsctl schema runbook is not the packaged schema"
"$opsctl" completion bash | cmp -s - "$work/root/usr/share/bash-completion/completions/opsctl" ||
    fail "opsctl completion bash is not the packaged script"
zcat "$work/root/usr/share/man/man1/opsctl.1.gz" | grep -q '^\.TH OPSCTL' ||
    fail "the packaged man page is not opsctl's"

if command -v lintian >/dev/null; then
    lintian --fail-on error --tag-display-limit 0 "$deb" > "$work/lintian" 2>&1 ||
        fail "lintian reports errors: $(cat "$work/lintian")"
    echo "lintian says:"
    cat "$work/lintian"
else
    echo "lintian is not installed: not run (scripts/install-deps installs it)"
fi

[ $failures = 0 ] && echo "package: every check passed"
exit $((failures > 0))
