#!/usr/bin/env python3
"""Wall time of `yesan run` next to the NumPy reference on the bench-large scenario (SPEC 10 peer).

  python3 Benchmarks/run-vs-reference.py [--trials 100000] [--runs 5] [--ref-runs 3] [--shared ../shared]

Generates bench-large (200 programs x 10 years) with shared/peers/bench-large.py, builds yesan in
release mode, then times whole processes (start to exit: loading, simulation, statistics, output)
on the same machine in the same session: `yesan run FILE --trials N --quiet` (default table) and
`reference.py FILE --trials N --time` (its default table; it also prints its own simulate+statistics
time, reported beside). Prints each run, the medians and the ratio.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# YESAN_SCRATCH=.build-x selects another build folder (swift build --scratch-path).
SCRATCH = ["--scratch-path", os.environ["YESAN_SCRATCH"]] if os.environ.get("YESAN_SCRATCH") else []


def timed(cmd):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed ({p.returncode}): {p.stderr}")
    return wall, p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--trials", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--ref-runs", type=int, default=3)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--threads", type=int)
    a = ap.parse_args()
    peers = Path(a.shared) / "peers"
    if not (peers / "reference.py").is_file():
        raise SystemExit(f"{peers}/reference.py not found (shared/ exists in development sessions and CI)")
    subprocess.run(["swift", "build", "-c", "release", "--product", "yesan", *SCRATCH], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    binpath = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path", *SCRATCH], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    yesan = str(Path(binpath) / "yesan")
    with tempfile.TemporaryDirectory() as tmp:
        scenario = Path(tmp) / "bench-large.yaml"
        subprocess.run([sys.executable, str(peers / "bench-large.py"), str(scenario)], check=True)
        threads = ["--threads", str(a.threads)] if a.threads else []
        timed([yesan, "run", str(scenario), "--trials", "1000", "--quiet"])   # warm the file cache
        ys = []
        for i in range(a.runs):
            wall, _ = timed([yesan, "run", str(scenario), "--trials", str(a.trials), "--quiet", *threads])
            ys.append(wall)
            print(f"yesan      run {i + 1}: {wall:7.3f} s")
        rs, inner = [], []
        for i in range(a.ref_runs):
            wall, p = timed([sys.executable, str(peers / "reference.py"), str(scenario), "--trials", str(a.trials), "--time"])
            m = re.search(r"simulate ([\d.]+) s \+ statistics ([\d.]+) s", p.stderr)
            inner.append(float(m[1]) + float(m[2]) if m else float("nan"))
            rs.append(wall)
            print(f"reference  run {i + 1}: {wall:7.3f} s   (its own --time: {inner[-1]:.3f} s)")
    my, mr, mi = statistics.median(ys), statistics.median(rs), statistics.median(inner)
    print(f"\nbench-large, {a.trials:,} trials, default table, same machine:")
    print(f"  yesan run      median {my:.3f} s of {a.runs}")
    print(f"  reference.py   median {mr:.3f} s of {a.ref_runs} (wall; its --time says {mi:.3f} s)")
    print(f"  ratio          {mr / my:.1f}x (wall), {mi / my:.1f}x (against the reference's own --time)")


if __name__ == "__main__":
    main()
