import RealModule

/// The cumulative distribution function and its inverse.
extension Distribution {
    /// P(X ≤ x), clip included (a clipped side puts its mass on the bound).
    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < clipLower { return 0 }
        if x >= clipUpper { return 1 }
        return unclippedCDF(x)
    }

    func unclippedCDF(_ x: Double) -> Double {
        switch family {
        case .fixed(let value):
            return x < value ? 0 : 1
        case .normal(let mean, let sd):
            return SpecialFunctions.normalCDF((x - mean) / sd)
        case .lognormal(let mu, let sigma):
            return x <= 0 ? 0 : SpecialFunctions.normalCDF((Double.log(x) - mu) / sigma)
        case .uniform(let a, let b):
            return x <= a ? 0 : x >= b ? 1 : (x - a) / (b - a)
        case .triangular(let a, let c, let b):
            if x <= a { return 0 }
            if x >= b { return 1 }
            if x <= c { return (x - a) * (x - a) / ((b - a) * (c - a)) }
            return 1 - (b - x) * (b - x) / ((b - a) * (b - c))
        case .pert(let a, let c, let b, let lambda):
            if x <= a { return 0 }
            if x >= b { return 1 }
            let (alpha, beta) = Self.pertShapes(min: a, mode: c, max: b, lambda: lambda)
            return SpecialFunctions.regularizedBeta((x - a) / (b - a), alpha, beta)
        case .beta(let alpha, let beta):
            return x <= 0 ? 0 : x >= 1 ? 1 : SpecialFunctions.regularizedBeta(x, alpha, beta)
        case .gamma(let shape, let scale):
            return x <= 0 ? 0 : SpecialFunctions.regularizedGammaP(shape, x / scale)
        case .bernoulli(let p):
            return x < 0 ? 0 : x < 1 ? 1 - p : 1
        case .discrete(let values, let cumulative):
            // The cumulative probability of the last value ≤ x.
            var lo = 0, hi = values.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if values[mid] <= x { lo = mid + 1 } else { hi = mid }
            }
            return lo == 0 ? 0 : cumulative[lo - 1]
        }
    }

    /// The generalised inverse F⁻¹(u) = inf { x : F(x) ≥ u }, clip applied.
    ///
    /// - Parameter u: a probability in [0, 1]; 0 and 1 give the support's ends (possibly infinite).
    /// - Returns: NaN for u outside [0, 1].
    public func quantile(_ u: Double) -> Double {
        guard u >= 0, u <= 1 else { return .nan }
        return clip(unclippedQuantile(u))
    }

    @usableFromInline
    func unclippedQuantile(_ u: Double) -> Double {
        switch family {
        case .fixed(let value):
            return value
        case .normal(let mean, let sd):
            return mean + sd * SpecialFunctions.normalQuantile(u)
        case .lognormal(let mu, let sigma):
            return Double.exp(mu + sigma * SpecialFunctions.normalQuantile(u))
        case .uniform(let a, let b):
            return u >= 1 ? b : a + (b - a) * u
        case .triangular(let a, let c, let b):
            let split = (c - a) / (b - a)
            if u <= split { return a + (u * (b - a) * (c - a)).squareRoot() }
            return b - ((1 - u) * (b - a) * (b - c)).squareRoot()
        case .pert(let a, let c, let b, let lambda):
            let (alpha, beta) = Self.pertShapes(min: a, mode: c, max: b, lambda: lambda)
            return a + (b - a) * SpecialFunctions.inverseRegularizedBeta(u, alpha, beta)
        case .beta(let alpha, let beta):
            return SpecialFunctions.inverseRegularizedBeta(u, alpha, beta)
        case .gamma(let shape, let scale):
            return scale * SpecialFunctions.inverseRegularizedGammaP(shape, u)
        case .bernoulli(let p):
            return u <= 1 - p ? 0 : 1
        case .discrete(let values, let cumulative):
            // The first value whose cumulative probability reaches u.
            var lo = 0, hi = values.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] >= u { hi = mid } else { lo = mid + 1 }
            }
            return values[lo]
        }
    }

    /// The value of this distribution at a latent standard normal `z`: F⁻¹(Φ(z)), clip applied.
    ///
    /// Used by the Gaussian copula and AR(1) paths (SPEC 3.2–3.3). Normal and lognormal map z
    /// directly (mean + sd·z, exp(mu + sigma·z)), without the round trip through Φ; other families
    /// take Φ(z) kept inside [2⁻⁵⁴, 1 − 2⁻⁵³] so that |z| > 8 cannot reach an infinite quantile.
    public func value(atLatentNormal z: Double) -> Double {
        switch family {
        case .normal(let mean, let sd):
            return clip(mean + sd * z)
        case .lognormal(let mu, let sigma):
            return clip(Double.exp(mu + sigma * z))
        case .fixed(let value):
            return clip(value)
        default:
            let u = Swift.min(Swift.max(SpecialFunctions.normalCDF(z), 0x1p-54), 1 - 0x1p-53)
            return clip(unclippedQuantile(u))
        }
    }
}
