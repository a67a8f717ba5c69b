#!/usr/bin/env python3
"""Writes Tests/YesanCoreTests/Fixtures/distributions.json: SciPy's ppf and cdf of every family.

Each case names a yesan family and the parameters as a scenario would write them (SPEC 3.2), the
canonical SciPy distribution they stand for, and its `ppf(u)` on the grid U and `cdf(x)` at those
quantiles. The SPEC 3.2 conversions, done here in Python exactly as SPEC 3.2 states them:
  normal ci90 [lo, hi]      -> scipy.stats.norm(loc=(lo+hi)/2, scale=(hi-lo)/(2*z95)), z95 = norm.ppf(0.95)
  lognormal mu, sigma       -> scipy.stats.lognorm(s=sigma, scale=exp(mu))
  lognormal mean m, sd s    -> sigma^2 = log1p(s^2/m^2), mu = log(m) - sigma^2/2
  lognormal ci90 [lo, hi]   -> the normal ci90 rule on log(lo), log(hi)
  uniform min, max          -> scipy.stats.uniform(loc=min, scale=max-min)
  triangular min, mode, max -> scipy.stats.triang(c=(mode-min)/(max-min), loc=min, scale=max-min)
  pert min, mode, max, lam  -> scipy.stats.beta(1+lam(mode-min)/(max-min), 1+lam(max-mode)/(max-min), loc=min, scale=max-min)
  beta mean m, sd s         -> nu = m(1-m)/s^2 - 1, beta(m nu, (1-m) nu)
  gamma shape, scale        -> scipy.stats.gamma(a=shape, scale=scale)
  gamma mean m, sd s        -> shape = (m/s)^2, scale = s^2/m

    python3 Tests/Reference/make_distribution_fixtures.py      # SciPy 1.17, NumPy 2.4
"""
import json
import math
from pathlib import Path

from scipy import stats

U = [1e-12, 1e-9, 1e-6, 1e-4, 1e-3, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999,
     1 - 1e-4, 1 - 1e-6, 1 - 1e-9, 1 - 1e-12]
Z95 = float(stats.norm.ppf(0.95))


def case(name, family, params, frozen):
    ppf = [float(frozen.ppf(u)) for u in U]
    return {"name": name, "family": family, "params": params, "ppf": ppf,
            "cdf_at_ppf": [float(frozen.cdf(x)) for x in ppf],
            "mean": float(frozen.mean()), "variance": float(frozen.var())}


def lognormal_from_mean_sd(m, s):
    s2 = math.log1p((s / m) ** 2)
    return math.log(m) - s2 / 2, math.sqrt(s2)


def pert(lo, mode, hi, lam=4.0):
    w = hi - lo
    return stats.beta(1 + lam * (mode - lo) / w, 1 + lam * (hi - mode) / w, loc=lo, scale=w)


def main():
    cases = []
    cases.append(case("normal wage growth", "normal", {"mean": 0.035, "sd": 0.01}, stats.norm(0.035, 0.01)))
    cases.append(case("normal budget", "normal", {"mean": 1800.0, "sd": 150.0}, stats.norm(1800.0, 150.0)))
    lo, hi = 0.01, 0.05
    cases.append(case("normal ci90", "normal", {"ci90": [lo, hi]}, stats.norm((lo + hi) / 2, (hi - lo) / (2 * Z95))))
    cases.append(case("lognormal mu sigma", "lognormal", {"mu": 2.0, "sigma": 0.5}, stats.lognorm(0.5, scale=math.exp(2.0))))
    mu, sigma = lognormal_from_mean_sd(14.2, 1.5)
    cases.append(case("lognormal mean sd (unit cost)", "lognormal", {"mean": 14.2, "sd": 1.5}, stats.lognorm(sigma, scale=math.exp(mu))))
    a, b = math.log(800.0), math.log(1300.0)
    cases.append(case("lognormal ci90", "lognormal", {"ci90": [800.0, 1300.0]},
                      stats.lognorm((b - a) / (2 * Z95), scale=math.exp((a + b) / 2))))
    cases.append(case("uniform", "uniform", {"min": 0.2, "max": 0.6}, stats.uniform(0.2, 0.4)))
    cases.append(case("triangular", "triangular", {"min": 0.0, "mode": 0.3, "max": 1.0}, stats.triang(0.3, loc=0.0, scale=1.0)))
    cases.append(case("triangular shifted", "triangular", {"min": 100.0, "mode": 180.0, "max": 400.0},
                      stats.triang(80 / 300, loc=100.0, scale=300.0)))
    cases.append(case("pert", "pert", {"min": 0.0, "mode": 0.35, "max": 1.0}, pert(0.0, 0.35, 1.0)))
    cases.append(case("pert lambda 6", "pert", {"min": 500.0, "mode": 650.0, "max": 1200.0, "lambda": 6.0},
                      pert(500.0, 650.0, 1200.0, 6.0)))
    cases.append(case("beta alpha beta", "beta", {"alpha": 2.0, "beta": 5.0}, stats.beta(2.0, 5.0)))
    cases.append(case("beta U-shaped", "beta", {"alpha": 0.5, "beta": 0.5}, stats.beta(0.5, 0.5)))
    m, s = 0.92, 0.03
    nu = m * (1 - m) / s ** 2 - 1
    cases.append(case("beta mean sd (execution)", "beta", {"mean": m, "sd": s}, stats.beta(m * nu, (1 - m) * nu)))
    m, s = 0.30, 0.06
    nu = m * (1 - m) / s ** 2 - 1
    cases.append(case("beta mean sd (placement)", "beta", {"mean": m, "sd": s}, stats.beta(m * nu, (1 - m) * nu)))
    cases.append(case("gamma shape scale", "gamma", {"shape": 2.5, "scale": 3.0}, stats.gamma(2.5, scale=3.0)))
    cases.append(case("gamma small shape", "gamma", {"shape": 0.4, "scale": 1.0}, stats.gamma(0.4, scale=1.0)))
    m, s = 100.0, 10.0
    cases.append(case("gamma mean sd", "gamma", {"mean": m, "sd": s}, stats.gamma((m / s) ** 2, scale=s * s / m)))
    out = {"u": U, "z95": Z95, "cases": cases}
    path = Path(__file__).resolve().parent.parent / "YesanCoreTests" / "Fixtures" / "distributions.json"
    path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
