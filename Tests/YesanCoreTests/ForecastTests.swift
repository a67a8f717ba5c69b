import Foundation
import Testing
import YesanCore

// Reference values: Tests/YesanCoreTests/Fixtures/forecast.json, written by
// Tests/Reference/make_forecast_fixtures.py (statsmodels 0.15 `sm.OLS(y, sm.add_constant(year))`,
// `get_prediction(...).summary_frame(alpha)` obs_ci_lower/upper; loglinear exponentiated).

private struct ForecastFixture: Decodable {
    struct Fit: Decodable {
        let params: [Double]
        let se: [Double]
        let sigma: Double
        let fitted: [Double]
        let forecast: [String: [Double]]
    }
    struct Case: Decodable {
        let name: String
        let years: [Int]
        let values: [Double]
        let linear: Fit
        let loglinear: Fit
    }
    let levels: [Double]
    let horizon: Int
    let cases: [Case]
}

@Suite("Forecast trends (SPEC 8)")
struct ForecastTests {
    @Test("linear and loglinear equal statsmodels OLS to 1e-8 relative (coefficients, se, s, fitted, intervals)")
    func statsmodels() throws {
        let fixture = try loadFixture("forecast.json", as: ForecastFixture.self)
        #expect(fixture.cases.contains { $0.name == "goyang_시비" })
        var worst = 0.0
        var worstWhere = ""
        func check(_ a: Double, _ b: Double, _ label: @autoclosure () -> String) {
            let e = relativeError(a, b)
            if e > worst { worst = e; worstWhere = label() }
            #expect(e <= 1e-8, "\(label()): \(a) vs statsmodels \(b)")
        }
        for c in fixture.cases {
            for model in [ForecastModel.linear, .loglinear] {
                let ref = model == .linear ? c.linear : c.loglinear
                let fit = try fitTrend(model, years: c.years, values: c.values)
                let tag = "\(c.name)/\(model)"
                check(fit.intercept!, ref.params[0], "\(tag) intercept")
                check(fit.slope!, ref.params[1], "\(tag) slope")
                check(fit.interceptStandardError!, ref.se[0], "\(tag) se(intercept)")
                check(fit.slopeStandardError!, ref.se[1], "\(tag) se(slope)")
                check(fit.sigma, ref.sigma, "\(tag) sigma")
                for (a, b) in zip(fit.fitted, ref.fitted) { check(a, b, "\(tag) fitted") }
                let forecast = try fit.forecast(horizon: fixture.horizon, levels: fixture.levels)
                for (i, p) in forecast.enumerated() {
                    #expect(p.year == Int(ref.forecast["year"]![i]))
                    check(p.point, ref.forecast["point"]![i], "\(tag) point \(p.year)")
                    for interval in p.intervals {
                        let label = interval.level == 0.8 ? "80" : "95"
                        check(interval.lower, ref.forecast["lo\(label)"]![i], "\(tag) lo\(label) \(p.year)")
                        check(interval.upper, ref.forecast["hi\(label)"]![i], "\(tag) hi\(label) \(p.year)")
                    }
                }
            }
        }
        print("forecast vs statsmodels: max relative error \(worst) (\(worstWhere))")
    }

    // Hand-computed drift case (SPEC 8 closed form):
    //   years 2019…2023, y = 100, 110, 115, 130, 135; T = 5.
    //   d̂ = (135 − 100)/(5 − 1) = 8.75.
    //   first differences 10, 5, 15, 5 (mean 8.75); deviations 1.25, −3.75, 6.25, −3.75;
    //   squares 1.5625 + 14.0625 + 39.0625 + 14.0625 = 68.75; σ̂² = 68.75/3 (n − 1 = 3 divisor).
    //   ŷ_{T+h} = 135 + 8.75h; half-width z·σ̂·√(h(1 + h/4)):
    //   h = 1: σ̂·√1.25 = √(68.75·1.25/3) = √28.6458333… = 5.352180241110471
    //   h = 2: σ̂·√3    = √68.75                      = 8.2915619758885
    //   h = 5: σ̂·√11.25 = √257.8125                   = 16.056540723331413
    //   z₀.₉₀ = Φ⁻¹(0.9) = 1.2815515655446004, z₀.₉₇₅ = Φ⁻¹(0.975) = 1.959963984540054, so
    //   h = 1: lo80 = 143.75 − 1.2815515655446004·5.352180241110471 = 136.890905032928,
    //          hi95 = 143.75 + 1.959963984540054·5.352180241110471 = 154.24008051134342
    //   h = 2: lo80 = 141.87393576899, hi95 = 168.75116284832322
    //   h = 5: point 178.75, lo80 = 158.172715098784, hi95 = 210.22024153403027
    @Test("drift equals the closed-form formulas on a hand-computed case")
    func driftClosedForm() throws {
        let fit = try fitTrend(.drift, years: Array(2019 ... 2023), values: [100, 110, 115, 130, 135])
        #expect(fit.drift == 8.75)
        #expect(relativeError(fit.sigma, (68.75 / 3).squareRoot()) < 1e-15)
        #expect(relativeError(fit.driftStandardError!, (68.75 / 3 / 4).squareRoot()) < 1e-15)
        let f = try fit.forecast(horizon: 5, levels: [0.8, 0.95])
        #expect(f.map(\.year) == [2024, 2025, 2026, 2027, 2028])
        #expect(f.map(\.point) == [143.75, 152.5, 161.25, 170, 178.75])
        let expected: [(h: Int, lo80: Double, hi95: Double)] = [
            (1, 136.890905032928, 154.24008051134342),
            (2, 141.87393576899, 168.75116284832322),
            (5, 158.172715098784, 210.22024153403027),
        ]
        for e in expected {
            let p = f[e.h - 1]
            #expect(relativeError(p.intervals[0].lower, e.lo80) < 1e-14, "h=\(e.h) lo80 \(p.intervals[0].lower)")
            #expect(relativeError(p.intervals[1].upper, e.hi95) < 1e-14, "h=\(e.h) hi95 \(p.intervals[1].upper)")
            // Symmetric about the point.
            #expect(abs((p.intervals[0].lower + p.intervals[0].upper) / 2 - p.point) < 1e-12)
        }
        #expect(relativeError(f[1].intervals[1].upper - f[1].point, 1.959963984540054 * 68.75.squareRoot()) < 1e-14)
    }

    @Test("too few points: 3 per model, 4 for auto")
    func tooFewPoints() throws {
        for model in ForecastModel.allCases {
            #expect(throws: ForecastError.tooFewPoints(needed: 3, actual: 2)) {
                try fitTrend(model, years: [2021, 2022], values: [1, 2])
            }
        }
        #expect(throws: ForecastError.tooFewPoints(needed: 4, actual: 3)) {
            try backtest(years: [2020, 2021, 2022], values: [1, 2, 3])
        }
        // 3 points are enough for an explicit model (one residual degree of freedom).
        let fit = try fitTrend(.linear, years: [2020, 2021, 2022], values: [1, 2, 4])
        #expect(fit.count == 3)
    }

    @Test("loglinear refuses values ≤ 0 (naming the year); auto then excludes it")
    func nonPositive() throws {
        #expect(throws: ForecastError.nonPositive(year: 2020, value: 0)) {
            try fitTrend(.loglinear, years: [2019, 2020, 2021], values: [5, 0, 7])
        }
        #expect(throws: ForecastError.nonPositive(year: 2019, value: -1)) {
            try fitTrend(.loglinear, years: [2019, 2020, 2021], values: [-1, 2, 7])
        }
        let b = try backtest(years: Array(2016 ... 2021), values: [3, 0, 4, 6, 7, 9])
        #expect(b.scores.map(\.model) == [.linear, .drift])
        #expect(b.excluded.map(\.model) == [.loglinear])
        #expect(b.excluded.first?.reason == .nonPositive(year: 2017, value: 0))
    }

    @Test("a constant series: s = 0 and σ̂ = 0, zero-width intervals at the constant; auto picks linear")
    func constantSeries() throws {
        let years = Array(2018 ... 2022), values = [1200.0, 1200, 1200, 1200, 1200]
        for model in ForecastModel.allCases {
            let fit = try fitTrend(model, years: years, values: values)
            #expect(fit.sigma <= 1e-12, "\(model): s = \(fit.sigma)")  // 0 up to rounding
            for p in try fit.forecast(horizon: 3, levels: [0.8, 0.95]) {
                #expect(abs(p.point - 1200) < 1e-9, "\(model) \(p.point)")
                for i in p.intervals {
                    #expect(abs(i.lower - p.point) < 1e-9 && abs(i.upper - p.point) < 1e-9, "\(model) \(i)")
                }
            }
        }
        let b = try backtest(years: years, values: values)
        #expect(b.scores.allSatisfy { $0.mase == 0 && $0.mae == 0 })
        #expect(b.chosen == .linear)
        // All zeros: loglinear excluded, the others still work.
        let zeros = try backtest(years: years, values: [0, 0, 0, 0, 0])
        #expect(zeros.chosen == .linear && zeros.excluded.map(\.model) == [.loglinear])
        #expect(zeros.scores.allSatisfy { $0.mape.isNaN })
    }

    @Test("drift needs consecutive years; years must increase")
    func yearChecks() throws {
        #expect(throws: ForecastError.missingYear(year: 2020)) {
            try fitTrend(.drift, years: [2018, 2019, 2021], values: [1, 2, 3])
        }
        #expect(throws: ForecastError.yearsNotIncreasing(year: 2019)) {
            try fitTrend(.linear, years: [2019, 2020, 2019], values: [1, 2, 3])
        }
        // Gaps are fine for the regressions (the regressor is the calendar year).
        let fit = try fitTrend(.linear, years: [2018, 2019, 2021], values: [1, 2, 4])
        #expect(abs(fit.slope! - 1) < 1e-12)
    }

    @Test("auto: origins max(3, n/2) capped at n − 2; the model with the lowest MASE wins")
    func backtestChoice() throws {
        #expect(backtestOrigins(count: 4) == 2)
        #expect(backtestOrigins(count: 5) == 3)
        #expect(backtestOrigins(count: 6) == 3)
        #expect(backtestOrigins(count: 10) == 5)
        // A straight line: linear (and drift) forecast it exactly; tie → linear.
        let line = try backtest(years: Array(2013 ... 2022), values: (0 ..< 10).map { 50 + 7 * Double($0) })
        #expect(line.origins == 5 && line.chosen == .linear)
        #expect(line.scores.first { $0.model == .linear }!.mase < 1e-12)
        // Geometric growth at 12 % a year: loglinear is exact.
        let geometric = try backtest(years: Array(2013 ... 2022), values: (0 ..< 10).map { 100 * pow(1.12, Double($0)) })
        #expect(geometric.chosen == .loglinear)
        // Hand check of one model's scores: drift on 1, 2, 4, 7, 11 (n = 5, 3 origins).
        // origin 1: train 1,2  → d = 1,   forecast 3,   actual 4,  error 1, scale |2−1| = 1
        // origin 2: train 1,2,4 → d = 1.5, forecast 5.5, actual 7,  error 1.5, scale (1+2)/2 = 1.5
        // origin 3: train …,7  → d = 2,   forecast 9,   actual 11, error 2, scale (1+2+3)/3 = 2
        // MAE = 4.5/3 = 1.5, MASE = (1 + 1 + 1)/3 = 1, MAPE = (25 + 150/7 + 200/11)/3 %.
        let b = try backtest(years: Array(2018 ... 2022), values: [1, 2, 4, 7, 11])
        let drift = b.scores.first { $0.model == .drift }!
        #expect(abs(drift.mae - 1.5) < 1e-14)
        #expect(abs(drift.mase - 1) < 1e-14)
        #expect(abs(drift.mape - (25 + 150.0 / 7 + 200.0 / 11) / 3) < 1e-12)
    }

    @Test("growth rates for --emit-driver: loglinear exp(b) − 1 with sd exp(b)·se(b); drift d/y_T")
    func growthRates() throws {
        let fixture = try loadFixture("forecast.json", as: ForecastFixture.self)
        let c = fixture.cases.first { $0.name == "goyang_도비" }!
        let log = try fitTrend(.loglinear, years: c.years, values: c.values)
        let b = c.loglinear.params[1], se = c.loglinear.se[1]
        #expect(relativeError(log.growthRate.rate, exp(b) - 1) < 1e-8)
        #expect(relativeError(log.growthRate.standardError, exp(b) * se) < 1e-8)
        let drift = try fitTrend(.drift, years: Array(2019 ... 2023), values: [100, 110, 115, 130, 135])
        #expect(relativeError(drift.growthRate.rate, 8.75 / 135) < 1e-15)
        #expect(relativeError(drift.growthRate.standardError, (68.75 / 12).squareRoot() / 135) < 1e-15)
        // linear: the delta method on (ŷ_T, b) equals the textbook one on (a, b),
        // g = b/(a + bT), ∇g = (−b, a)/ŷ², Var = s²·∇ᵀ(XᵀX)⁻¹∇ (which cancels ~6 digits with raw years).
        let lin = try fitTrend(.linear, years: c.years, values: c.values)
        let ls = try leastSquares(Matrix(c.years.map { [1, Double($0)] }), c.values)
        let a = ls.coefficients[0], bl = ls.coefficients[1], level = a + bl * 2022
        let ga = -bl / (level * level), gb = a / (level * level)
        let cov = ls.unscaledCovariance
        let naive = (lin.sigma * lin.sigma * (ga * ga * cov[0, 0] + 2 * ga * gb * cov[0, 1] + gb * gb * cov[1, 1])).squareRoot()
        #expect(relativeError(lin.growthRate.rate, bl / level) < 1e-10)
        #expect(relativeError(lin.growthRate.standardError, naive) < 1e-5, "\(lin.growthRate.standardError) vs \(naive)")
        // linear: b/ŷ_T; an exact line has s = 0, so sd 0.
        let line = try fitTrend(.linear, years: Array(2018 ... 2022), values: [100, 110, 120, 130, 140])
        #expect(abs(line.growthRate.rate - 10.0 / 140) < 1e-12)
        #expect(line.growthRate.standardError < 1e-9)
    }
}
