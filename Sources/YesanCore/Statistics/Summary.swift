/// Statistics of one metric over trials (SPEC 6): mean, sd, standard error, min, max and exact
/// quantiles.
///
/// Computed from the values in trial order, by one sequential pass with compensated summation and
/// one sort: the result depends only on the values, never on thread count or order of completion.
/// NaN marks an undefined value (e.g. cost per placement where placements = 0): NaNs are left out
/// and counted in `undefined`.
public struct Summary: Sendable, Hashable {
    /// The quantile levels reported in every result: P5, P25, P50, P75, P95.
    public static let levels: [Double] = [0.05, 0.25, 0.5, 0.75, 0.95]

    /// The number of defined values.
    public let count: Int
    /// The number of undefined (NaN) values left out.
    public let undefined: Int
    /// The arithmetic mean (NaN when `count` is 0).
    public let mean: Double
    /// The sample standard deviation, divisor n − 1 (`nil` when `count` < 2).
    public let sd: Double?
    /// The standard error of the mean, sd / √n (`nil` when `count` < 2).
    public let se: Double?
    /// The smallest value (NaN when `count` is 0).
    public let min: Double
    /// The largest value (NaN when `count` is 0).
    public let max: Double
    /// The quantiles at `Summary.levels`, NumPy's default (linear) method.
    public let quantiles: [Double]

    /// The summary of `values`.
    ///
    /// - Complexity: O(n log n) for the sort; O(n) extra memory.
    public init(_ values: some Collection<Double>) {
        var sorted = values.filter { !$0.isNaN }
        undefined = values.count - sorted.count
        count = sorted.count
        mean = Summary.mean(sorted)
        sd = Summary.standardDeviation(sorted, mean: mean)
        se = sd.map { $0 / Double(sorted.count).squareRoot() }
        sorted.sort()
        min = sorted.first ?? .nan
        max = sorted.last ?? .nan
        quantiles = Summary.levels.map { sorted.isEmpty ? .nan : quantileOfSorted(sorted, $0) }
    }

    /// The sample standard deviation (n − 1 denominator) of `values` about `mean`, the squared
    /// deviations summed in order with Neumaier's compensation; nil for fewer than two values.
    static func standardDeviation(_ values: [Double], mean: Double) -> Double? {
        guard values.count >= 2 else { return nil }
        var sum = 0.0, compensation = 0.0
        for x in values {
            let d = x - mean
            (sum, compensation) = neumaierAdd(sum, compensation, d * d)
        }
        return ((sum + compensation) / Double(values.count - 1)).squareRoot()
    }

    /// The mean of `values` in their order, with Neumaier's compensated summation (NaN if empty).
    public static func mean(_ values: some Collection<Double>) -> Double {
        guard !values.isEmpty else { return .nan }
        var sum = 0.0, compensation = 0.0
        for x in values { (sum, compensation) = neumaierAdd(sum, compensation, x) }
        return (sum + compensation) / Double(values.count)
    }
}

/// One step of Neumaier's compensated summation: the new (sum, compensation).
@inlinable @inline(__always)
func neumaierAdd(_ sum: Double, _ compensation: Double, _ x: Double) -> (Double, Double) {
    let t = sum + x
    let c = abs(sum) >= abs(x) ? (sum - t) + x : (x - t) + sum
    return (t, compensation + c)
}

/// The q-quantile of ascending `sorted` values by linear interpolation between order statistics,
/// bit for bit as `numpy.quantile(a, q)` (method `linear`, NumPy 2.x):
/// index h = (n − 1)·q, lower = ⌊h⌋, γ = h − lower, and NumPy's `_lerp`: a + (b − a)·γ, or
/// b − (b − a)·(1 − γ) when γ ≥ 0.5; h ≥ n − 1 gives the largest value.
///
/// - Precondition: `sorted` is non-empty, ascending, without NaN; 0 ≤ q ≤ 1.
public func quantileOfSorted<C: RandomAccessCollection>(_ sorted: C, _ q: Double) -> Double
where C.Element == Double, C.Index == Int {
    precondition(!sorted.isEmpty, "quantile of no values")
    let n = sorted.count
    let h = Double(n - 1) * q
    if h >= Double(n - 1) { return sorted[sorted.startIndex + n - 1] }
    if h < 0 { return sorted[sorted.startIndex] }
    let lowerIndex = h.rounded(.down)
    let gamma = h - lowerIndex
    let i = sorted.startIndex + Int(lowerIndex)
    let a = sorted[i], b = sorted[i + 1]
    let difference = b - a
    return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma
}
