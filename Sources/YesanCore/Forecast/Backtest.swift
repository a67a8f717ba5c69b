/// One model's score in the rolling-origin backtest.
public struct BacktestScore: Sendable, Equatable {
    public let model: ForecastModel
    /// Mean absolute one-step-ahead error.
    public let mae: Double
    /// Mean absolute percentage error, in percent; NaN when an actual value is 0.
    public let mape: Double
    /// Mean absolute scaled error: the mean over origins of |eⱼ|/scaleⱼ, with scaleⱼ the mean
    /// absolute first difference of origin j's training data (the in-sample naive forecast).
    /// An origin whose training window is constant (scale 0) counts 0 when its error is 0 (a
    /// constant forecast perfectly) and +∞ otherwise.
    public let mase: Double
}

/// The result of the rolling-origin backtest of `auto`.
public struct Backtest: Sendable, Equatable {
    /// The number of forecast origins (one-step-ahead forecasts per model).
    public let origins: Int
    /// The scores of the models that could be evaluated, in the order linear, loglinear, drift.
    public let scores: [BacktestScore]
    /// Models left out, with the reason (e.g. loglinear when a value is ≤ 0).
    public let excluded: [(model: ForecastModel, reason: ForecastError)]
    /// The chosen model: the lowest MASE; ties within rounding (1e-9 relative; e.g. a constant
    /// series, where every model has MASE 0) go to the first in the order linear, loglinear, drift.
    public let chosen: ForecastModel

    public static func == (a: Backtest, b: Backtest) -> Bool {
        a.origins == b.origins && a.scores == b.scores && a.chosen == b.chosen
            && a.excluded.map(\.model) == b.excluded.map(\.model)
    }
}

/// The fewest points `auto` needs.
public let minimumAutoPoints = 4

/// The number of one-step-ahead origins for n points: max(3, ⌊n/2⌋), but at most n − 2 so that
/// every training window has at least 2 points (n = 4 → 2, n = 5 → 3, n = 10 → 5).
public func backtestOrigins(count n: Int) -> Int {
    min(n - 2, max(3, n / 2))
}

/// Rolling-origin, one-step-ahead backtest of linear, loglinear and drift, and the model
/// with the lowest MASE (SPEC 8 `auto`).
///
/// With k = `backtestOrigins(count: n)` origins, origin j (j = 1…k) trains on the first
/// n − k + j − 1 points (an expanding window) and forecasts the next one. loglinear is excluded
/// when some value is ≤ 0; drift when the years are not consecutive.
///
/// - Throws: `.tooFewPoints` below 4 points, `.yearsNotIncreasing`, `.nonFinite`.
public func backtest(years: [Int], values: [Double]) throws(ForecastError) -> Backtest {
    let n = values.count
    guard n >= minimumAutoPoints else { throw .tooFewPoints(needed: minimumAutoPoints, actual: n) }
    for i in values.indices where !values[i].isFinite { throw .nonFinite(year: years[i]) }
    for i in 1 ..< n where years[i] <= years[i - 1] { throw .yearsNotIncreasing(year: years[i]) }
    let k = backtestOrigins(count: n)
    var scores: [BacktestScore] = []
    var excluded: [(model: ForecastModel, reason: ForecastError)] = []
    for model in ForecastModel.allCases {
        var absoluteErrors: [Double] = []
        var percentErrors: [Double] = []
        var scaledErrors: [Double] = []
        do throws(ForecastError) {
            // Checks the whole series once (loglinear: values > 0; drift: consecutive years).
            _ = try fitTrendUnchecked(model, years: years, values: values)
            for j in 0 ..< k {
                let m = n - k + j
                let trainYears = Array(years[..<m]), trainValues = Array(values[..<m])
                let fit = try fitTrendUnchecked(model, years: trainYears, values: trainValues)
                let error = values[m] - fit.pointForecast(year: years[m])
                var scale = 0.0
                for i in 1 ..< m { scale += abs(trainValues[i] - trainValues[i - 1]) }
                scale /= Double(m - 1)
                absoluteErrors.append(abs(error))
                percentErrors.append(values[m] == 0 ? .nan : 100 * abs(error) / abs(values[m]))
                scaledErrors.append(abs(error) == 0 ? 0 : abs(error) / scale)
            }
        } catch {
            excluded.append((model, error))
            continue
        }
        func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }
        scores.append(BacktestScore(model: model, mae: mean(absoluteErrors), mape: mean(percentErrors),
                                    mase: mean(scaledErrors)))
    }
    var chosen = scores.first?.model ?? .linear
    var best = Double.infinity
    // A later model must beat the best so far by more than rounding (1e-9 relative, 1e-12
    // absolute), so exact ties, e.g. linear and drift on a straight line, keep the earlier one.
    for score in scores where score.mase < best - 1e-9 * best - 1e-12 || (best == .infinity && score.mase < best) {
        best = score.mase
        chosen = score.model
    }
    return Backtest(origins: k, scores: scores, excluded: excluded, chosen: chosen)
}
