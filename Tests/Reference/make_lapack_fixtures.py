#!/usr/bin/env python3
"""Write Tests/YesanCoreTests/Fixtures/lapack.json, the reference values for YesanCore's
linear-algebra layer (Tests/YesanCoreTests/LinearAlgebraTests.swift).

Run from anywhere:  python3 Tests/Reference/make_lapack_fixtures.py
Generated with Python 3.11, NumPy 2.4.6, SciPy 1.17 (NumPy/SciPy link OpenBLAS, while
yesan links Debian's reference LAPACK, so agreement is to rounding, not bit-for-bit).
Every float is written with ``repr`` precision (shortest round-trip), so the JSON holds
the exact IEEE-754 doubles.

Exactly which calls produce which value
---------------------------------------
cholesky[*].l
    ``np.linalg.cholesky(A)`` (lower factor, strict upper triangle zero).
cholesky[*].lHighPrecision
    The same factor computed in 60-digit arithmetic (``mpmath``, the textbook column
    algorithm) and rounded once to doubles.  For the nearly singular cases the forward
    error of any double-precision Cholesky grows like cond(A) * eps, and
    ``numpyVsHighPrecision`` records how far NumPy's factor is from this one
    (4e-11 relative for corr4_near_singular, cond(A) = 2.5e6).
choleskyFailures[*].leadingMinor
    ``scipy.linalg.lapack.dpotrf(A, lower=1)[1]`` -- LAPACK's ``info``, the 1-based order
    of the first leading minor that is not positive definite. ``np.linalg.cholesky`` is
    also checked to raise ``LinAlgError``.
eigen[*].values, eigen[*].vectors
    ``w, V = np.linalg.eigh(A)`` (ascending eigenvalues, eigenvectors in columns; the
    sign of each eigenvector is arbitrary, so tests compare up to sign, and only when
    ``distinctEigenvalues`` -- otherwise the eigenbasis itself is not unique).
nearestCorrelation[*].result
    SPEC 3.3's repair, literally::

        w, V = np.linalg.eigh(R)
        A = V @ np.diag(np.maximum(w, floor)) @ V.T
        A = A / np.sqrt(np.outer(np.diag(A), np.diag(A)))

    followed by ``np.fill_diagonal(A, 1.0)`` and ``A = (A + A.T) / 2`` (the exact unit
    diagonal and exact symmetry that yesan's implementation also enforces).
leastSquares[*].numpy
    ``beta = np.linalg.lstsq(X, y, rcond=None)[0]``; ``fitted = X @ beta``;
    ``residuals = y - fitted``; ``rss = residuals @ residuals``;
    ``Q, R = scipy.linalg.qr(X, mode="economic")``;
    ``Rinv = scipy.linalg.solve_triangular(R, np.eye(p))``;
    ``unscaledCovariance = Rinv @ Rinv.T`` (i.e. (X'X)^-1 from the R factor);
    ``unscaledCovarianceViaInv = np.linalg.inv(X.T @ X)`` (kept only for comparison);
    ``leverage = x0 @ unscaledCovariance @ x0``; ``prediction = x0 @ beta``.
leastSquares[*].exact
    The same quantities computed EXACTLY in rational arithmetic (``fractions.Fraction``;
    the inputs are doubles, hence rationals) and rounded once to the nearest double:
    (X'X)^-1 by Gauss-Jordan elimination, beta = (X'X)^-1 X'y, fitted = X beta,
    residuals = y - fitted, rss = sum(residuals^2), leverage = x0' (X'X)^-1 x0,
    prediction = x0' beta.
    These are the correctly rounded answers.  With calendar years as a regressor the
    design is badly conditioned (cond(X) ~ 3e6), and NumPy's floating-point answers
    differ from these by more than 1e-12 in some quantities (e.g. fitted values, whose
    intercept term cancels ~3e6 against b*year); ``numpyVsExact`` records that
    discrepancy per quantity so that the tests can state it instead of hiding it.
leastSquaresFailures
    Designs that must be rejected: n < p (``underdetermined``), and exactly collinear
    columns (``rankDeficient``; ``np.linalg.matrix_rank(X) < p`` is asserted here).
"""

from __future__ import annotations

import json
import math
import pathlib
from fractions import Fraction

import mpmath
import numpy as np
import scipy
import scipy.linalg
import scipy.linalg.lapack

OUT = pathlib.Path(__file__).resolve().parents[1] / "YesanCoreTests" / "Fixtures" / "lapack.json"


def mat(a) -> list[list[float]]:
    return [[float(v) for v in row] for row in np.asarray(a, dtype=float)]


def vec(v) -> list[float]:
    return [float(x) for x in np.asarray(v, dtype=float)]


def corr_from_rng(seed: int, n: int, k: int, mix: float) -> np.ndarray:
    """A correlation matrix of k correlated Gaussian columns (n draws)."""
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((n, k))
    common = rng.standard_normal((n, 1))
    data = z + mix * common
    return np.corrcoef(data, rowvar=False)


# --------------------------------------------------------------------------- Cholesky
def cholesky_high_precision(a: np.ndarray, digits: int = 60) -> list[list[float]]:
    """The Cholesky factor of the double matrix `a`, computed with `digits` significant
    decimal digits (mpmath) and rounded once to doubles: the correctly rounded factor."""
    with mpmath.workdps(digits):
        n = a.shape[0]
        A = [[mpmath.mpf(float(v)) for v in row] for row in a]
        L = [[mpmath.mpf(0)] * n for _ in range(n)]
        for j in range(n):
            L[j][j] = mpmath.sqrt(A[j][j] - sum(L[j][k] ** 2 for k in range(j)))
            for i in range(j + 1, n):
                L[i][j] = (A[i][j] - sum(L[i][k] * L[j][k] for k in range(j))) / L[j][j]
        return [[float(v) for v in row] for row in L]


def cholesky_cases() -> list[dict]:
    cases = {
        "corr2": np.array([[1.0, 0.5], [0.5, 1.0]]),
        "corr3": np.array([[1.0, 0.6, 0.3], [0.6, 1.0, 0.5], [0.3, 0.5, 1.0]]),
        "corr4_budget": np.array(
            [
                [1.0, 0.35, -0.2, 0.1],
                [0.35, 1.0, 0.45, -0.15],
                [-0.2, 0.45, 1.0, 0.25],
                [0.1, -0.15, 0.25, 1.0],
            ]
        ),
        "corr5_rng": corr_from_rng(20240501, 40, 5, 0.8),
        "corr6_rng": corr_from_rng(7, 60, 6, 1.5),
        # Equicorrelation 0.999: smallest eigenvalue 0.001, cond ~ 3e3.
        "corr3_near_singular": np.array(
            [[1.0, 0.999, 0.999], [0.999, 1.0, 0.999], [0.999, 0.999, 1.0]]
        ),
        # Nearly collinear columns: smallest eigenvalue ~ 1e-6.
        "corr4_near_singular": corr_from_rng(11, 30, 4, 800.0),
        # A covariance (not a correlation) on the scale of budget amounts (won^2 / 1e6).
        "cov3_scaled": np.array(
            [[4.0e6, 1.2e6, -3.0e5], [1.2e6, 9.0e6, 2.0e6], [-3.0e5, 2.0e6, 2.5e6]]
        ),
    }
    out = []
    for name, a in cases.items():
        a = (a + a.T) / 2
        w = np.linalg.eigvalsh(a)
        assert w[0] > 0, name
        l = np.linalg.cholesky(a)
        exact = cholesky_high_precision(a)
        out.append(
            {
                "name": name,
                "a": mat(a),
                "l": mat(l),
                "lHighPrecision": exact,
                "numpyVsHighPrecision": max_rel(l, exact),
                "minEigenvalue": float(w[0]),
                "conditionNumber": float(np.linalg.cond(a)),
            }
        )
    return out


def cholesky_failures() -> list[dict]:
    cases = {
        "indefinite3": np.array([[1.0, 0.9, -0.9], [0.9, 1.0, 0.9], [-0.9, 0.9, 1.0]]),
        "indefinite2": np.array([[1.0, 2.0], [2.0, 1.0]]),
        "negativeFirst": np.array([[-1.0, 0.0], [0.0, 1.0]]),
        # Leading 3x3 minor positive definite, the 4x4 not.
        "indefinite4_at4": np.array(
            [
                [1.0, 0.8, 0.0, 0.9],
                [0.8, 1.0, 0.0, -0.9],
                [0.0, 0.0, 1.0, 0.0],
                [0.9, -0.9, 0.0, 1.0],
            ]
        ),
    }
    out = []
    for name, a in cases.items():
        info = int(scipy.linalg.lapack.dpotrf(a, lower=1)[1])
        assert info > 0, name
        try:
            np.linalg.cholesky(a)
        except np.linalg.LinAlgError:
            pass
        else:
            raise AssertionError(f"{name}: numpy accepted an indefinite matrix")
        out.append({"name": name, "a": mat(a), "leadingMinor": info})
    return out


# --------------------------------------------------------------------------- eigen
def eigen_cases() -> list[dict]:
    rng = np.random.default_rng(314159)
    b = rng.standard_normal((5, 5))
    cases = {
        "corr3": np.array([[1.0, 0.6, 0.3], [0.6, 1.0, 0.5], [0.3, 0.5, 1.0]]),
        "indefinite3": np.array([[1.0, 0.9, -0.9], [0.9, 1.0, 0.9], [-0.9, 0.9, 1.0]]),
        "sym4_mixed_sign": np.array(
            [
                [4.0, 1.0, -2.0, 0.5],
                [1.0, -3.0, 0.0, 2.0],
                [-2.0, 0.0, 1.0, 1.5],
                [0.5, 2.0, 1.5, 0.25],
            ]
        ),
        "sym5_rng": (b + b.T) / 2,
        "corr6_rng": corr_from_rng(7, 60, 6, 1.5),
        "cov3_scaled": np.array(
            [[4.0e6, 1.2e6, -3.0e5], [1.2e6, 9.0e6, 2.0e6], [-3.0e5, 2.0e6, 2.5e6]]
        ),
        "one_by_one": np.array([[2.5]]),
    }
    out = []
    for name, a in cases.items():
        w, v = np.linalg.eigh(a)
        gaps = np.diff(w)
        # Eigenvectors are unique up to sign only for simple eigenvalues; with a repeated
        # eigenvalue (indefinite3 has 1.9 twice) the tests check V diag(w) V' = A instead.
        distinct = bool(len(gaps) == 0 or gaps.min() > 1e-6 * max(1.0, abs(w).max()))
        out.append(
            {"name": name, "a": mat(a), "values": vec(w), "vectors": mat(v), "distinctEigenvalues": distinct}
        )
    return out


# --------------------------------------------------------------------------- nearest correlation
def nearest_correlation(r: np.ndarray, floor: float) -> np.ndarray:
    w, V = np.linalg.eigh(r)
    A = V @ np.diag(np.maximum(w, floor)) @ V.T
    A = A / np.sqrt(np.outer(np.diag(A), np.diag(A)))
    np.fill_diagonal(A, 1.0)
    return (A + A.T) / 2


def nearest_correlation_cases() -> list[dict]:
    cases = [
        ("indefinite3", np.array([[1.0, 0.9, -0.9], [0.9, 1.0, 0.9], [-0.9, 0.9, 1.0]]), 1e-6),
        (
            "indefinite4_user",
            np.array(
                [
                    [1.0, 0.9, 0.7, -0.6],
                    [0.9, 1.0, -0.3, 0.5],
                    [0.7, -0.3, 1.0, 0.8],
                    [-0.6, 0.5, 0.8, 1.0],
                ]
            ),
            1e-6,
        ),
        ("indefinite3_floor_1e-3", np.array([[1.0, 0.9, -0.9], [0.9, 1.0, 0.9], [-0.9, 0.9, 1.0]]), 1e-3),
        ("already_pd_corr3", np.array([[1.0, 0.6, 0.3], [0.6, 1.0, 0.5], [0.3, 0.5, 1.0]]), 1e-6),
    ]
    out = []
    for name, r, floor in cases:
        a = nearest_correlation(r, floor)
        w = np.linalg.eigvalsh(a)
        assert w[0] > 0, name
        np.linalg.cholesky(a)
        out.append(
            {
                "name": name,
                "r": mat(r),
                "floor": floor,
                "result": mat(a),
                "inputMinEigenvalue": float(np.linalg.eigvalsh(r)[0]),
                "resultMinEigenvalue": float(w[0]),
            }
        )
    return out


# --------------------------------------------------------------------------- least squares
def exact_inverse(m: list[list[Fraction]]) -> list[list[Fraction]]:
    n = len(m)
    a = [row[:] + [Fraction(int(i == j)) for j in range(n)] for i, row in enumerate(m)]
    for c in range(n):
        piv = next(r for r in range(c, n) if a[r][c] != 0)
        a[c], a[piv] = a[piv], a[c]
        inv = 1 / a[c][c]
        a[c] = [v * inv for v in a[c]]
        for r in range(n):
            if r != c and a[r][c] != 0:
                f = a[r][c]
                a[r] = [v - f * w for v, w in zip(a[r], a[c])]
    return [row[n:] for row in a]


def exact_least_squares(x: np.ndarray, y: np.ndarray, x0s: list[list[float]]) -> dict:
    n, p = x.shape
    X = [[Fraction(float(v)) for v in row] for row in x]
    Y = [Fraction(float(v)) for v in y]
    xtx = [[sum(X[k][i] * X[k][j] for k in range(n)) for j in range(p)] for i in range(p)]
    c = exact_inverse(xtx)
    xty = [sum(X[k][i] * Y[k] for k in range(n)) for i in range(p)]
    beta = [sum(c[i][j] * xty[j] for j in range(p)) for i in range(p)]
    fitted = [sum(X[k][j] * beta[j] for j in range(p)) for k in range(n)]
    resid = [Y[k] - fitted[k] for k in range(n)]
    rss = sum(r * r for r in resid)
    lev, pred = [], []
    for x0 in x0s:
        f0 = [Fraction(float(v)) for v in x0]
        lev.append(sum(f0[i] * c[i][j] * f0[j] for i in range(p) for j in range(p)))
        pred.append(sum(f0[i] * beta[i] for i in range(p)))
    return {
        "coefficients": [float(v) for v in beta],
        "residuals": [float(v) for v in resid],
        "fitted": [float(v) for v in fitted],
        "residualSumOfSquares": float(rss),
        "unscaledCovariance": [[float(v) for v in row] for row in c],
        "leverage": [float(v) for v in lev],
        "prediction": [float(v) for v in pred],
    }


def numpy_least_squares(x: np.ndarray, y: np.ndarray, x0s: list[list[float]]) -> dict:
    p = x.shape[1]
    beta = np.linalg.lstsq(x, y, rcond=None)[0]
    fitted = x @ beta
    resid = y - fitted
    _, r = scipy.linalg.qr(x, mode="economic")
    rinv = scipy.linalg.solve_triangular(r, np.eye(p))
    cov = rinv @ rinv.T
    return {
        "coefficients": vec(beta),
        "residuals": vec(resid),
        "fitted": vec(fitted),
        "residualSumOfSquares": float(resid @ resid),
        "unscaledCovariance": mat(cov),
        "unscaledCovarianceViaInv": mat(np.linalg.inv(x.T @ x)),
        "leverage": [float(np.asarray(x0) @ cov @ np.asarray(x0)) for x0 in x0s],
        "prediction": [float(np.asarray(x0) @ beta) for x0 in x0s],
    }


def max_rel(a, b, scale: float | None = None) -> float:
    """Largest |a - b| / |b|; references below 1e-8 * scale are judged against scale
    (default: the largest |b|), so that exact zeros do not divide by zero."""
    a = np.asarray(a, dtype=float).ravel()
    b = np.asarray(b, dtype=float).ravel()
    if scale is None:
        scale = float(np.abs(b).max())
    scale = max(scale, 1e-300)
    err = 0.0
    for u, v in zip(a, b):
        if u == v:
            continue
        denom = abs(v) if abs(v) > 1e-8 * scale else scale
        err = max(err, abs(u - v) / denom)
    return err


def design(cols: list) -> np.ndarray:
    return np.column_stack([np.asarray(c, dtype=float) for c in cols])


def least_squares_cases() -> list[dict]:
    years5 = np.arange(2018, 2023, dtype=float)
    years10 = np.arange(2013, 2023, dtype=float)
    years8 = np.arange(2015, 2023, dtype=float)
    rng = np.random.default_rng(2718)
    cases = [
        (
            "line5_years",
            "y = a + b*year, years 2018..2022 (raw calendar years)",
            design([np.ones(5), years5]),
            np.array([102.3, 104.1, 107.9, 109.2, 113.0]),
            [[1.0, 2023.0], [1.0, 2020.0], [1.0, 2030.0]],
        ),
        (
            "line10_years",
            "y = a + b*year, years 2013..2022 (raw calendar years)",
            design([np.ones(10), years10]),
            np.array([3120.5, 3244.0, 3301.25, 3489.0, 3612.75, 3598.5, 3811.0, 3950.25, 4102.0, 4177.5]),
            [[1.0, 2023.0], [1.0, 2017.5], [1.0, 2025.0]],
        ),
        (
            "goyang_gukbi",
            "고양시-like 국비 (national subsidy, million won) on years 2018..2022",
            design([np.ones(5), years5]),
            np.array([6404.0, 7384.0, 9001.0, 11248.0, 12064.0]),
            [[1.0, 2023.0], [1.0, 2024.0], [1.0, 2020.0]],
        ),
        (
            "design3_year_cpi",
            "intercept, calendar year 2015..2022 and a CPI-like index",
            design(
                [
                    np.ones(8),
                    years8,
                    [94.1, 95.0, 96.8, 98.3, 99.7, 100.2, 102.7, 107.9],
                ]
            ),
            np.array([1510.0, 1583.5, 1702.25, 1768.0, 1841.5, 1920.0, 2055.75, 2248.0]),
            [[1.0, 2023.0, 111.6], [1.0, 2018.5, 98.8]],
        ),
        (
            "exact_line_years",
            "y = 250 + 12.5*year exactly (residuals are exactly zero)",
            design([np.ones(5), years5]),
            250.0 + 12.5 * years5,
            [[1.0, 2023.0]],
        ),
        (
            "no_intercept_rng",
            "12 x 3 well-conditioned random design without an intercept column",
            rng.standard_normal((12, 3)),
            rng.standard_normal(12),
            [[0.5, -1.0, 2.0]],
        ),
        (
            "square_2x2",
            "n == p (zero degrees of freedom, exact interpolation)",
            design([[1.0, 1.0], [2019.0, 2021.0]]),
            np.array([10.0, 14.0]),
            [[1.0, 2020.0]],
        ),
    ]
    out = []
    for name, description, x, y, x0s in cases:
        n, p = x.shape
        ex = exact_least_squares(x, y, x0s)
        nu = numpy_least_squares(x, y, x0s)
        out.append(
            {
                "name": name,
                "description": description,
                "x": mat(x),
                "y": vec(y),
                "degreesOfFreedom": n - p,
                "conditionNumber": float(np.linalg.cond(x)),
                "x0": [vec(v) for v in x0s],
                "exact": ex,
                "numpy": nu,
                # Residuals (and their sum of squares) can be exactly zero; they are
                # judged against max|y| (resp. max|y|^2) when below 1e-8 of that.
                "numpyVsExact": {
                    "coefficients": max_rel(nu["coefficients"], ex["coefficients"]),
                    "residuals": max_rel(nu["residuals"], ex["residuals"], float(np.abs(y).max())),
                    "fitted": max_rel(nu["fitted"], ex["fitted"]),
                    "residualSumOfSquares": max_rel(
                        nu["residualSumOfSquares"], ex["residualSumOfSquares"], float(np.abs(y).max()) ** 2
                    ),
                    "unscaledCovariance": max_rel(nu["unscaledCovariance"], ex["unscaledCovariance"]),
                    "leverage": max_rel(nu["leverage"], ex["leverage"]),
                    "prediction": max_rel(nu["prediction"], ex["prediction"]),
                },
            }
        )
    return out


def least_squares_failures() -> list[dict]:
    years5 = np.arange(2018, 2023, dtype=float)
    cases = [
        ("underdetermined_2x3", design([[1.0, 1.0], [2018.0, 2019.0], [3.0, 5.0]]), [1.0, 2.0], "underdetermined"),
        ("collinear_2x_year", design([np.ones(5), years5, 2.0 * years5]), [1.0, 2.0, 3.0, 5.0, 4.0], "rankDeficient"),
        ("two_intercepts", design([np.ones(5), np.ones(5), years5]), [1.0, 2.0, 3.0, 5.0, 4.0], "rankDeficient"),
        ("zero_column", design([np.ones(5), np.zeros(5)]), [1.0, 2.0, 3.0, 5.0, 4.0], "rankDeficient"),
        (
            "collinear_sum",
            design([[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [0.5, 0.25, 2.0, 1.0, 3.0, 0.75], [1.5, 2.25, 5.0, 5.0, 8.0, 6.75]]),
            [1.0, 0.0, 2.0, 1.0, 3.0, 2.0],
            "rankDeficient",
        ),
    ]
    out = []
    for name, x, y, kind in cases:
        n, p = x.shape
        if kind == "rankDeficient":
            assert np.linalg.matrix_rank(x) < p, name
        else:
            assert n < p, name
        out.append({"name": name, "x": mat(x), "y": vec(y), "error": kind})
    return out


def main() -> None:
    fixture = {
        "generator": "Tests/Reference/make_lapack_fixtures.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "cholesky": cholesky_cases(),
        "choleskyFailures": cholesky_failures(),
        "eigen": eigen_cases(),
        "nearestCorrelation": nearest_correlation_cases(),
        "leastSquares": least_squares_cases(),
        "leastSquaresFailures": least_squares_failures(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(fixture, indent=1, ensure_ascii=False, allow_nan=False)
    OUT.write_text(text + "\n", encoding="utf-8")
    for case in fixture["leastSquares"]:
        worst = {k: f"{v:.2e}" for k, v in case["numpyVsExact"].items()}
        print(f"{case['name']:<20} cond={case['conditionNumber']:.2e} numpy-vs-exact {worst}")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
