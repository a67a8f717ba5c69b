/// One output of a run (SPEC 6): a metric name at a horizon year or over the whole horizon.
///
/// Names are those of SPEC 6: `budget`, `spend.시비`, `shortfall.시비`, `fund.일자리기금.balance`,
/// `participants.category.직접일자리`, `spend.program.신중년경력형`, `target.직접일자리 목표`, …
/// Money metrics are in the scenario's unit; `participants` and `placements` count people;
/// `fund.<f>.depleted` and `target.<t>` are 0/1 indicators.
public struct MetricKey: Hashable, Sendable, CustomStringConvertible {
    /// The metric's name, without year (`spend.시비`, `target.직접일자리 목표`).
    public var name: String
    /// The horizon year, or nil for `total` (the sum over the horizon; for a fund's balance the
    /// end of the horizon, for `depleted` "in any year", for cost per placement Σspend ÷ Σplacements).
    public var year: Int?

    /// The key `name@year` (`year` nil: `name@total`).
    public init(_ name: String, year: Int?) {
        self.name = name
        self.year = year
    }

    /// `name@2025` or `name@total`, as `--metric` takes it and output files print it.
    public var description: String {
        "\(name)@\(year.map(String.init) ?? "total")"
    }
}

/// Why a simulation cannot be set up, or a metric selection is invalid.
public enum SimulationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The correlations of SPEC 3.3 do not form a valid correlation matrix: `drivers` is a
    /// smallest set whose correlations cannot hold together; `nearest` is the valid matrix that
    /// `--repair-correlation` would use instead, over `order` (the copula's drivers in code-point
    /// order, which are the rows and columns of `nearest`).
    case correlationNotPositiveDefinite(drivers: [String], order: [String], nearest: Matrix)
    /// A `--metric` pattern that matches no metric of the scenario, with the closest metric name
    /// (if any is close) for a did-you-mean.
    case unknownMetric(pattern: String, suggestion: String?)
    /// The scenario breaks an invariant the loader checks (an unknown source, driver, successor
    /// or label, a malformed cap, …). The loader never produces one; the engine reports it
    /// instead of crashing.
    case inconsistentModel(String)

    public var description: String {
        switch self {
        case .correlationNotPositiveDefinite(let drivers, let order, let nearest):
            var text = "correlations: not positive definite (drivers \(drivers.joined(separator: ", "))); "
                + "nearest valid matrix over [\(order.joined(separator: ", "))]:"
            for i in 0..<nearest.rows {
                text += "\n  " + (0..<nearest.columns).map { formatCorrelation(nearest[i, $0]) }.joined(separator: "  ")
            }
            return text + "\nuse --repair-correlation to run with it"
        case .unknownMetric(let pattern, let suggestion):
            var text = "--metric: nothing matches '\(pattern)'"
            if let suggestion { text += " (did you mean '\(suggestion)'?)" }
            if pattern.hasPrefix("target.") { text += " (a target exists only at its own year)" }
            return text
        case .inconsistentModel(let message):
            return "inconsistent scenario: \(message)"
        }
    }
}

/// A correlation printed with four decimals and a sign column (no Foundation in YesanCore).
func formatCorrelation(_ x: Double) -> String {
    guard x.isFinite else { return "\(x)" }
    let scaled = (abs(x) * 10_000).rounded()
    let whole = Int(scaled) / 10_000, fraction = Int(scaled) % 10_000
    let digits = String(fraction)
    return (x < 0 && scaled > 0 ? "-" : " ") + "\(whole)." + String(repeating: "0", count: 4 - digits.count) + digits
}
