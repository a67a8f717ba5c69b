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
    let k = gammaSqueezeSlope(d)
    while true {
        var x: Double, v: Double
        repeat {
            x = standardNormal(using: &rng)
            v = 1 + c * x
        } while v <= 0
        v = v * v * v
        let u = rng.nextOpenUnit()
        if gammaSqueeze(x: x, u: u, c: c, k: k) { return d * v }
        let x2 = x * x
        if Double.log(u) < 0.5 * x2 + d * (1 - v + Double.log(v)) { return d * v }
    }
}

/// The slope k = 1 / (54·d) of `gammaSqueeze`'s second bound, for d = shape − 1/3.
@inlinable
func gammaSqueezeSlope(_ d: Double) -> Double { 1 / (54 * d) }

/// Marsaglia–Tsang's acceptance without a logarithm: true only where their log test
/// log u < x²/2 + d·(1 − v + log v), v = (1 + c·x)³, would accept, so the samples are those of
/// the log test alone. Two bounds:
/// - Marsaglia and Tsang's own squeeze, u < 1 − 0.0331·x⁴;
/// - where |w| ≤ 1/2 with w = c·x: since c² = 1/(9d), the right side is d·f(w) with
///   f(w) = 3·Σ_{j≥4} (−1)^{j+1} w^j / j ≥ −(3/4)·w⁴/(1 − |w|) ≥ −(3/2)·w⁴, so it is at least
///   −(3/2)·d·c⁴·x⁴ = −x⁴/(54·d); and log u ≤ u − 1. So u < 1 − k·x⁴ with k = 1/(54·d)
///   implies acceptance. For shapes of a few units and more it accepts 99 % of attempts where
///   the first accepts 92 %, which spares the engine most of its logarithms.
/// The engine's batch sampler (beta.c, BatchDraws) evaluates the same expressions in the same
/// order, so both take the same decision for every attempt.
@inlinable
func gammaSqueeze(x: Double, u: Double, c: Double, k: Double) -> Bool {
    let x2 = x * x
    if u < 1 - 0.0331 * x2 * x2 { return true }
    return Swift.abs(c * x) <= 0.5 && u < 1 - k * x2 * x2
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
