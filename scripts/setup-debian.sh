#!/usr/bin/env bash
# Installs every Debian 12 package fluxd's build and tests need. Idempotent; run as root.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libxerces-c-dev libboost-dev libboost-test-dev libcurl4-openssl-dev libfmt-dev
  libsqlite3-dev sqlite3 libtomlplusplus-dev nlohmann-json3-dev libcli11-dev libssl-dev
  libxml2-utils libarchive-dev libqpdf-dev qpdf openssh-server openssh-client python3
  systemd  # systemd-analyze: the packaged unit is verified by the tests
  clang libclang-rt-14-dev  # scripts/fuzz.sh: libFuzzer and the ASan/UBSan runtimes
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: missing packages (${missing[*]}); run this script as root" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
