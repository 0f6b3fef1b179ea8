#!/usr/bin/env bash
# ctest `systemd_unit`: the unit in packaging/ must pass `systemd-analyze verify` without a
# single complaint, pointed at the binary just built. Exit 77 (skipped) without systemd-analyze.
set -euo pipefail
unit="$1" binary="$2" config="$3"
command -v systemd-analyze >/dev/null || { echo "systemd-analyze not installed: skipped"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
sed "s#/usr/local/bin/fluxd#${binary}#; s#/etc/fluxd/fluxd.toml#${config}#" "$unit" >"$dir/fluxd.service"
# User= must exist for verify; the build user stands in for the service account.
sed -i "s#^User=.*#User=$(id -un)#; s#^Group=.*#Group=$(id -gn)#" "$dir/fluxd.service"
out=$(systemd-analyze verify "$dir/fluxd.service" 2>&1) || { echo "$out"; exit 1; }
if [[ -n "$out" ]]; then echo "$out"; exit 1; fi
grep -q "^ExecStart=${binary} run " "$dir/fluxd.service"
grep -q '^ExecReload=/bin/kill -HUP \$MAINPID' "$dir/fluxd.service"
echo "fluxd.service verified"
