import RealModule

/// The factory methods: every parameterisation of SPEC 3.2, checked.
extension Distribution {
    /// z such that Φ(z) = 0.95: `ci90: [lo, hi]` is read as the 5 % and 95 % quantiles.
    /// (SPEC 3.2 writes it rounded as 1.6448536.)
    public static let z95 = 1.644_853_626_951_472_2

    private static func finite(_ name: String, _ x: Double) throws(DistributionError) {
        guard x.isFinite else { throw DistributionError(name, "must be a finite number, got \(x)") }
    }

    private static func positive(_ name: String, _ x: Double) throws(DistributionError) {
        guard x.isFinite, x > 0 else { throw DistributionError(name, "must be > 0, got \(x)") }
    }

    /// Always `value`.
    public static func fixed(_ value: Double) throws(DistributionError) -> Distribution {
        try finite("value", value)
        return Distribution(family: .fixed(value: value))
    }

    /// Normal with `mean` and `sd` > 0.
    public static func normal(mean: Double, sd: Double) throws(DistributionError) -> Distribution {
        try finite("mean", mean)
        try positive("sd", sd)
        return Distribution(family: .normal(mean: mean, sd: sd))
    }

    /// Normal whose 5 % and 95 % quantiles are `low` and `high`:
    /// mean = (low + high) / 2, sd = (high − low) / (2 · z₀.₉₅).
    public static func normal(ci90 low: Double, _ high: Double) throws(DistributionError) -> Distribution {
        try finite("ci90", low)
        try finite("ci90", high)
        guard low < high else { throw DistributionError("ci90", "needs low < high, got [\(low), \(high)]") }
        return Distribution(family: .normal(mean: (low + high) / 2, sd: (high - low) / (2 * z95)))
    }

    /// Lognormal with `mu` and `sigma` > 0 of ln X.
    public static func lognormal(mu: Double, sigma: Double) throws(DistributionError) -> Distribution {
        try finite("mu", mu)
        try positive("sigma", sigma)
        return Distribution(family: .lognormal(mu: mu, sigma: sigma))
    }

    /// Lognormal with the given `mean` > 0 and `sd` > 0 of X itself:
    /// σ² = ln(1 + s²/m²), μ = ln m − σ²/2.
    public static func lognormal(mean: Double, sd: Double) throws(DistributionError) -> Distribution {
        try positive("mean", mean)
        try positive("sd", sd)
        let ratio = sd / mean
        let sigma2 = Double.log(onePlus: ratio * ratio)
        return Distribution(family: .lognormal(mu: Double.log(mean) - sigma2 / 2, sigma: sigma2.squareRoot()))
    }

    /// Lognormal whose 5 % and 95 % quantiles are `low` and `high`, 0 < low < high.
    public static func lognormal(ci90 low: Double, _ high: Double) throws(DistributionError) -> Distribution {
        try positive("ci90", low)
        try positive("ci90", high)
        guard low < high else { throw DistributionError("ci90", "needs 0 < low < high, got [\(low), \(high)]") }
        let a = Double.log(low), b = Double.log(high)
        return Distribution(family: .lognormal(mu: (a + b) / 2, sigma: (b - a) / (2 * z95)))
    }

    /// Uniform on [min, max], min < max.
    public static func uniform(min: Double, max: Double) throws(DistributionError) -> Distribution {
        try finite("min", min)
        try finite("max", max)
        guard min < max else { throw DistributionError("max", "must be above min (\(min)), got \(max)") }
        return Distribution(family: .uniform(min: min, max: max))
    }

    /// Every integer in [min, max] with equal probability (an event year drawn as `uniform`).
    public static func integerUniform(min: Int, max: Int) throws(DistributionError) -> Distribution {
        guard min <= max else { throw DistributionError("max", "must be at least min (\(min)), got \(max)") }
        guard max - min < 10_000 else { throw DistributionError("max", "at most 10,000 integers, got \(max - min + 1)") }
        return try discrete(values: (min...max).map(Double.init), weights: nil)
    }

    /// Triangular on [min, max] with min ≤ mode ≤ max, min < max.
    public static func triangular(min: Double, mode: Double, max: Double) throws(DistributionError) -> Distribution {
        try finite("min", min)
        try finite("mode", mode)
        try finite("max", max)
        guard min < max else { throw DistributionError("max", "must be above min (\(min)), got \(max)") }
        guard min <= mode, mode <= max else { throw DistributionError("mode", "must lie in [min, max] = [\(min), \(max)], got \(mode)") }
        return Distribution(family: .triangular(min: min, mode: mode, max: max))
    }

    /// Beta-PERT on [min, max] with the given mode and `lambda` > 0 (default 4):
    /// α = 1 + λ(mode − min)/(max − min), β = 1 + λ(max − mode)/(max − min).
    public static func pert(min: Double, mode: Double, max: Double, lambda: Double = 4) throws(DistributionError) -> Distribution {
        _ = try triangular(min: min, mode: mode, max: max)
        try positive("lambda", lambda)
        return Distribution(family: .pert(min: min, mode: mode, max: max, lambda: lambda))
    }

    /// Beta with shapes `alpha` > 0 and `beta` > 0.
    public static func beta(alpha: Double, beta: Double) throws(DistributionError) -> Distribution {
        try positive("alpha", alpha)
        try positive("beta", beta)
        return Distribution(family: .beta(alpha: alpha, beta: beta))
    }

    /// Beta with the given mean and sd, moment matched: ν = m(1 − m)/s² − 1, α = mν, β = (1 − m)ν.
    /// - Throws: if 0 < mean < 1 fails, or sd ≥ sqrt(m(1 − m)) (then ν ≤ 0: no beta has them).
    public static func beta(mean: Double, sd: Double) throws(DistributionError) -> Distribution {
        guard mean.isFinite, mean > 0, mean < 1 else {
            throw DistributionError("mean", "a beta mean must lie strictly between 0 and 1, got \(mean)")
        }
        try positive("sd", sd)
        let nu = mean * (1 - mean) / (sd * sd) - 1
        guard nu > 0 else {
            let limit = (mean * (1 - mean)).squareRoot()
            throw DistributionError("sd", "no beta distribution has mean \(mean) and sd \(sd); the sd must be below \(limit) (sqrt(mean·(1 − mean)))")
        }
        return Distribution(family: .beta(alpha: mean * nu, beta: (1 - mean) * nu))
    }

    /// Gamma with `shape` > 0 and `scale` > 0.
    public static func gamma(shape: Double, scale: Double) throws(DistributionError) -> Distribution {
        try positive("shape", shape)
        try positive("scale", scale)
        return Distribution(family: .gamma(shape: shape, scale: scale))
    }

    /// Gamma with the given mean > 0 and sd > 0: shape = (m/s)², scale = s²/m.
    public static func gamma(mean: Double, sd: Double) throws(DistributionError) -> Distribution {
        try positive("mean", mean)
        try positive("sd", sd)
        return Distribution(family: .gamma(shape: (mean / sd) * (mean / sd), scale: sd * sd / mean))
    }

    /// 1 with probability `p` in [0, 1], else 0.
    public static func bernoulli(p: Double) throws(DistributionError) -> Distribution {
        guard p.isFinite, p >= 0, p <= 1 else { throw DistributionError("p", "must lie in [0, 1], got \(p)") }
        return Distribution(family: .bernoulli(p: p))
    }

    /// `values` with probabilities proportional to `weights` (equal weights when `nil`).
    /// Repeated values add their weights.
    public static func discrete(values: [Double], weights: [Double]?) throws(DistributionError) -> Distribution {
        guard !values.isEmpty else { throw DistributionError("values", "needs at least one value") }
        for v in values where !v.isFinite { throw DistributionError("values", "must be finite numbers, got \(v)") }
        let w = weights ?? Array(repeating: 1, count: values.count)
        guard w.count == values.count else {
            throw DistributionError("weights", "needs one weight per value: \(values.count) values, \(w.count) weights")
        }
        for x in w where !(x.isFinite && x >= 0) { throw DistributionError("weights", "must be numbers ≥ 0, got \(x)") }
        let total = w.reduce(0, +)
        guard total > 0, total.isFinite else { throw DistributionError("weights", "must sum to a positive number, got \(total)") }
        var pairs: [(Double, Double)] = []
        for (v, x) in zip(values, w).sorted(by: { $0.0 < $1.0 }) {
            if let last = pairs.last, last.0 == v { pairs[pairs.count - 1].1 += x } else { pairs.append((v, x)) }
        }
        var cumulative: [Double] = []
        var running = 0.0
        for (_, x) in pairs {
            running += x
            cumulative.append(running / total)
        }
        cumulative[cumulative.count - 1] = 1
        return Distribution(family: .discrete(values: pairs.map(\.0), cumulative: cumulative))
    }
}
