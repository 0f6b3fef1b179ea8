#!/usr/bin/env bash
# Every test: install, build (warnings are errors when CI=true), run ctest, then the bounded
# fuzzing job (each libFuzzer target for FLUXD_FUZZ_SECONDS, default 45).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
bash scripts/build.sh
ctest --test-dir build --output-on-failure
bash scripts/fuzz.sh --seconds "${FLUXD_FUZZ_SECONDS:-45}"
