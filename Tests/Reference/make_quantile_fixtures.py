#!/usr/bin/env python3
"""Writes Tests/YesanCoreTests/Fixtures/quantiles.json: numpy.quantile reference values.

For every case, `numpy.quantile(values, q)` with NumPy's default method ('linear'), for each
q in LEVELS, plus mean (numpy.mean), sd (numpy.std(ddof=1)), min and max. yesan's
`quantileOfSorted` must reproduce the quantiles bit for bit (the same arithmetic as NumPy's
`_lerp`); mean and sd only to rounding, since NumPy sums pairwise.

    python3 Tests/Reference/make_quantile_fixtures.py      # NumPy 2.x
"""
import json
from pathlib import Path

import numpy as np

LEVELS = [0.0, 0.05, 0.25, 0.5, 0.75, 0.95, 1.0, 0.001, 0.1, 1 / 3, 0.9, 0.999]


def main():
    rng = np.random.default_rng(20251123)
    cases = {
        "one value": [42.5],
        "two values": [3.0, -1.0],
        "ties": [1.0, 1.0, 2.0, 2.0, 2.0, 3.0, 3.0],
        "ten integers": [float(x) for x in rng.integers(0, 100, 10)],
        "normal 1001": rng.normal(1000.0, 250.0, 1001).tolist(),
        "lognormal 3001 (budgets, 백만원)": rng.lognormal(7.0, 1.2, 3001).tolist(),
        "mixed magnitudes 500": (rng.standard_normal(500) * 10.0 ** rng.integers(-8, 9, 500)).tolist(),
        "uniform 4000": rng.random(4000).tolist(),
    }
    out = {"levels": LEVELS, "cases": []}
    for name, values in cases.items():
        a = np.array(values, dtype=np.float64)
        out["cases"].append({
            "name": name,
            "values": values,
            "quantiles": [float(np.quantile(a, q)) for q in LEVELS],
            "mean": float(np.mean(a)),
            "sd": float(np.std(a, ddof=1)) if len(a) > 1 else None,
            "min": float(a.min()),
            "max": float(a.max()),
        })
    path = Path(__file__).resolve().parent.parent / "YesanCoreTests" / "Fixtures" / "quantiles.json"
    path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
