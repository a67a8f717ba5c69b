#!/usr/bin/env python3
"""NumPy's peer figures for `yesan-bench rng`: default_rng().random and standard_normal.

    python3 numpy_rng.py [N] [RUNS]     # median over RUNS of the time per variate, one thread
"""
import statistics
import sys
import time

import numpy as np

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
rng = np.random.default_rng(20251123)
out = np.empty(n)
print(f"numpy {np.__version__} — {n} variates, median of {runs} runs")
for name, f in (("default_rng().random(out=)", lambda: rng.random(out=out)),
                ("default_rng().standard_normal(out=)", lambda: rng.standard_normal(out=out)),
                ("default_rng().random(n)", lambda: rng.random(n)),
                ("default_rng().standard_normal(n)", lambda: rng.standard_normal(n))):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    t = statistics.median(times)
    print(f"{name:44s} {t / n * 1e9:.3f} ns/variate  {n / t / 1e6:.3f} M/s")
