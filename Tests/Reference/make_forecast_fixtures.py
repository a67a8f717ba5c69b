#!/usr/bin/env python3
"""Write Tests/YesanCoreTests/Fixtures/forecast.json, the statsmodels reference values for
`yesan forecast`'s linear and loglinear trends (Tests/YesanCoreTests/ForecastTests.swift).

Run from anywhere:  python3 Tests/Reference/make_forecast_fixtures.py
Generated with Python 3.11, NumPy 2.4.6, statsmodels 0.15 (``pip install statsmodels``).
Every float is written with ``repr`` precision (shortest round-trip).

Exactly which calls produce which value (SPEC 8: the regressor is the calendar year itself)
------------------------------------------------------------------------------------------
For each case, with ``year`` the observed calendar years as floats and ``y`` the values
(``np.log(values)`` for loglinear)::

    X = sm.add_constant(year)                      # columns [1, year]
    res = sm.OLS(y, X).fit()
    params    = res.params                         # [intercept, slope]
    se        = res.bse                            # sqrt(diag((X'X)^-1 * s^2))
    sigma     = np.sqrt(res.scale)                 # s = sqrt(RSS / (n - 2))
    fitted    = res.fittedvalues
    Xnew = sm.add_constant(future, has_constant="add")   # future = T+1 .. T+horizon
    frame = res.get_prediction(Xnew).summary_frame(alpha=1 - level)
    point = frame["mean"]; lo = frame["obs_ci_lower"]; hi = frame["obs_ci_upper"]

For loglinear, ``fitted``, ``point``, ``lo`` and ``hi`` are then exponentiated (``np.exp``);
params, se and sigma stay on the log scale.
"""

from __future__ import annotations

import json
import pathlib

import numpy as np
import statsmodels
import statsmodels.api as sm

OUT = pathlib.Path(__file__).resolve().parents[1] / "YesanCoreTests" / "Fixtures" / "forecast.json"
LEVELS = [0.8, 0.95]
HORIZON = 5

# 고양시 2018-2022 planned investment (백만원), from Scenarios/history/goyang-2018-2022.csv
# (seed /work/shared/seeds/002_0285584e826e3ee6.txt), and a few synthetic series.
CASES = [
    ("goyang_시비", list(range(2018, 2023)), [830.0, 1418.0, 1417.0, 1487.0, 1561.0]),
    ("goyang_도비", list(range(2018, 2023)), [279.0, 317.0, 312.0, 327.0, 343.0]),
    ("goyang_계", list(range(2018, 2023)), [1109.0, 1735.0, 1729.0, 1814.0, 1904.0]),
    ("goyang_시비_확보", list(range(2018, 2022)), [1531.0, 1419.0, 1420.0, 1391.0]),
    ("three_points", [2020, 2021, 2022], [100.0, 104.0, 109.5]),
    ("ten_years_gap", [2010, 2011, 2012, 2013, 2015, 2016, 2017, 2018, 2019, 2020],
     [3120.5, 3244.0, 3301.25, 3489.0, 3612.75, 3598.5, 3811.0, 3950.25, 4102.0, 4177.5]),
    ("decline", list(range(2015, 2023)), [176.0, 170.0, 151.0, 149.0, 120.0, 101.0, 88.0, 57.0]),
]


def fit(year: np.ndarray, y: np.ndarray, log: bool) -> dict:
    X = sm.add_constant(year)
    res = sm.OLS(y, X).fit()
    future = np.arange(year[-1] + 1, year[-1] + 1 + HORIZON, dtype=float)
    Xnew = sm.add_constant(future, has_constant="add")
    tr = np.exp if log else (lambda v: v)
    forecast = {"year": [int(v) for v in future]}
    for level in LEVELS:
        frame = res.get_prediction(Xnew).summary_frame(alpha=1 - level)
        forecast["point"] = [float(v) for v in tr(np.asarray(frame["mean"]))]
        label = f"{level * 100:g}"
        forecast[f"lo{label}"] = [float(v) for v in tr(np.asarray(frame["obs_ci_lower"]))]
        forecast[f"hi{label}"] = [float(v) for v in tr(np.asarray(frame["obs_ci_upper"]))]
    return {
        "params": [float(v) for v in res.params],
        "se": [float(v) for v in res.bse],
        "sigma": float(np.sqrt(res.scale)),
        "fitted": [float(v) for v in tr(np.asarray(res.fittedvalues))],
        "forecast": forecast,
    }


def main() -> None:
    cases = []
    for name, years, values in CASES:
        year = np.asarray(years, dtype=float)
        v = np.asarray(values, dtype=float)
        cases.append({
            "name": name,
            "years": years,
            "values": values,
            "linear": fit(year, v, log=False),
            "loglinear": fit(year, np.log(v), log=True),
        })
    fixture = {
        "generator": "Tests/Reference/make_forecast_fixtures.py",
        "numpy": np.__version__,
        "statsmodels": statsmodels.__version__,
        "levels": LEVELS,
        "horizon": HORIZON,
        "cases": cases,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1, ensure_ascii=False, allow_nan=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
