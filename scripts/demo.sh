#!/usr/bin/env bash
# The main job on the bundled samples: install, build, drop the sample flows into the
# inboxes of var/samples/ (git-ignored), run `fluxd batch` once and print the summary.
# Running it again drops the same bytes again: fluxd records them as FLOW-DUPLICATE.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
bash scripts/build.sh
for dir in samples/flows/*/; do
  partner=$(basename "$dir")
  mkdir -p "var/samples/inbox/$partner"
  cp "$dir"* "var/samples/inbox/$partner/"
done
./build/app/fluxd batch --config samples/fluxd.toml
echo
echo "Inspect: ./build/app/fluxd suivi flows --config samples/fluxd.toml"
echo "         ./build/app/fluxd suivi flow 1 --config samples/fluxd.toml"
