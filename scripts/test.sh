#!/usr/bin/env bash
# Every test: install, build (warnings are errors when CI=true), run ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
bash scripts/build.sh
ctest --test-dir build --output-on-failure
