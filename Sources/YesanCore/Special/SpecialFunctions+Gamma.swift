import RealModule

extension SpecialFunctions {
    // MARK: Public entry points

    /// Regularised lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a).
    ///
    /// Power series for x < a + 1, Legendre's continued fraction for Q otherwise (evaluated
    /// with the modified Lentz method); the factor xᵃe⁻ˣ/Γ(a) is formed as
    /// exp(a·(log(x/a) − x/a + 1) − δ(a))·√(a/2π) with the Stirling correction δ, which
    /// avoids the cancellation of log Γ(a) against a·log x for large a.
    ///
    /// - Parameters:
    ///   - a: shape, a > 0 and finite.
    ///   - x: point, x ≥ 0 (x = +∞ gives 1).
    /// - Returns: P(a, x), or NaN for invalid arguments. Accuracy: ~1e-14 relative or better
    ///   (worst measured 2e-14 against mpmath for a ≤ 400), including the lower tail.
    package static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
        guard a > 0, a.isFinite, x >= 0 else { return .nan }
        return incompleteGamma(a, x).p
    }

    /// Regularised upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a) = 1 − P(a, x).
    ///
    /// - Parameters:
    ///   - a: shape, a > 0 and finite.
    ///   - x: point, x ≥ 0.
    /// - Returns: Q(a, x), relatively accurate when small (upper tail computed directly by
    ///   the continued fraction, not as 1 − P), or NaN for invalid arguments.
    ///   Accuracy: ~1e-14 relative or better.
    package static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        guard a > 0, a.isFinite, x >= 0 else { return .nan }
        return incompleteGamma(a, x).q
    }

    /// Inverse of the regularised lower incomplete gamma function: x with P(a, x) = p.
    ///
    /// Starting guess: the small-x power law x ≈ (p·Γ(a + 1))^{1/a} in the lower tail, the
    /// Wilson–Hilferty cube for a ≥ 1, the large-x asymptote Q ≈ x^{a−1}e⁻ˣ/Γ(a) in the upper
    /// tail for a < 1. Then Newton's method on log P(a, x) − log p (lower half) or
    /// log Q(a, x) − log(1 − p) (upper half, 1 − p is exact there) as functions of log x,
    /// safeguarded by a bracket and bisection, until the relative step is below ~1e-15.
    ///
    /// - Parameters:
    ///   - a: shape, a > 0 and finite.
    ///   - p: probability in [0, 1]; 0 gives 0, 1 gives +∞.
    /// - Returns: the quantile, or NaN for invalid arguments. Accuracy: ~1e-15 relative
    ///   (limited only by the conditioning of P and Q), in both tails.
    package static func inverseRegularizedGammaP(_ a: Double, _ p: Double) -> Double {
        guard a > 0, a.isFinite, p >= 0, p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        return inverseIncompleteGamma(a, p: p, q: 1 - p)
    }

    // MARK: Implementation

    /// xᵃe⁻ˣ/Γ(a) (= x times the gamma density), for a > 0, x > 0.
    ///
    /// For a < 100, directly as pow(x, a)·exp(−x)/Γ(a) when every factor is a normal
    /// number (each is within a few ulps, so the product is too). Otherwise — large a, or
    /// intermediate over/underflow — as exp(a·(log r − r + 1) − δ(a))·√(a/2π) with r = x/a,
    /// whose error is a few ulps of the exponent.
    static func gammaPowerTerm(_ a: Double, _ x: Double) -> Double {
        if a < 100 {
            let power = Double.pow(x, a)
            let decay = Double.exp(-x)
            if power.isNormal && decay.isNormal {
                let direct = power * decay / Double.gamma(a)
                if direct.isNormal { return direct }
            }
        }
        let r = x / a
        let exponent: Double
        if r.isNormal {
            exponent = a * logRatioMinusLinear(r)
        } else {
            exponent = a * (Double.log(x) - Double.log(a)) - x + a
        }
        return Double.exp(exponent - stirlingCorrection(a)) * (a / twoPi).squareRoot()
    }

    /// (P(a, x), Q(a, x), xᵃe⁻ˣ/Γ(a)) for a > 0 finite and x ≥ 0.
    static func incompleteGamma(_ a: Double, _ x: Double) -> (p: Double, q: Double, powerTerm: Double) {
        if x == 0 { return (0, 1, 0) }
        if x == .infinity { return (1, 0, 0) }
        let powerTerm = gammaPowerTerm(a, x)
        if x < a + 1 {
            // P = xᵃe⁻ˣ/Γ(a+1) · Σ_{n≥0} xⁿ/((a+1)…(a+n)); all terms positive, ratio < 1.
            var sum = 1.0
            var term = 1.0
            var denominator = a
            for _ in 0..<maxIterations {
                denominator += 1
                term *= x / denominator
                sum += term
                if term <= sum * seriesEpsilon { break }
            }
            let p = powerTerm / a * sum
            return (p, 1 - p, powerTerm)
        }
        // Q = xᵃe⁻ˣ/Γ(a) · 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− …))), modified Lentz.
        var b = x + 1 - a
        var c = 1 / lentzTiny
        var d = 1 / b
        var h = d
        for i in 1...maxIterations {
            let n = Double(i)
            let an = -n * (n - a)
            b += 2
            d = an * d + b
            if abs(d) < lentzTiny { d = lentzTiny }
            c = b + an / c
            if abs(c) < lentzTiny { c = lentzTiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= seriesEpsilon { break }
        }
        let q = powerTerm * h
        return (1 - q, q, powerTerm)
    }

    /// Starting guess for the gamma quantile (see `inverseRegularizedGammaP`).
    private static func gammaQuantileGuess(_ a: Double, p: Double, q: Double) -> Double {
        // Small-x power law: P(a, x) ≈ xᵃ/Γ(a + 1).
        let powerLaw = Double.exp((Double.log(p) + Double.logGamma(a + 1)) / a)
        if p <= q, powerLaw < 0.5 * (a + 1) { return powerLaw }
        if a >= 1 {
            // Wilson–Hilferty: (X/a)^{1/3} ≈ Normal(1 − 1/(9a), 1/(9a)).
            let z = p <= q ? normalQuantile(p) : -normalQuantile(q)
            let base = 1 - 1 / (9 * a) + z / (3 * a.squareRoot())
            if base > 0 {
                let guess = a * base * base * base
                if guess.isNormal { return guess }
            }
            return powerLaw.isNormal ? powerLaw : a
        }
        if p <= q { return powerLaw.isNormal ? min(powerLaw, 1) : Double.leastNormalMagnitude }
        // a < 1, upper half: Q ≈ x^{a−1}e⁻ˣ/Γ(a) → x = −log(q·Γ(a)) + (a − 1)·log x.
        let constant = -(Double.log(q) + Double.logGamma(a))
        var x = max(constant, 1)
        for _ in 0..<4 { x = max(constant + (a - 1) * Double.log(x), 0.5) }
        return x
    }

    /// x with P(a, x) = p (equivalently Q(a, x) = q), for a > 0, 0 < p, q < 1, p + q = 1.
    static func inverseIncompleteGamma(_ a: Double, p: Double, q: Double) -> Double {
        let lower = p <= q
        let target = lower ? p : q
        var x = gammaQuantileGuess(a, p: p, q: q)
        // Newton on f(s) = ±(log T(a, eˢ) − log target), s = log x, f increasing in s.
        var s = Double.log(x)
        var lowerBound = -Double.infinity
        var upperBound = Double.infinity
        var previousStep = Double.infinity
        for _ in 0..<200 {
            let (pValue, qValue, powerTerm) = incompleteGamma(a, x)
            let f: Double
            let slope: Double  // df/ds = x·density/T
            if lower {
                f = logRatio(pValue, target)
                slope = powerTerm / pValue
            } else {
                f = -logRatio(qValue, target)
                slope = powerTerm / qValue
            }
            if f == 0 || f.isNaN { break }
            if f > 0 { upperBound = s } else { lowerBound = s }
            var step = -f / slope
            // Keep large (or NaN) steps inside the bracket: bisect it, or move by at most 64
            // while one side is still open. Tiny steps are the final quadratic corrections; they
            // may not even change the rounded s, so they are not bracket-checked.
            if !(abs(step) <= 1e-9) && !(s + step > lowerBound && s + step < upperBound) {
                if lowerBound.isFinite && upperBound.isFinite {
                    step = 0.5 * (lowerBound + upperBound) - s
                } else {
                    step = f > 0 ? -min(max(1, abs(s)), 64) : min(max(1, abs(s)), 64)
                }
            }
            s += step
            x *= Double.exp(step)
            if !x.isNormal { x = Double.exp(s) }  // left the normal range: restart from s
            let size = abs(step)
            if size <= 1e-15 { break }
            // Converged to the noise floor of the residual: steps no longer shrink.
            if size < 1e-11 && size > 0.5 * previousStep { break }
            previousStep = size
        }
        return x
    }
}
