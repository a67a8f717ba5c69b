#!/usr/bin/env bash
# The optional statistical battery of SPEC 5: one yesan stream (Philox4x32-10, the trial-pair
# layout of docs/randomness.md) through every dieharder test. Reads as many bytes as dieharder
# asks for (well over 1 GiB for -a). Takes hours on two cores; not part of the test suite.
#   apt-get install dieharder && bash Benchmarks/dieharder.sh [extra dieharder flags]
set -euo pipefail
cd "$(dirname "$0")"
command -v dieharder >/dev/null || { echo "install dieharder first: apt-get install dieharder" >&2; exit 69; }
swift build -c release --product yesan-bench >/dev/null
"$(swift build -c release --show-bin-path)/yesan-bench" stream | dieharder -g 200 -a "$@"
