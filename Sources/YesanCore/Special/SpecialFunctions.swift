import RealModule

/// Scalar special functions used by the distributions and statistics of the numeric core:
/// the normal CDF and quantile, the regularised incomplete gamma and beta functions and
/// their inverses, and Student's t CDF and quantile.
///
/// Every function is a pure function of its arguments (no global or cached state), so all of
/// them are safe to call concurrently from any thread. Invalid arguments give `.nan`; the
/// end points of a probability (0 and 1) map to the bounds of the support. Accuracy figures
/// in the doc comments are relative errors measured against SciPy 1.17 and mpmath (see
/// `Tests/Reference/make_special_fixtures.py` and `SpecialFunctionTests.swift`).
///
/// The members are split over `SpecialFunctions+Normal.swift`, `+Gamma.swift`, `+Beta.swift`
/// and `+StudentT.swift`; this file holds the shared numerical helpers.
package enum SpecialFunctions {}

// MARK: - Shared helpers

extension SpecialFunctions {
    /// ½·log(2π).
    static let halfLogTwoPi = 0.9189385332046728

    /// 1/√(2π).
    static let inverseSqrtTwoPi = 0.3989422804014327

    /// 2π.
    static let twoPi = 6.283185307179586

    /// Relative tolerance of the series and continued fractions: one unit in the last place.
    static let seriesEpsilon = 0x1p-53

    /// Floor that keeps the modified-Lentz continued fractions away from a division by zero.
    static let lentzTiny = 0x1p-1000

    /// Iteration cap of every series and continued fraction (never reached for sane
    /// arguments: the worst case needs a few multiples of √(shape) terms).
    static let maxIterations = 1_000_000

    /// log(1 + t) − t for |t| ≤ ½, without cancellation.
    ///
    /// With s = t/(2 + t), log(1 + t) = 2·atanh(s) = 2(s + s³/3 + s⁵/5 + …) and t − 2s = s·t, so
    /// log(1 + t) − t = −s·t + 2s³(1/3 + s²/5 + s⁴/7 + …); |s| ≤ ⅓ makes the series converge
    /// fast (≤ 16 terms), and the two leading parts never cancel by more than ~6 %.
    static func log1pMinusX(_ t: Double) -> Double {
        let s = t / (2 + t)
        let s2 = s * s
        var sum = 1.0 / 3.0
        var power = s2
        var denominator = 5.0
        while true {
            let term = power / denominator
            sum += term
            if term <= sum * seriesEpsilon { break }
            power *= s2
            denominator += 2
        }
        return -s * t + 2 * s * s2 * sum
    }

    /// log(r) − (r − 1) for r > 0: the exponent shape of the gamma and beta densities.
    /// Accurate to a few ulps everywhere, including r ≈ 1 where both terms nearly cancel.
    static func logRatioMinusLinear(_ r: Double) -> Double {
        let t = r - 1  // exact for r in [½, 2] (Sterbenz)
        if abs(t) <= 0.5 { return log1pMinusX(t) }
        return Double.log(r) - t
    }

    /// log(value/target) for value ≥ 0, target > 0: the residual of the quantile iterations.
    /// Formed from the ratio when it is a normal number, so its absolute error is a few ulps
    /// of the result rather than of |log target| (which reaches 690 for target ≈ 1e-300).
    static func logRatio(_ value: Double, _ target: Double) -> Double {
        let ratio = value / target
        if ratio.isNormal { return Double.log(ratio) }
        return Double.log(value) - Double.log(target)
    }

    /// Σ_{k≥1} u^{2k}/(2k+1) with u = 1/(2z + 1), which equals (z + ½)·log(1 + 1/z) − 1,
    /// the step δ(z) − δ(z + 1) of the Stirling correction; z ≥ 1 (so u ≤ ⅓).
    private static func stirlingStep(_ z: Double) -> Double {
        let u = 1 / (2 * z + 1)
        let u2 = u * u
        var power = u2
        var denominator = 3.0
        var sum = 0.0
        while true {
            let term = power / denominator
            sum += term
            if term <= sum * seriesEpsilon { break }
            power *= u2
            denominator += 2
        }
        return sum
    }

    /// The Stirling correction δ(a) = log Γ(a) − (a − ½)·log a + a − ½·log(2π), a > 0.
    ///
    /// Used so that the power terms of the incomplete gamma and beta functions can be formed
    /// as exp(a·(log r − r + 1)) without the catastrophic cancellation of log Γ differences
    /// for large shapes. For a ≥ 10 the asymptotic series (through the a⁻¹³ term, truncation
    /// error < 4e-17); for 1 ≤ a < 10 the exact recurrence δ(a) = δ(a + 1) + stirlingStep(a)
    /// up to a ≥ 10 (every step is free of cancellation); for a < 1 the defining formula,
    /// whose terms are all O(|log a|), so it is accurate to a few ulps of |log a|.
    static func stirlingCorrection(_ a: Double) -> Double {
        if a >= 10 {
            let r = 1 / a
            let r2 = r * r
            return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680
                - r2 * (1.0 / 1188 - r2 * (691.0 / 360_360 - r2 / 156))))))
        }
        if a >= 1 {
            var z = a
            var sum = 0.0
            while z < 10 {
                sum += stirlingStep(z)
                z += 1
            }
            return sum + stirlingCorrection(z)
        }
        return Double.logGamma(a) - (a - 0.5) * Double.log(a) + a - halfLogTwoPi
    }

    /// One Newton step for the root of an increasing f, kept inside the bracket [lower, upper]
    /// that `s` and the sign of f(s) narrow first.
    ///
    /// Large (or NaN) steps that would leave the bracket bisect it instead, or move by at most
    /// 64 while one side is still open. Tiny steps (≤ 1e-9) are the final quadratic corrections;
    /// they may not even change the rounded s, so they are not bracket-checked.
    static func bracketedNewtonStep(
        f: Double, slope: Double, at s: Double, lower: inout Double, upper: inout Double
    ) -> Double {
        if f > 0 { upper = s } else { lower = s }
        let step = -f / slope
        if abs(step) <= 1e-9 || (s + step > lower && s + step < upper) { return step }
        if lower.isFinite && upper.isFinite { return 0.5 * (lower + upper) - s }
        let limited = min(max(1, abs(s)), 64)
        return f > 0 ? -limited : limited
    }

    /// The residual f = ±log(T/target) of an inverse CDF search in s = log-scale coordinate, and
    /// its slope, on the tail that keeps precision: the lower tail T = P when `lower`, else the
    /// upper tail T = Q (with the sign flipped so that f increases with s).
    static func logResidual(
        p: Double, q: Double, powerTerm: Double, target: Double, lower: Bool
    ) -> (f: Double, slope: Double) {
        lower ? (logRatio(p, target), powerTerm / p) : (-logRatio(q, target), powerTerm / q)
    }
}
