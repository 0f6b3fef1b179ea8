#!/usr/bin/env bash
# The main job on the bundled samples: install, build, drop the sample flows into the
# inboxes of var/samples/ (git-ignored), run `fluxd batch` once and print the summary; then
# drop the sample status updates of two recipients and run `fluxd batch` again to apply them.
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
# Then the recipients answer: their status updates go through the state machine (a second run
# meets the state machine again and is refused there, with a result file saying so).
for dir in samples/updates/*/; do
  sender=$(basename "$dir")
  mkdir -p "var/samples/updates/$sender"
  cp "$dir"* "var/samples/updates/$sender/"
done
./build/app/fluxd batch --config samples/fluxd.toml
echo
echo "Inspect: ./build/app/fluxd suivi flows --config samples/fluxd.toml"
echo "         ./build/app/fluxd suivi flow 1 --config samples/fluxd.toml"
echo "         ./build/app/fluxd suivi invoice 'MI-F26-00871' --config samples/fluxd.toml"
echo "         ls var/samples/update-results/*/ var/samples/lifecycle/AAA999/"
