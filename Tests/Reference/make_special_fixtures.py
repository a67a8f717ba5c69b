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
    0.3, 0.5, 1, 2.5, 9, 50, 400.
beta shapes (a, b)
    (0.5, 0.5), (2, 5), (5, 2), (1, 1), (0.3, 4), (74.3, 6.46), (30, 300).
Student t degrees of freedom
    1, 2, 3, 5, 8, 30, 120.
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
are exercised deep in both tails) followed by a few fixed extra points, listed in
``EXTRA_*`` below, some of which give values below 1e-300 or exactly 0 or 1.

Arbitration with mpmath
-----------------------
Every CDF value is also computed with mpmath from the same double inputs (``mp.ncdf``;
``mp.gammainc(a, 0, x, regularized=True)`` and ``mp.gammainc(a, x, mp.inf,
regularized=True)``; I_x(a, b) as ``mp.betainc(a, b, 0, x, regularized=True)`` for
x <= 1/2 and as ``1 - mp.betainc(b, a, 0, 1 - x, regularized=True)`` above, and
1 - I_x(a, b) = I_{1-x}(b, a) the same way -- mpmath's own ``betainc(a, b, x, 1)`` cancels
catastrophically for tiny upper tails; the t CDF as I_{df/(df+t^2)}(df/2, 1/2)/2 for t < 0
and one minus that for t > 0, with the ratio and its complement t^2/(df+t^2) formed exactly
in mpmath).  Each value is computed at 50 and at 90 significant digits; the script raises
unless the two agree to 1e-30 relative, then rounds to the nearest double.  Where SciPy's value differs from that by more than 1e-13
relative, the index is listed in ``scipyInaccurate`` next to the array (e.g. ``qInaccurate``)
together with the mpmath value (``qMpmath``, same length as ``q``); the tests then compare
with the mpmath value instead, at the same 1e-12 tolerance.  Known cases (the script prints them): ``ndtr`` in the far lower tail (it rounds x/sqrt(2)
before erfc, which costs ~2 z^2 ulp, about 1.1e-13 at x = -37); ``betaincc(0.5, 0.5, x)`` for
tiny x (e.g. ``betaincc(0.5, 0.5, 2.4674011002723396e-18)`` = 0.99999999899469 instead of
0.999999999, relative error 5e-12); ``betainc(0.5, 0.5, 1 - 1e-15)`` (error 1e-9);
``t.cdf(+-1e-8, 1)`` (error 3e-9; the exact value is 1/2 + atan(t)/pi); and a few
deep-tail values of ``gammainc``/``betaincc`` with large shapes (errors 2e-13 to 3e-12).
The quantiles from SciPy agree with the mpmath roots to better than 1e-14 relative on this
grid (checked when the script runs; it raises otherwise).
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
BETA_SHAPES = [(0.5, 0.5), (2.0, 5.0), (5.0, 2.0), (1.0, 1.0), (0.3, 4.0), (74.3, 6.46),
               (30.0, 300.0)]
T_DEGREES = [1.0, 2.0, 3.0, 5.0, 8.0, 30.0, 120.0]
NORMAL_X = [k / 8 for k in range(-38 * 8, 38 * 8 + 1)]

# Extra CDF points (beyond the quantiles of the grid).
EXTRA_GAMMA_X = [1e-300, 1e-20, 1e-5, 0.5, 1.0, 3.0, 10.0, 30.0, 100.0, 400.0, 401.0, 700.0, 2000.0]
EXTRA_BETA_X = [1e-300, 1e-20, 1e-8, 1e-3, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999,
                1 - 1e-8, 1 - 1e-15]
EXTRA_T = [-1e300, -1e20, -1e6, -1000.0, -30.0, -10.0, -3.0, -1.0, -0.3, -1e-8, 0.0, 1e-8, 0.3,
           1.0, 3.0, 10.0, 30.0, 1000.0, 1e6, 1e20, 1e300]

SCIPY_TOLERANCE = 1e-13  # flag SciPy CDF values further than this from mpmath
QUANTILE_CHECK = 1e-14   # SciPy quantiles must be this close to the mpmath root


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
           if e >= 1e-300 and rel(s, e) > SCIPY_TOLERANCE]
    return {
        name: scipy_values,
        name + "Mpmath": [float(e) for e in exact_values],
        name + "Inaccurate": bad,
    }


def check_quantile(kind: str, value: float, u: float, lower_cdf, upper_cdf, density) -> None:
    """Raise if `value` is further than QUANTILE_CHECK (relative) from the exact root."""
    if value in (0.0, 1.0) and kind == "beta":
        return  # the root is closer to the end point than half an ulp
    x = mp.mpf(value)
    if u <= 0.5:
        dx = (lower_cdf(x) - mp.mpf(u)) / density(x)
    else:
        dx = -(upper_cdf(x) - (1 - mp.mpf(u))) / density(x)
    err = abs(dx / x) if value != 0 else abs(dx)
    if err > QUANTILE_CHECK:
        raise AssertionError(f"SciPy {kind} quantile off by {float(err)} at u={u}")


def normal_fixture() -> dict:
    x = np.array(NORMAL_X)
    quantile = floats(special.ndtri(np.array(GRID)))
    for u, q in zip(GRID, quantile):
        check_quantile("normal", q, u, mp.ncdf, lambda t: mp.ncdf(-t), mp.npdf)
    out = {"x": floats(x), "quantile": quantile}
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

    for u, q in zip(GRID, quantile):
        check_quantile("gamma", q, u, lower, upper, density)
    xs = quantile + EXTRA_GAMMA_X
    out = {"a": a, "quantile": quantile, "x": xs}
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

    for u, q in zip(GRID, quantile):
        check_quantile("beta", q, u, lower, upper, density)
    xs = quantile + EXTRA_BETA_X
    out = {"a": a, "b": b, "quantile": quantile, "x": xs}
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
    """I_x(a, b) with y = 1 - x given exactly (mpf), without cancellation."""
    if x <= 0.5:
        return mp.betainc(a, b, 0, x, regularized=True)
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
        return mp.gammainc(a, 0, mp.mpf(x), regularized=True)
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

    for u, q in zip(GRID, quantile):
        check_quantile("t", q, u, lambda t: t_cdf_exact(t, df),
                       lambda t: t_cdf_exact(-t, df), density)
    ts = quantile + EXTRA_T
    out = {"df": df, "quantile": quantile, "t": ts}
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
        "gamma": [gamma_fixture(a) for a in GAMMA_SHAPES],
        "beta": [beta_fixture(a, b) for a, b in BETA_SHAPES],
        "studentT": [t_fixture(df) for df in T_DEGREES],
    }
    path = (pathlib.Path(__file__).resolve().parent.parent
            / "YesanCoreTests" / "Fixtures" / "special.json")
    path.write_text(json.dumps(fixture, indent=1, allow_nan=False) + "\n")
    flagged = []
    for key in ("cdf", "survival"):
        flagged += [("normal", key, i) for i in fixture["normal"][key + "Inaccurate"]]
    for family, keys in (("gamma", ("p", "q")), ("beta", ("p", "q")), ("studentT", ("cdf",))):
        for k, entry in enumerate(fixture[family]):
            for key in keys:
                flagged += [(family, k, key, i) for i in entry[key + "Inaccurate"]]
    print(f"wrote {path} ({len(flagged)} SciPy CDF values replaced by mpmath in the tests)")
    for item in flagged:
        entry = fixture[item[0]] if item[0] == "normal" else fixture[item[0]][item[1]]
        key, i = item[-2], item[-1]
        points = entry.get("x", entry.get("t"))
        exact = entry[key + "Mpmath"][i]
        print(f"  {item}: at {points[i]!r} SciPy {entry[key][i]!r}, mpmath {exact!r}, "
              f"rel. error {abs(entry[key][i] - exact) / exact:.2g}")


if __name__ == "__main__":
    main()
