#!/usr/bin/env bash
# yesan against the NumPy reference peer on bench-large, in one run on one machine (issue 6):
#
#   bash Benchmarks/compare-peer.sh [--runs 5] [--ref-runs 3] [--trials 100000] [--memory-trials 1000000]
#                                   [--threads N] [--shared DIR]
#
# Builds yesan in release mode (YESAN_SCRATCH=.build-x chooses the build folder), generates
# bench-large (`shared/peers/bench-large.py --programs 200 --years 10`) into a temporary folder and
# times whole processes in interleaved rounds: `yesan run` with all cores and with --threads 1
# (--runs each), `shared/peers/reference.py --time` (--ref-runs); prints the medians, the ratio to
# the reference and the 1-core to all-core speed-up, then the peak resident memory (/usr/bin/time -v)
# of one `yesan run` at 10⁶ trials with the default table and whether it completed. Ends with a
# summary block for a note. Skips, with a message and status 0, when shared/peers is absent (a
# clone) or Python lacks numpy, scipy or yaml. Takes ~2 minutes on 2 cores (the reference is ~10 s a run).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared="$here/../../shared"
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --shared) shared="$2"; args+=("$1" "$2"); shift 2 ;;
        --shared=*) shared="${1#--shared=}"; args+=("$1"); shift ;;
        -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) args+=("$1"); shift ;;
    esac
done
if [ ! -f "$shared/peers/reference.py" ] || [ ! -f "$shared/peers/bench-large.py" ]; then
    echo "compare-peer: skipped: $shared/peers (reference.py, bench-large.py) not found; shared/ exists in development sessions and CI, not in a clone"
    exit 0
fi
if ! python3 -c 'import numpy, scipy, yaml' 2>/dev/null; then
    echo "compare-peer: skipped: python3 needs numpy, scipy and PyYAML for the reference (pip install numpy scipy pyyaml)"
    exit 0
fi
if [ ! -x /usr/bin/time ]; then
    echo "compare-peer: /usr/bin/time not found (apt-get install time): the memory figure will be missing" >&2
fi
exec python3 "$here/run-vs-reference.py" --threads-compare --memory-trials 1000000 --shared "$shared" "${args[@]}"
