#!/usr/bin/env bash
# Uniform and standard-normal throughput of yesan's generator next to NumPy's, same machine, one
# core, release build, medians of 7 runs.    bash Benchmarks/rng-vs-numpy.sh [N]
set -euo pipefail
cd "$(dirname "$0")"
n=${1:-10000000}
swift build -c release --product yesan-bench >/dev/null
bin=$(swift build -c release --show-bin-path)/yesan-bench
taskset -c 0 "$bin" rng "$n" 7 2>/dev/null || "$bin" rng "$n" 7
echo
OPENBLAS_NUM_THREADS=1 taskset -c 0 python3 numpy_rng.py "$n" 7 2>/dev/null || python3 numpy_rng.py "$n" 7
