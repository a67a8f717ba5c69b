import RealModule

/// The trend models of `yesan forecast` (SPEC 8).
public enum ForecastModel: String, Sendable, CaseIterable {
    /// OLS y = a + b·year.
    case linear
    /// OLS ln y = a + b·year (every value > 0); forecasts and bounds exponentiated.
    case loglinear
    /// Random walk with drift: ŷ_{T+h} = y_T + h·d̂.
    case drift
}

/// Why a series cannot be fitted or forecast.
public enum ForecastError: Error, Equatable, Sendable {
    /// The series has `actual` points where the model (or `auto`) needs `needed`.
    case tooFewPoints(needed: Int, actual: Int)
    /// `loglinear` needs values > 0; `value` in `year` is not.
    case nonPositive(year: Int, value: Double)
    /// The years are not strictly increasing (`year` repeats or goes back).
    case yearsNotIncreasing(year: Int)
    /// `drift` needs consecutive years; `year` is missing.
    case missingYear(year: Int)
    /// A value is NaN or infinite.
    case nonFinite(year: Int)
    /// A prediction level outside (0, 1).
    case invalidLevel(Double)
    /// A horizon < 1.
    case invalidHorizon(Int)
    /// The least-squares layer failed (cannot happen for distinct years, kept for completeness).
    case linearAlgebra(LinearAlgebraError)
}

/// One prediction interval at a level, e.g. level 0.8 → the 10 % and 90 % bounds.
public struct PredictionInterval: Sendable, Equatable {
    public let level: Double
    public let lower: Double
    public let upper: Double
}

/// A forecast for one future year: the point and one interval per requested level.
public struct ForecastPoint: Sendable, Equatable {
    public let year: Int
    public let point: Double
    public let intervals: [PredictionInterval]
}

/// A fitted trend model of one series.
///
/// For `linear` and `loglinear` the regressor is the calendar year itself (X = [1, year]);
/// for `loglinear`, `intercept`, `slope`, their standard errors and `sigma` are on the log scale.
/// For `drift`, `drift` is d̂ = (y_T − y_1)/(T − 1), its standard error σ̂/√(T − 1), and
/// `sigma` is σ̂, the sample sd (n − 1 divisor) of the first differences.
public struct TrendFit: Sendable {
    public let model: ForecastModel
    public let years: [Int]
    public let values: [Double]
    /// a (linear, loglinear), else nil.
    public let intercept: Double?
    /// b (linear, loglinear), else nil.
    public let slope: Double?
    /// d̂ (drift), else nil.
    public let drift: Double?
    /// se(a) = s·√((XᵀX)⁻¹₀₀).
    public let interceptStandardError: Double?
    /// se(b) = s·√((XᵀX)⁻¹₁₁).
    public let slopeStandardError: Double?
    /// se(d̂) = σ̂/√(T − 1).
    public let driftStandardError: Double?
    /// s = √(RSS/(n − 2)) (linear, loglinear: of the log), or σ̂ (drift).
    public let sigma: Double
    /// The fitted values on the data's scale (loglinear: exp of the log-scale fit; drift:
    /// y_1 + (i − 1)·d̂).
    public let fitted: [Double]
    private let regression: LeastSquaresFit?

    /// The number of observations n.
    public var count: Int { values.count }
    /// The last observed year T.
    public var lastYear: Int { years[years.count - 1] }

    /// The forecast for years T+1 … T+horizon with one prediction interval per level.
    ///
    /// linear/loglinear: ŷ ± t_{n−2,(1+level)/2}·s·√(1 + x₀ᵀ(XᵀX)⁻¹x₀) with x₀ = (1, year)
    /// (loglinear: on the log scale, then exponentiated). drift: y_T + h·d̂ ±
    /// z_{(1+level)/2}·σ̂·√(h(1 + h/(T − 1))).
    public func forecast(horizon: Int, levels: [Double]) throws(ForecastError) -> [ForecastPoint] {
        guard horizon >= 1 else { throw .invalidHorizon(horizon) }
        for level in levels where !(level > 0 && level < 1) { throw .invalidLevel(level) }
        return (1 ... horizon).map { h in
            let year = lastYear + h
            switch model {
            case .linear, .loglinear:
                let fit = regression!
                let x0 = [1, Double(year)]
                let mean = fit.predict(at: x0)
                let spread = sigma * (1 + fit.leverage(at: x0)).squareRoot()
                let df = Double(fit.degreesOfFreedom)
                let intervals = levels.map { level -> PredictionInterval in
                    let t = SpecialFunctions.studentTQuantile((1 + level) / 2, degreesOfFreedom: df)
                    let lo = mean - t * spread, hi = mean + t * spread
                    return model == .linear
                        ? PredictionInterval(level: level, lower: lo, upper: hi)
                        : PredictionInterval(level: level, lower: .exp(lo), upper: .exp(hi))
                }
                return ForecastPoint(year: year, point: model == .linear ? mean : .exp(mean), intervals: intervals)
            case .drift:
                let hh = Double(h), steps = Double(count - 1)
                let mean = values[count - 1] + hh * drift!
                let spread = sigma * (hh * (1 + hh / steps)).squareRoot()
                let intervals = levels.map { level -> PredictionInterval in
                    let z = SpecialFunctions.normalQuantile((1 + level) / 2)
                    return PredictionInterval(level: level, lower: mean - z * spread, upper: mean + z * spread)
                }
                return ForecastPoint(year: year, point: mean, intervals: intervals)
            }
        }
    }

    /// The point forecast for one year (no interval; works from n = 2 for the backtest).
    func pointForecast(year: Int) -> Double {
        switch model {
        case .linear: return regression!.predict(at: [1, Double(year)])
        case .loglinear: return .exp(regression!.predict(at: [1, Double(year)]))
        case .drift: return values[count - 1] + Double(year - lastYear) * drift!
        }
    }

    /// The fitted growth rate per year and its standard error (for `--emit-driver`).
    ///
    /// - loglinear: rate = exp(b) − 1, sd = exp(b)·se(b) (delta method).
    /// - linear: rate = b/ŷ_T, the slope relative to the fitted level in the last year; sd by the
    ///   delta method on (ŷ_T, b): Var = Var(b)/ŷ² − 2b·Cov(ŷ_T, b)/ŷ³ + b²·Var(ŷ_T)/ŷ⁴ with
    ///   Var(ŷ_T) = s²·x_Tᵀ(XᵀX)⁻¹x_T and Cov(ŷ_T, b) = (T − ȳear)·Var(b).
    /// - drift: rate = d̂/y_T, sd = se(d̂)/y_T (the last level is observed, not estimated).
    /// NaN when the level is 0.
    public var growthRate: (rate: Double, standardError: Double) {
        switch model {
        case .loglinear:
            let e = Double.exp(slope!)
            return (e - 1, e * slopeStandardError!)
        case .linear:
            let fit = regression!
            let xT = [1, Double(lastYear)]
            let level = fit.predict(at: xT)
            let b = slope!, varB = slopeStandardError! * slopeStandardError!
            let meanYear = years.reduce(0.0) { $0 + Double($1) } / Double(count)
            let varLevel = sigma * sigma * fit.leverage(at: xT)
            let cov = (Double(lastYear) - meanYear) * varB
            let variance = varB / (level * level) - 2 * b * cov / (level * level * level)
                + b * b * varLevel / (level * level * level * level)
            return (b / level, max(variance, 0).squareRoot())
        case .drift:
            let last = values[count - 1]
            return (drift! / last, driftStandardError! / abs(last))
        }
    }

    fileprivate init(model: ForecastModel, years: [Int], values: [Double], intercept: Double?, slope: Double?,
                     drift: Double?, interceptSE: Double?, slopeSE: Double?, driftSE: Double?, sigma: Double,
                     fitted: [Double], regression: LeastSquaresFit?) {
        self.model = model
        self.years = years
        self.values = values
        self.intercept = intercept
        self.slope = slope
        self.drift = drift
        self.interceptStandardError = interceptSE
        self.slopeStandardError = slopeSE
        self.driftStandardError = driftSE
        self.sigma = sigma
        self.fitted = fitted
        self.regression = regression
    }
}

/// The fewest points a model needs: 3 (so that s or σ̂ has at least one degree of freedom).
public let minimumForecastPoints = 3

/// Fits `model` to a series (years strictly increasing; drift: consecutive years).
///
/// - Throws: `.tooFewPoints` below 3 points, `.nonPositive` for loglinear with a value ≤ 0,
///   `.yearsNotIncreasing`, `.missingYear` (drift), `.nonFinite`.
/// - Note: a constant series is fitted normally: s = 0 (or σ̂ = 0), so its prediction intervals
///   have zero width.
public func fitTrend(_ model: ForecastModel, years: [Int], values: [Double]) throws(ForecastError) -> TrendFit {
    guard years.count >= minimumForecastPoints else {
        throw .tooFewPoints(needed: minimumForecastPoints, actual: years.count)
    }
    return try fitTrendUnchecked(model, years: years, values: values)
}

/// `fitTrend` without the 3-point minimum (2 points suffice for a point forecast).
func fitTrendUnchecked(_ model: ForecastModel, years: [Int], values: [Double]) throws(ForecastError) -> TrendFit {
    precondition(years.count == values.count, "fitTrend: \(years.count) years for \(values.count) values")
    guard years.count >= 2 else { throw .tooFewPoints(needed: minimumForecastPoints, actual: years.count) }
    for i in values.indices where !values[i].isFinite { throw .nonFinite(year: years[i]) }
    for i in 1 ..< years.count where years[i] <= years[i - 1] { throw .yearsNotIncreasing(year: years[i]) }
    let n = values.count
    switch model {
    case .linear, .loglinear:
        var y = values
        if model == .loglinear {
            for i in values.indices where !(values[i] > 0) { throw .nonPositive(year: years[i], value: values[i]) }
            y = values.map { Double.log($0) }
        }
        let x = Matrix(years.map { [1, Double($0)] })
        let fit: LeastSquaresFit
        do throws(LinearAlgebraError) {
            fit = try leastSquares(x, y)
        } catch {
            throw .linearAlgebra(error)
        }
        let s = fit.degreesOfFreedom > 0 ? fit.residualVariance.squareRoot() : .nan
        let c = fit.unscaledCovariance
        return TrendFit(
            model: model, years: years, values: values,
            intercept: fit.coefficients[0], slope: fit.coefficients[1], drift: nil,
            interceptSE: s * c[0, 0].squareRoot(), slopeSE: s * c[1, 1].squareRoot(), driftSE: nil,
            sigma: s, fitted: model == .linear ? fit.fitted : fit.fitted.map { .exp($0) }, regression: fit)
    case .drift:
        for i in 1 ..< n where years[i] != years[i - 1] + 1 { throw .missingYear(year: years[i - 1] + 1) }
        let steps = Double(n - 1)
        let d = (values[n - 1] - values[0]) / steps
        let differences = (1 ..< n).map { values[$0] - values[$0 - 1] }
        var sigma = Double.nan
        if differences.count >= 2 {
            var ss = 0.0
            for diff in differences { ss += (diff - d) * (diff - d) }  // mean of the differences is d̂
            sigma = (ss / Double(differences.count - 1)).squareRoot()
        }
        return TrendFit(
            model: .drift, years: years, values: values, intercept: nil, slope: nil, drift: d,
            interceptSE: nil, slopeSE: nil, driftSE: sigma / steps.squareRoot(), sigma: sigma,
            fitted: (0 ..< n).map { values[0] + Double($0) * d }, regression: nil)
    }
}
