/// A probability distribution of SPEC 3.2, with its optional `clip`.
///
/// Build one with the throwing factory methods (`.normal(mean:sd:)`, `.beta(mean:sd:)`, …), which
/// check the parameters and turn every parameterisation of SPEC 3.2 into the canonical one kept
/// in `family`. Then draw with `sample(using:)`, or use `cdf(_:)` and `quantile(_:)`.
///
/// Money-valued parameters are in the scenario's unit; rates are fractions.
public struct Distribution: Sendable, Hashable {
    /// The family and its canonical parameters.
    public enum Family: Sendable, Hashable {
        /// Always `value`.
        case fixed(value: Double)
        /// Normal with mean and standard deviation.
        case normal(mean: Double, sd: Double)
        /// Lognormal: ln X is normal(mu, sigma).
        case lognormal(mu: Double, sigma: Double)
        /// Continuous uniform on [min, max].
        case uniform(min: Double, max: Double)
        /// Triangular on [min, max] with the given mode.
        case triangular(min: Double, mode: Double, max: Double)
        /// Beta-PERT: min + (max − min) · Beta(alpha, beta), alpha and beta from the mode and lambda.
        case pert(min: Double, mode: Double, max: Double, lambda: Double)
        /// Beta on (0, 1).
        case beta(alpha: Double, beta: Double)
        /// Gamma with shape k and scale θ (mean kθ).
        case gamma(shape: Double, scale: Double)
        /// 1 with probability p, else 0.
        case bernoulli(p: Double)
        /// Finitely many values, sorted ascending, with cumulative probabilities (last exactly 1).
        case discrete(values: [Double], cumulative: [Double])
    }

    /// The family and its parameters.
    public let family: Family
    /// Values below are moved to this bound (`-infinity`: no lower clip).
    public let clipLower: Double
    /// Values above are moved to this bound (`+infinity`: no upper clip).
    public let clipUpper: Double

    @usableFromInline
    init(family: Family, clipLower: Double = -.infinity, clipUpper: Double = .infinity) {
        self.family = family
        self.clipLower = clipLower
        self.clipUpper = clipUpper
    }

    /// Whether the distribution takes finitely many values (bernoulli, discrete, fixed).
    public var isDiscrete: Bool {
        switch family {
        case .fixed, .bernoulli, .discrete: true
        default: false
        }
    }

    /// This distribution with `clip: [lower, upper]`: values outside move to the bound (SPEC 3.2).
    ///
    /// - Parameters:
    ///   - lower: the lower bound, or `nil` to leave that side open.
    ///   - upper: the upper bound, or `nil` to leave that side open.
    /// - Throws: `DistributionError` (parameter `clip`) if a bound is not finite or lower > upper.
    public func clipped(lower: Double?, upper: Double?) throws(DistributionError) -> Distribution {
        let lo = lower ?? -.infinity, hi = upper ?? .infinity
        if let lower, !lower.isFinite { throw DistributionError("clip", "the lower bound must be a finite number or null, got \(lower)") }
        if let upper, !upper.isFinite { throw DistributionError("clip", "the upper bound must be a finite number or null, got \(upper)") }
        guard lo <= hi else { throw DistributionError("clip", "the lower bound \(lo) is above the upper bound \(hi)") }
        return Distribution(family: family, clipLower: Swift.max(clipLower, lo), clipUpper: Swift.min(clipUpper, hi))
    }

    /// The Beta shapes (α, β) of a PERT on [min, max].
    @inlinable
    static func pertShapes(min: Double, mode: Double, max: Double, lambda: Double) -> (Double, Double) {
        let width = max - min
        return (1 + lambda * (mode - min) / width, 1 + lambda * (max - mode) / width)
    }

    @inlinable @inline(__always)
    func clip(_ x: Double) -> Double {
        Swift.min(Swift.max(x, clipLower), clipUpper)
    }
}

/// An invalid distribution parameter: which one, and why.
public struct DistributionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The parameter's name as written in a scenario (`sd`, `ci90`, `weights`, …).
    public let parameter: String
    /// What is wrong and what is expected, in English.
    public let message: String

    /// An error about `parameter`.
    public init(_ parameter: String, _ message: String) {
        self.parameter = parameter
        self.message = message
    }

    public var description: String { "\(parameter): \(message)" }
}
