#!/usr/bin/env python3
"""Agreement of `yesan run` with the NumPy reference (shared/peers/reference.py), SPEC 3-6.

  python3 Tests/Reference/agreement.py [--yesan .build/release/yesan] [--trials 20000] [--shared ../shared] [FILE ...]

Without FILE: every scenario in Scenarios/ and every example of shared/peers/examples/.
For each file both programs run the same scenario with the same trials and seed, reporting every
metric of SPEC 6 (every year and total, the targets). The two use different random streams
(yesan: Philox keyed by identity; reference: NumPy PCG64), so they agree statistically:

- fixed scenarios (every metric has sd 0 in the reference: no randomness): every statistic equal to
  1e-9 relative (absolute 1e-9 near zero);
- random scenarios: each metric's mean within 4 combined standard errors, sqrt(se_y^2 + se_r^2)
  (a two-sided z test at 4 sigma: a false alarm has probability 6e-5 per metric); P5, P50, P95
  within 2 % relative, or within 4 combined standard errors of the quantile, estimated as
  sqrt(p(1-p)/n) / f(q) with the density f from the neighbouring quantiles (P5-P25, P25-P75,
  P75-P95) of the reference; a quantile outside both (near an atom or a jump of the distribution,
  where that density estimate fails) is checked in probability space with every trial's value (see
  probability_check). 0/1 metrics (target.*, fund.*.depleted) are compared by their mean
  only: their quantiles jump between 0 and 1 when the probability is near the level.
The key sets must be equal. Exit 0 when all agree, 1 otherwise, 0 with a message ("skipped")
when shared/ or NumPy/SciPy/PyYAML are not available.
"""
import argparse
import csv
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def skip(why):
    print(f"agreement: skipped: {why}")
    sys.exit(0)


def load_json(text, what):
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise SystemExit(f"agreement: {what} printed invalid JSON: {e}")


def rel_close(a, b, rel=1e-9, abs_=1e-9):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= max(rel * max(abs(a), abs(b)), abs_)


def quantile_se(r, level, n):
    """Standard error of the P`level` quantile: sqrt(p(1-p)/n) / f(q), f from neighbouring quantiles."""
    lo, hi, width = {"p5": ("p5", "p25", 0.20), "p50": ("p25", "p75", 0.50), "p95": ("p75", "p95", 0.20)}[level]
    if r[lo] is None or r[hi] is None:
        return 0.0
    p = {"p5": 0.05, "p50": 0.5, "p95": 0.95}[level]
    return math.sqrt(p * (1 - p) / n) * (r[hi] - r[lo]) / width


def compare(key, y, r, fixed, problems, suspects):
    if y["n"] != r["n"]:
        # cost_per_placement: trials without placements are undefined in both; counts differ by chance.
        if not (key.startswith("cost_per_placement") and not fixed):
            problems.append(f"{key}: n {y['n']} vs reference {r['n']}")
            return
    if r["n"] == 0 or y["n"] == 0:
        if (r["n"] == 0) != (y["n"] == 0):
            problems.append(f"{key}: defined in {y['n']} trials vs reference {r['n']}")
        return
    if fixed:
        for s in ("mean", "min", "max", "p5", "p25", "p50", "p75", "p95"):
            if not rel_close(y[s], r[s]):
                problems.append(f"{key}: {s} {y[s]!r} vs reference {r[s]!r} (fixed scenario: 1e-9 relative)")
        return
    se = math.hypot(y["se"] or 0.0, r["se"] or 0.0)
    if not abs(y["mean"] - r["mean"]) <= 4 * se + 1e-9 * max(1.0, abs(r["mean"])):
        problems.append(f"{key}: mean {y['mean']:.8g} vs reference {r['mean']:.8g}, |diff| = "
                        f"{abs(y['mean'] - r['mean']):.3g} > 4 combined SE = {4 * se:.3g}")
    name = key.split("@")[0]
    if name.startswith("target.") or name.endswith(".depleted"):
        return
    for s in ("p5", "p50", "p95"):
        d = abs(y[s] - r[s])
        tol_rel = 0.02 * max(abs(y[s]), abs(r[s]))
        tol_se = 4 * math.sqrt(2) * max(quantile_se(r, s, r["n"]), quantile_se(y, s, y["n"]))
        if not d <= max(tol_rel, tol_se, 1e-9 * max(1.0, abs(r[s]))):
            suspects.append((key, s, y[s], r[s]))


def probability_check(suspects, yesan, reference, f, trials, problems):
    """Second stage for quantiles outside 2 % and the density-based band: near an atom or a jump of
    the distribution (a mass at zero shortfall, a discrete event draw) the density estimate fails, so
    compare in probability space with every trial's value. The yesan quantile q_y is consistent with
    level p when the reference's empirical CDF at q_y, anywhere in [F(q_y-), F(q_y)], is within
    4 combined SEs, 4 sqrt(2 p (1 - p) / n), of p; and the same with the roles swapped."""
    import numpy as np
    keys = sorted({k for k, *_ in suspects})
    with tempfile.TemporaryDirectory() as tmp:
        rs, ys = Path(tmp) / "r.csv", Path(tmp) / "y.csv"
        metric_args = [x for k in keys for x in ("--metric", k)]
        subprocess.run([sys.executable, str(reference), str(f), "--trials", str(trials), "--samples", str(rs), *metric_args],
                       check=True, capture_output=True)
        subprocess.run([yesan, "run", str(f), "--trials", str(trials), "--quiet", "--format", "csv",
                        "--export-samples", str(ys), *metric_args], check=True, capture_output=True)

        def columns(path):
            rows = list(csv.reader(path.open(encoding="utf-8-sig")))
            head = rows[0]
            return {h: np.array([float(x) if x else np.nan for x in col]) for h, col in zip(head, zip(*rows[1:]))}
        R, Y = columns(rs), columns(ys)
    levels = {"p5": 0.05, "p50": 0.5, "p95": 0.95}
    for key, stat, qy, qr in suspects:
        p, band = levels[stat], 4 * math.sqrt(2 * levels[stat] * (1 - levels[stat]) / trials)
        ok = True
        for values, q in ((R[key], qy), (Y[key], qr)):
            v = values[~np.isnan(values)]
            lo, hi = float(np.mean(v < q)), float(np.mean(v <= q))
            ok &= lo - band <= p <= hi + band
        if not ok:
            problems.append(f"{key}: {stat} {qy:.8g} vs reference {qr:.8g}: the empirical CDFs put them more than "
                            f"4 combined SE ({band:.4f}) away from {p}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--yesan", default=str(ROOT / ".build" / "release" / "yesan"))
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--trials", type=int, default=20000)
    a = ap.parse_args()
    shared = Path(a.shared)
    reference = shared / "peers" / "reference.py"
    if not reference.is_file():
        skip(f"{reference} is absent (shared/ exists only in development sessions and CI)")
    try:
        import numpy, scipy, yaml  # noqa: F401  (the reference needs them)
    except ImportError as e:
        skip(f"the reference needs NumPy, SciPy and PyYAML ({e}); pip install numpy scipy pyyaml")
    if not Path(a.yesan).is_file():
        raise SystemExit(f"agreement: {a.yesan} not found; build it with swift build -c release")
    files = [Path(f) for f in a.files] or sorted(p for p in (ROOT / "Scenarios").glob("*.yaml")) + sorted(
        (shared / "peers" / "examples").glob("*.yaml"))
    failed = 0
    for f in files:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "ref.json"
            ref = subprocess.run([sys.executable, str(reference), str(f), "--trials", str(a.trials), "--json", str(out)],
                                 capture_output=True, text=True)
            if ref.returncode != 0:
                print(f"FAIL {f}: the reference exits {ref.returncode}: {ref.stderr.strip()}")
                failed += 1
                continue
            r = load_json(out.read_text(encoding="utf-8"), "the reference")
        y = subprocess.run([a.yesan, "run", str(f), "--trials", str(a.trials), "--format", "json", "--quiet"],
                           capture_output=True, text=True)
        if y.returncode != 0:
            print(f"FAIL {f}: yesan exits {y.returncode}: {y.stderr.strip()}")
            failed += 1
            continue
        y = load_json(y.stdout, "yesan")["metrics"]
        problems = []
        if set(y) != set(r):
            problems.append(f"key sets differ: only yesan {sorted(set(y) - set(r))[:8]}, only reference {sorted(set(r) - set(y))[:8]}")
        # Fixed: every trial gives the same value (sd 0 up to NumPy's rounding of the mean).
        fixed = all((s["sd"] or 0.0) <= 1e-12 * max(1.0, abs(s["mean"] or 0.0)) for s in r.values())
        suspects = []
        for key in sorted(set(y) & set(r)):
            compare(key, y[key], r[key], fixed, problems, suspects)
        if suspects:
            probability_check(suspects, a.yesan, reference, f, a.trials, problems)
        kind = "fixed" if fixed else "random"
        if problems:
            failed += 1
            print(f"FAIL {f} ({kind}, {len(r)} metrics, {a.trials} trials): {len(problems)} disagreements")
            for p in problems[:25]:
                print(f"  {p}")
        else:
            print(f"ok   {f} ({kind}, {len(r)} metrics, {a.trials} trials)")
    print(f"agreement: {len(files) - failed} of {len(files)} files agree")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
