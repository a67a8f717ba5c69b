#!/usr/bin/env python3
"""Write Tests/YesanCoreTests/Fixtures/special.json, the reference values for YesanCore's
scalar special functions (Tests/YesanCoreTests/SpecialFunctionTests.swift).

Run from anywhere:  python3 Tests/Reference/make_special_fixtures.py
Generated with Python 3.11, NumPy 2.4.6, SciPy 1.17.1, mpmath 1.3.0.
Every float is written with ``repr`` precision (shortest round-trip), so the JSON holds
the exact IEEE-754 doubles that SciPy was called with and returned.

Grids
-----
grid (probabilities u)
    1e-12, 1e-9, 1e-6, 1e-3, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999,
    1-1e-6, 1-1e-9, 1-1e-12 (the last three are the doubles ``1 - 1e-6`` etc.).
gamma shapes a
    0.3, 0.5, 1, 2.5, 9, 50, 400; plus 1e5 and 1e6 (beyond the brief, to exercise Temme's
    large-shape expansion).
beta shapes (a, b)
    (0.5, 0.5), (2, 5), (5, 2), (1, 1), (0.3, 4), (74.3, 6.46), (30, 300).
Student t degrees of freedom
    1, 2, 3, 5, 8, 30, 120; plus 1e4 and 1e6 (beyond the brief, large-df code path).
normal.x
    -38 to 38 in steps of 1/8 (exact binary fractions).

Exactly which calls produce which value
---------------------------------------
normal.quantile[i]      ``scipy.special.ndtri(grid[i])``
normal.cdf[i]           ``scipy.special.ndtr(normal.x[i])``
normal.survival[i]      ``scipy.special.ndtr(-normal.x[i])``
gamma[k].quantile[i]    ``scipy.special.gammaincinv(a, grid[i])``
gamma[k].p[j]           ``scipy.special.gammainc(a, gamma[k].x[j])``
gamma[k].q[j]           ``scipy.special.gammaincc(a, gamma[k].x[j])``
beta[k].quantile[i]     ``scipy.special.betaincinv(a, b, grid[i])``
beta[k].p[j]            ``scipy.special.betainc(a, b, beta[k].x[j])``
beta[k].q[j]            ``scipy.special.betaincc(a, b, beta[k].x[j])``
studentT[k].quantile[i] ``scipy.stats.t.ppf(grid[i], df)``
studentT[k].cdf[j]      ``scipy.stats.t.cdf(studentT[k].t[j], df)``

The CDF evaluation points (``x`` / ``t``) are the SciPy quantiles of the grid (so the CDFs
are exercised deep in both tails) followed by a few fixed extra points (``EXTRA_*`` below;
for the large gamma shapes x = r*a with r in ``EXTRA_GAMMA_RATIOS``), some of which give
values below 1e-300 or exactly 0 or 1.

Arbitration with mpmath
-----------------------
SciPy is the reference, but it is not always right to 1e-12, so every value is also
computed with mpmath from the same double inputs, at 50 and at 90 significant digits (the
script raises unless the two agree to 1e-30 relative), and rounded to the nearest double:

* CDFs: ``mp.ncdf``; ``mp.gammainc(a, 0, x, regularized=True)`` and
  ``mp.gammainc(a, x, mp.inf, regularized=True)`` (for huge a, where mpmath's lower series
  gives up, 1 - Q with 600 extra digits); I_x(a, b) as ``mp.betainc(a, b, 0, x,
  regularized=True)`` for x <= 1/2 and as ``1 - mp.betainc(b, a, 0, 1 - x,
  regularized=True)`` with 320 extra digits above (mpmath's series is unreliable near 1, and
  its ``betainc(a, b, x, 1)`` cancels catastrophically for tiny upper tails); 1 - I_x(a, b)
  = I_{1-x}(b, a) the same way; the t CDF as I_{df/(df+t^2)}(df/2, 1/2)/2 for t < 0 and one
  minus that for t > 0, with df/(df+t^2) and t^2/(df+t^2) formed exactly in mpmath.
* Quantiles: the exact root, by Newton steps in mpmath started from SciPy's value (on the
  tail holding the smaller probability; the script raises if SciPy is more than 1e-6 off).

Each array ``k`` comes with ``kMpmath`` (same length) and ``kInaccurate``: the indices where
SciPy's value differs from mpmath's by more than 1e-13 relative (values below 1e-300 are not
judged). At those indices the tests compare with the mpmath value instead, at the same
tolerance (1e-12 for CDFs, 1e-10 for quantiles). The script prints them; with SciPy 1.17.1:

* ``ndtr`` for |x| >= 22.875 (it rounds x/sqrt(2) before erfc, which costs ~2 z^2 ulp,
  1.1e-13 at x = -37);
* ``betaincc(0.5, 0.5, x)`` for tiny x (``betaincc(0.5, 0.5, 2.4674011002723396e-18)`` is
  0.99999999899469 instead of 0.999999999, 5e-12; at x = 1e-20 it returns 1.0, 6e-11) and
  ``betainc(0.5, 0.5, 1 - 1e-15)`` (1e-9);
* ``t.cdf(+-1e-8, 1)`` (3e-9; the exact value is 1/2 + atan(t)/pi);
* deep-tail ``gammainc``/``gammaincc`` at a = 400 and 1e5 (2e-13 to 3e-13);
* a = 1e6: ``gammainc`` in the lower tail (up to 7e-6) and ``gammaincinv`` for u <= 1e-6
  (up to 1.4e-9), which is why the large shapes are not compared with SciPy alone.
"""

from __future__ import annotations

import json
import math
import pathlib

import mpmath as mp
import numpy as np
import scipy
from scipy import special, stats

mp.mp.dps = 50

GRID = [1e-12, 1e-9, 1e-6, 1e-3, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999,
        1 - 1e-6, 1 - 1e-9, 1 - 1e-12]
GAMMA_SHAPES = [0.3, 0.5, 1.0, 2.5, 9.0, 50.0, 400.0]
# Beyond the brief's grid: shapes/df large enough to reach the large-parameter code paths
# (Temme's expansion for the incomplete gamma, the large-a expansion of I_x for the t CDF).
LARGE_GAMMA_SHAPES = [1e5, 1e6]
LARGE_T_DEGREES = [1e4, 1e6]
BETA_SHAPES = [(0.5, 0.5), (2.0, 5.0), (5.0, 2.0), (1.0, 1.0), (0.3, 4.0), (74.3, 6.46),
               (30.0, 300.0)]
T_DEGREES = [1.0, 2.0, 3.0, 5.0, 8.0, 30.0, 120.0]
NORMAL_X = [k / 8 for k in range(-38 * 8, 38 * 8 + 1)]

# Extra CDF points (beyond the quantiles of the grid).
EXTRA_GAMMA_X = [1e-300, 1e-20, 1e-5, 0.5, 1.0, 3.0, 10.0, 30.0, 100.0, 400.0, 401.0, 700.0, 2000.0]
EXTRA_GAMMA_RATIOS = [0.7, 0.9, 0.99, 1.0, 1.01, 1.1, 1.3]  # x = ratio * a, for the large shapes
EXTRA_BETA_X = [1e-300, 1e-20, 1e-8, 1e-3, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999,
                1 - 1e-8, 1 - 1e-15]
EXTRA_T = [-1e300, -1e20, -1e6, -1000.0, -30.0, -10.0, -3.0, -1.0, -0.3, -1e-8, 0.0, 1e-8, 0.3,
           1.0, 3.0, 10.0, 30.0, 1000.0, 1e6, 1e20, 1e300]

SCIPY_TOLERANCE = 1e-13  # flag SciPy CDF values further than this from mpmath


def floats(values) -> list[float]:
    out = [float(v) for v in values]
    for v in out:
        if not math.isfinite(v):
            raise ValueError(f"non-finite fixture value {v}")
    return out


def rel(a: float, exact) -> float:
    if exact == 0:
        return 0.0 if a == 0 else math.inf
    return float(abs((mp.mpf(a) - exact) / exact))


def arbitrate(name: str, scipy_values: list[float], exact_values: list) -> dict:
    """The SciPy array, the mpmath values, and the indices where SciPy is off by > 1e-13
    relative (only values >= 1e-300 are judged, as in the tests)."""
    bad = [i for i, (s, e) in enumerate(zip(scipy_values, exact_values))
           if abs(e) >= 1e-300 and rel(s, e) > SCIPY_TOLERANCE]
    return {
        name: scipy_values,
        name + "Mpmath": [float(e) for e in exact_values],
        name + "Inaccurate": bad,
    }


def exact_quantile(kind: str, value: float, u: float, lower_cdf, upper_cdf, density):
    """The exact root near SciPy's quantile `value`: Newton steps in mpmath from it (on the
    lower or the upper tail, whichever holds the smaller probability) until a step is below
    1e-25 relative. Raises if SciPy is off by more than 1e-6 or Newton needs > 6 steps."""
    if value in (0.0, 1.0) and kind == "beta":
        return mp.mpf(value)  # the root is closer to the end point than half an ulp
    x = mp.mpf(value)
    steps = []
    while not steps or steps[-1] > mp.mpf(10) ** -25:
        if u <= 0.5:
            dx = (lower_cdf(x) - mp.mpf(u)) / density(x)
        else:
            dx = -(upper_cdf(x) - (1 - mp.mpf(u))) / density(x)
        x -= dx
        steps.append(abs(dx / x) if x != 0 else abs(dx))
        if steps[0] > 1e-6 or len(steps) > 6:
            raise AssertionError(f"{kind} quantile at u={u}: SciPy {value!r}, Newton steps {steps}")
    return x


def normal_fixture() -> dict:
    x = np.array(NORMAL_X)
    quantile = floats(special.ndtri(np.array(GRID)))
    exact = [exact_quantile("normal", q, u, mp.ncdf, lambda t: mp.ncdf(-t), mp.npdf)
             for u, q in zip(GRID, quantile)]
    out = {"x": floats(x)}
    out.update(arbitrate("quantile", quantile, exact))
    out.update(arbitrate("cdf", floats(special.ndtr(x)),
                         [two_precisions(lambda v=v: mp.ncdf(mp.mpf(v))) for v in x]))
    out.update(arbitrate("survival", floats(special.ndtr(-x)),
                         [two_precisions(lambda v=v: mp.ncdf(-mp.mpf(v))) for v in x]))
    return out


def gamma_fixture(a: float) -> dict:
    quantile = floats(special.gammaincinv(a, np.array(GRID)))

    def lower(x):
        return gamma_exact(a, x, upper=False)

    def upper(x):
        return gamma_exact(a, x, upper=True)

    def density(x):
        return x ** (a - 1) * mp.exp(-x) / mp.gamma(a)

    exact = [exact_quantile("gamma", q, u, lower, upper, density) for u, q in zip(GRID, quantile)]
    xs = quantile + (EXTRA_GAMMA_X if a <= 400 else [r * a for r in EXTRA_GAMMA_RATIOS])
    out = {"a": a, "x": xs}
    out.update(arbitrate("quantile", quantile, exact))
    out.update(arbitrate("p", floats(special.gammainc(a, np.array(xs))),
                         [lower(v) for v in xs]))
    out.update(arbitrate("q", floats(special.gammaincc(a, np.array(xs))),
                         [upper(v) for v in xs]))
    return out


def beta_fixture(a: float, b: float) -> dict:
    quantile = floats(special.betaincinv(a, b, np.array(GRID)))

    def lower(x):
        return beta_exact(a, b, x, upper=False)

    def upper(x):
        return beta_exact(a, b, x, upper=True)

    def density(x):
        return x ** (a - 1) * (1 - x) ** (b - 1) / mp.beta(a, b)

    exact = [exact_quantile("beta", q, u, lower, upper, density) for u, q in zip(GRID, quantile)]
    xs = quantile + EXTRA_BETA_X
    out = {"a": a, "b": b, "x": xs}
    out.update(arbitrate("quantile", quantile, exact))
    out.update(arbitrate("p", floats(special.betainc(a, b, np.array(xs))),
                         [lower(v) for v in xs]))
    out.update(arbitrate("q", floats(special.betaincc(a, b, np.array(xs))),
                         [upper(v) for v in xs]))
    return out


def two_precisions(f):
    """f() evaluated at 50 and 90 digits; raise unless they agree to 1e-30 relative."""
    with mp.workdps(50):
        low = f()
    with mp.workdps(90):
        high = f()
    if high != 0 and abs((low - high) / high) > mp.mpf(10) ** -30:
        raise AssertionError(f"mpmath precision loss: {low} vs {high}")
    if high == 0 and low != 0:
        raise AssertionError(f"mpmath precision loss: {low} vs 0")
    return high


def lower_beta(a: float, b: float, x, y):
    """I_x(a, b) with y = 1 - x given exactly (mpf): mpmath's series for x <= 1/2 (where it
    is reliable), else 1 - I_y(b, a) with 320 extra digits, enough to absorb the cancellation
    for any result >= 1e-300."""
    if x <= 0.5:
        return mp.betainc(a, b, 0, x, regularized=True)
    with mp.workdps(mp.mp.dps + 320):
        return 1 - mp.betainc(b, a, 0, y, regularized=True)


def beta_exact(a: float, b: float, x: float, upper: bool):
    def f():
        xm = mp.mpf(x)
        ym = 1 - xm
        return lower_beta(b, a, ym, xm) if upper else lower_beta(a, b, xm, ym)
    return two_precisions(f)


def gamma_exact(a: float, x: float, upper: bool):
    def f():
        if upper:
            return mp.gammainc(a, mp.mpf(x), mp.inf, regularized=True)
        try:
            return mp.gammainc(a, 0, mp.mpf(x), regularized=True)
        except mp.libmp.NoConvergence:
            # mpmath's lower series gives up for huge a: take 1 - Q with 600 extra digits,
            # enough for any double result >= 1e-300.
            with mp.workdps(mp.mp.dps + 600):
                return 1 - mp.gammainc(a, mp.mpf(x), mp.inf, regularized=True)
    return two_precisions(f)


def t_cdf_exact(t: float, df: float):
    def f():
        tm = mp.mpf(t)
        if tm == 0:
            return mp.mpf(0.5)
        d = df + tm * tm
        tail = lower_beta(mp.mpf(df) / 2, mp.mpf(1) / 2, df / d, tm * tm / d) / 2
        return tail if tm < 0 else 1 - tail
    return two_precisions(f)


def t_fixture(df: float) -> dict:
    quantile = floats(stats.t.ppf(np.array(GRID), df))

    def density(t):
        return (1 + t * t / df) ** (-(df + 1) / mp.mpf(2)) / (mp.sqrt(df) * mp.beta(mp.mpf(df) / 2, 0.5))

    exact = [exact_quantile("t", q, u, lambda t: t_cdf_exact(t, df), lambda t: t_cdf_exact(-t, df),
                            density) for u, q in zip(GRID, quantile)]
    ts = quantile + EXTRA_T
    out = {"df": df, "t": ts}
    out.update(arbitrate("quantile", quantile, exact))
    out.update(arbitrate("cdf", floats(stats.t.cdf(np.array(ts), df)),
                         [t_cdf_exact(v, df) for v in ts]))
    return out


def main() -> None:
    fixture = {
        "generator": "Tests/Reference/make_special_fixtures.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__,
                     "mpmath": mp.__version__},
        "grid": floats(GRID),
        "normal": normal_fixture(),
        "gamma": [gamma_fixture(a) for a in GAMMA_SHAPES + LARGE_GAMMA_SHAPES],
        "beta": [beta_fixture(a, b) for a, b in BETA_SHAPES],
        "studentT": [t_fixture(df) for df in T_DEGREES + LARGE_T_DEGREES],
    }
    path = (pathlib.Path(__file__).resolve().parent.parent
            / "YesanCoreTests" / "Fixtures" / "special.json")
    path.write_text(json.dumps(fixture, indent=1, allow_nan=False) + "\n")
    report(fixture, path)


def report(fixture: dict, path: pathlib.Path) -> None:
    """Print which SciPy values the tests replace by mpmath's, and by how much they differ."""
    flagged = []  # (label, point, key, scipy, mpmath)
    families = [("normal", [fixture["normal"]], ("quantile", "cdf", "survival"))]
    families += [("gamma", fixture["gamma"], ("quantile", "p", "q")),
                 ("beta", fixture["beta"], ("quantile", "p", "q")),
                 ("studentT", fixture["studentT"], ("quantile", "cdf"))]
    for family, entries, keys in families:
        for entry in entries:
            label = family + "".join(f" {k}={entry[k]!r}" for k in ("a", "b", "df") if k in entry)
            points = entry.get("x", entry.get("t"))
            for key in keys:
                where = fixture["grid"] if key == "quantile" else points
                flagged += [(label, where[i], key, entry[key][i], entry[key + "Mpmath"][i])
                            for i in entry[key + "Inaccurate"]]
    print(f"wrote {path}: {len(flagged)} SciPy values are > 1e-13 from mpmath's and are "
          "replaced by them in the tests")
    normal = [f for f in flagged if f[0] == "normal" and f[2] != "quantile"]
    if normal:
        worst = max(abs(s - e) / abs(e) for *_, s, e in normal)
        print(f"  normal: {len(normal)} ndtr values with |x| >= 22.875, max rel. error {worst:.2g}")
    for label, point, key, scipy_value, exact in flagged:
        if label == "normal" and key != "quantile":
            continue
        at = "u" if key == "quantile" else "at"
        print(f"  {label} {key} {at}={point!r}: SciPy {scipy_value!r}, mpmath {exact!r}, "
              f"rel. error {abs(scipy_value - exact) / abs(exact):.2g}")

if __name__ == "__main__":
    main()
