import RealModule

/// Exact moments and supports.
extension Distribution {
    /// The exact mean of the distribution before `clip`.
    public var mean: Double {
        switch family {
        case .fixed(let value): return value
        case .normal(let mean, _): return mean
        case .lognormal(let mu, let sigma): return Double.exp(mu + sigma * sigma / 2)
        case .uniform(let a, let b): return (a + b) / 2
        case .triangular(let a, let c, let b): return (a + b + c) / 3
        case .pert(let a, let c, let b, let lambda):
            let (alpha, beta) = Self.pertShapes(min: a, mode: c, max: b, lambda: lambda)
            return a + (b - a) * alpha / (alpha + beta)
        case .beta(let alpha, let beta): return alpha / (alpha + beta)
        case .gamma(let shape, let scale): return shape * scale
        case .bernoulli(let p): return p
        case .discrete(let values, let cumulative):
            var sum = 0.0, previous = 0.0
            for (v, c) in zip(values, cumulative) {
                sum += v * (c - previous)
                previous = c
            }
            return sum
        }
    }

    /// The exact variance of the distribution before `clip`.
    public var variance: Double {
        switch family {
        case .fixed: return 0
        case .normal(_, let sd): return sd * sd
        case .lognormal(let mu, let sigma):
            let s2 = sigma * sigma
            return Double.expMinusOne(s2) * Double.exp(2 * mu + s2)
        case .uniform(let a, let b): return (b - a) * (b - a) / 12
        case .triangular(let a, let c, let b):
            let squares: Double = a * a + b * b + c * c
            let products: Double = a * b + a * c + b * c
            return (squares - products) / 18
        case .pert(let a, let c, let b, let lambda):
            let (alpha, beta) = Self.pertShapes(min: a, mode: c, max: b, lambda: lambda)
            let s = alpha + beta
            return (b - a) * (b - a) * alpha * beta / (s * s * (s + 1))
        case .beta(let alpha, let beta):
            let s = alpha + beta
            return alpha * beta / (s * s * (s + 1))
        case .gamma(let shape, let scale): return shape * scale * scale
        case .bernoulli(let p): return p * (1 - p)
        case .discrete(let values, let cumulative):
            let m = mean
            var sum = 0.0, previous = 0.0
            for (v, c) in zip(values, cumulative) {
                sum += (v - m) * (v - m) * (c - previous)
                previous = c
            }
            return sum
        }
    }

    /// The set of values the distribution can produce, clip included (SPEC 3.1's support check).
    public var support: Support {
        let base: Support
        switch family {
        case .fixed(let value): base = Support(value, value, includesLower: true, includesUpper: true)
        case .normal: base = Support(-.infinity, .infinity, includesLower: false, includesUpper: false)
        case .lognormal, .gamma: base = Support(0, .infinity, includesLower: false, includesUpper: false)
        case .beta: base = Support(0, 1, includesLower: false, includesUpper: false)
        case .uniform(let a, let b), .triangular(let a, _, let b), .pert(let a, _, let b, _):
            base = Support(a, b, includesLower: true, includesUpper: true)
        case .bernoulli(let p):
            base = Support(p == 1 ? 1 : 0, p == 0 ? 0 : 1, includesLower: true, includesUpper: true)
        case .discrete(let values, _):
            base = Support(values[0], values[values.count - 1], includesLower: true, includesUpper: true)
        }
        return base.clipped(lower: clipLower, upper: clipUpper)
    }
}

/// An interval of the real line, each end included or not; infinite ends are never included.
public struct Support: Hashable, Sendable, CustomStringConvertible {
    /// The lower end (may be −∞).
    public let lower: Double
    /// The upper end (may be +∞).
    public let upper: Double
    /// Whether `lower` itself belongs to the interval.
    public let includesLower: Bool
    /// Whether `upper` itself belongs to the interval.
    public let includesUpper: Bool

    /// The interval from `lower` to `upper`.
    public init(_ lower: Double, _ upper: Double, includesLower: Bool, includesUpper: Bool) {
        self.lower = lower
        self.upper = upper
        self.includesLower = includesLower && lower.isFinite
        self.includesUpper = includesUpper && upper.isFinite
    }

    /// Whether every point of `self` lies in `other`.
    public func isInside(_ other: Support) -> Bool {
        let lowOK = lower > other.lower || (lower == other.lower && (other.includesLower || !includesLower))
        let highOK = upper < other.upper || (upper == other.upper && (other.includesUpper || !includesUpper))
        return lowOK && highOK
    }

    /// The support of the clipped variable: values beyond a bound move onto it.
    func clipped(lower lo: Double, upper hi: Double) -> Support {
        var l = lower, li = includesLower, u = upper, ui = includesUpper
        if lo > l || (lo == l && lo.isFinite) { l = Swift.min(lo, u); li = true }
        if hi < u || (hi == u && hi.isFinite) { u = Swift.max(hi, l); ui = true }
        return Support(l, u, includesLower: li, includesUpper: ui)
    }

    /// Interval notation: `(0, 1]`, `[-0.5, inf)`.
    public var description: String {
        func show(_ x: Double) -> String {
            if x == .infinity { return "inf" }
            if x == -.infinity { return "-inf" }
            return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
        }
        return "\(includesLower ? "[" : "(")\(show(lower)), \(show(upper))\(includesUpper ? "]" : ")")"
    }
}
