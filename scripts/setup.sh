#!/usr/bin/env bash
# Installs what yesan needs on a fresh Debian/Ubuntu machine that already has Swift:
# the reference LAPACK (liblapack-dev) and pkg-config, which SwiftPM uses to find it.
# Optional speed-up: `apt-get install libopenblas0-pthread` fills the liblapack.so.3
# alternatives slot with OpenBLAS, with no rebuild (see README, "LAPACK").
set -euo pipefail
missing=()
for pkg in liblapack-dev pkg-config; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    echo "setup: installed ${missing[*]}" >&2
fi
pkg-config --exists lapack || { echo "setup: pkg-config cannot find lapack" >&2; exit 1; }
