#!/usr/bin/env bash
# Configures and builds fluxd and its tests in build/. CI=true turns warnings into errors.
set -euo pipefail
cd "$(dirname "$0")/.."
werror=OFF
[[ "${CI:-}" == "true" ]] && werror=ON
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFLUXD_WERROR="$werror" >/dev/null
cmake --build build -j"$(nproc)"
