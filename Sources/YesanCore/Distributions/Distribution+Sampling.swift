import RealModule

/// Direct samplers (SPEC 3.2).
///
/// Draws consumed from the stream, per value (documented in `docs/randomness.md`):
/// - fixed: none;
/// - uniform, triangular, bernoulli, discrete: one (inversion of a uniform in (0, 1));
/// - normal, lognormal: one standard normal by the ziggurat (one draw 98.8 % of the time);
/// - gamma: Marsaglia–Tsang, a normal and a uniform per attempt (acceptance > 95 %), plus one
///   uniform when shape < 1;
/// - beta and pert: two gammas, or Jöhnk's method (two uniforms per attempt) when both shapes ≤ 1.
extension Distribution {
    /// One value, clip applied.
    @inlinable
    public func sample<R: RandomNumberGenerator>(using rng: inout R) -> Double {
        clip(unclippedSample(using: &rng))
    }

    @inlinable
    func unclippedSample<R: RandomNumberGenerator>(using rng: inout R) -> Double {
        switch family {
        case .fixed(let value):
            return value
        case .normal(let mean, let sd):
            return mean + sd * standardNormal(using: &rng)
        case .lognormal(let mu, let sigma):
            return Double.exp(mu + sigma * standardNormal(using: &rng))
        case .gamma(let shape, let scale):
            return scale * standardGamma(shape: shape, using: &rng)
        case .beta(let alpha, let beta):
            return standardBeta(alpha: alpha, beta: beta, using: &rng)
        case .pert(let a, let c, let b, let lambda):
            let (alpha, beta) = Self.pertShapes(min: a, mode: c, max: b, lambda: lambda)
            return a + (b - a) * standardBeta(alpha: alpha, beta: beta, using: &rng)
        case .uniform, .triangular, .bernoulli, .discrete:
            return unclippedQuantile(rng.nextOpenUnit())
        }
    }
}

/// A Gamma(shape, 1) variate: Marsaglia and Tsang, "A simple method for generating gamma
/// variables", ACM TOMS 26(3), 2000; for shape < 1, Gamma(shape + 1) · U^(1/shape).
/// The result is at least the smallest normal double, so it stays inside (0, ∞).
@inlinable
func standardGamma<R: RandomNumberGenerator>(shape: Double, using rng: inout R) -> Double {
    if shape < 1 {
        let g = standardGamma(shape: shape + 1, using: &rng)
        let logValue = Double.log(g) + Double.log(rng.nextOpenUnit()) / shape
        return Swift.max(Double.exp(logValue), .leastNormalMagnitude)
    }
    let d = shape - 1.0 / 3.0
    let c = 1 / (9 * d).squareRoot()
    while true {
        var x: Double, v: Double
        repeat {
            x = standardNormal(using: &rng)
            v = 1 + c * x
        } while v <= 0
        v = v * v * v
        let u = rng.nextOpenUnit()
        let x2 = x * x
        if u < 1 - 0.0331 * x2 * x2 { return d * v }
        if Double.log(u) < 0.5 * x2 + d * (1 - v + Double.log(v)) { return d * v }
    }
}

/// A Beta(alpha, beta) variate in (0, 1): Jöhnk's method when both shapes are ≤ 1 (computed in
/// logarithms so that tiny shapes do not underflow), else G₁/(G₁ + G₂) with two gammas.
@inlinable
func standardBeta<R: RandomNumberGenerator>(alpha: Double, beta: Double, using rng: inout R) -> Double {
    if alpha <= 1 && beta <= 1 {
        while true {
            let logX = Double.log(rng.nextOpenUnit()) / alpha
            let logY = Double.log(rng.nextOpenUnit()) / beta
            let m = Swift.max(logX, logY)
            let x = Double.exp(logX - m), y = Double.exp(logY - m)
            // Accept when X + Y ≤ 1 with X = e^logX, Y = e^logY.
            if m + Double.log(x + y) <= 0 {
                let r = x / (x + y)
                if r > 0 && r < 1 { return r }
            }
        }
    }
    while true {
        let g1 = standardGamma(shape: alpha, using: &rng)
        let g2 = standardGamma(shape: beta, using: &rng)
        let r = g1 / (g1 + g2)
        if r > 0 && r < 1 { return r }  // rounding can reach an end only for extreme shapes
    }
}
