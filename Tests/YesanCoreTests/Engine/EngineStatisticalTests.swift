import Testing
@testable import YesanCore

/// Statistical acceptance of the engine's draws (SPEC 3.2–3.5). Every tolerance is at least five
/// standard errors of the estimate at the N used, stated beside the check; the seeds are fixed,
/// so the tests are deterministic.
@Suite("Engine: statistics of drivers and events")
struct EngineStatisticalTests {
    typealias S = EngineSupport

    /// Draws `trials` trials of `scenario` and returns each driver's values by year (trial order).
    static func driverValues(_ scenario: Scenario, trials: Int) throws -> [String: [[Double]]] {
        let simulation = try Simulation(scenario)
        let model = Model(plan: simulation.plan, run: RunPlan(plan: simulation.plan, catalogue: simulation.catalogue, keys: []))
        let ws = Workspace(plan: model.plan, run: model.run, lanes: 1000)
        var out: [String: [[Double]]] = [:]
        for (name, column) in simulation.plan.driverColumns {
            out[name] = Array(repeating: [], count: column.perYear ? scenario.years.count : 1)
        }
        for first in stride(from: 0, to: trials, by: 1000) {
            model.draw(ws, first: first, lanes: 1000)
            for (name, column) in simulation.plan.driverColumns {
                for y in 0..<(column.perYear ? scenario.years.count : 1) {
                    out[name]![y] += UnsafeBufferPointer(start: ws.input(column.row + y), count: 1000)
                }
            }
        }
        return out
    }

    /// examples/drivers.yaml's drivers and its 신중년경력형 program (176 slots at 14.2, cost growth
    /// $임금상승률, execution 1).
    static var drivers: Scenario {
        Scenario(
            name: "drivers", years: 2025...2029, seed: 20_251_123,
            drivers: [
                Driver(name: "임금상승률", distribution: try! Distribution.normal(mean: 0.035, sd: 0.01).clipped(lower: -0.5, upper: nil),
                       recurrence: .perYear(rho: 0.5)),
                Driver(name: "물가상승률", distribution: try! Distribution.normal(mean: 0.02, sd: 0.005).clipped(lower: -0.5, upper: nil),
                       recurrence: .perYear(rho: 0)),
                Driver(name: "국비증가율", distribution: try! .triangular(min: -0.05, mode: 0, max: 0.03), recurrence: .perYear(rho: 0.3)),
                Driver(name: "집행률", distribution: try! .beta(mean: 0.92, sd: 0.03)),
            ],
            correlations: [DriverCorrelation("임금상승률", "물가상승률", 0.6), DriverCorrelation("국비증가율", "물가상승률", -0.2)],
            programs: [S.program("신중년경력형", group: "중장년", participants: .constant(176), unitCost: .constant(14.2),
                                 costGrowth: .driver("임금상승률"), shares: [("국비", 0.5), ("도비", 0.1), ("시비", 0.4)])])
    }

    /// N = 100 000. The standard error of a sample correlation r is about (1 − r²)/√N ≤ 0.0032, so
    /// 0.016 is at least 5 SE. 임금 (rho 0.5) and 물가 (rho 0) have correlated innovations (r = 0.6):
    /// in the base year z_w = ε_w, z_p = ε_p, so corr = r; later z_w,t = ρ z_w,t−1 + √(1 − ρ²) ε_w,t
    /// with z_w,t−1 independent of ε_p,t, so corr(z_w,t, z_p,t) = r·√(1 − ρ²) = 0.6·0.866 = 0.520
    /// (normal marginals: the values are linear in z, the clip at −0.5 is 50 sd away).
    /// Lag-1 autocorrelation of 임금 is ρ = 0.5. The sd of a normal driver's values is 0.01
    /// (SE of a sample sd ≈ σ/√(2N) = 2.2e-5; tolerance 1.2e-4).
    @Test("copula on innovations, AR(1): base-year r, later r·√(1 − ρ²), lag-1 ρ, marginal sd")
    func correlatedDrivers() throws {
        let v = try Self.driverValues(Self.drivers, trials: 100_000)
        let w = try #require(v["임금상승률"]), p = try #require(v["물가상승률"])
        #expect(abs(pearson(w[0], p[0]) - 0.6) < 0.016)
        #expect(abs(pearson(w[3], p[3]) - 0.6 * (0.75).squareRoot()) < 0.016)
        #expect(abs(pearson(w[2], w[3]) - 0.5) < 0.016)
        let m = w[4].reduce(0, +) / 100_000
        let sd = (w[4].map { ($0 - m) * ($0 - m) }.reduce(0, +) / 99_999).squareRoot()
        #expect(abs(sd - 0.01) < 1.2e-4)
        // 국비증가율 (triangular, rho 0.3) is correlated −0.2 with 물가 through the latent normals;
        // its values keep the triangular marginal: mean (min + mode + max)/3 = −0.00667,
        // sd = √((a² + b² + c² − ab − ac − bc)/18) = 0.0165; SE of the mean 5.2e-5, tolerance 3e-4.
        let g = try #require(v["국비증가율"])
        let gMean: Double = g[2].reduce(0, +) / 100_000
        let wantMean: Double = -0.02 / 3
        #expect(abs(gMean - wantMean) < 3e-4)
        #expect(g[2].allSatisfy { $0 >= -0.05 && $0 <= 0.03 })
    }

    /// budget@2027 = 176 · 14.2 · (1 + w₁)(1 + w₂), w the 2026 and 2027 draws of 임금상승률 with
    /// mean μ = 0.035, sd σ = 0.01 and corr(w₁, w₂) = ρ = 0.5: E = 176·14.2·((1 + μ)² + ρσ²),
    /// as reference.py's selftest. sd = 176·14.2·√((1+μ)²σ²(2 + 2ρ) + σ⁴(1 + ρ²)) ≈ 44.8; at
    /// N = 100 000 the SE of the mean is 0.142: tolerance 5 SE.
    @Test("E[budget] with AR(1) cost growth")
    func budgetWithAR1CostGrowth() throws {
        let simulation = try Simulation(Self.drivers)
        let key = MetricKey("budget.program.신중년경력형", year: 2027)
        let result = simulation.run(keys: [key, MetricKey("participants", year: 2029)], trials: 0..<100_000, threads: 2)
        let values = result.values(key)
        let mean = values.reduce(0, +) / Double(values.count)
        let mu = 1.035, sigma = 0.01, rho = 0.5, base = 176 * 14.2
        let want = base * (mu * mu + rho * sigma * sigma)
        let sd = base * (mu * mu * sigma * sigma * (2 + 2 * rho) + sigma * sigma * sigma * sigma * (1 + rho * rho)).squareRoot()
        #expect(abs(mean - want) < 5 * sd / (100_000.0).squareRoot(), "mean \(mean), want \(want)")
        // Participants are the slots at execution 1: 176 up to rounding (S / c with c = 14.2·CG).
        #expect(result.values(MetricKey("participants", year: 2029)).allSatisfy { abs($0 - 176) < 1e-9 })
    }

    /// Events with probabilities and drawn years (as examples/funding.yaml), N = 20 000:
    /// - 지역주도형청년 terminates in a year uniform on 2026..2027 with p = 0.8, starting
    ///   청년미래패키지: P(successor active) = 0 in 2025, 0.8·½ = 0.4 in 2026, 0.8 from 2027.
    /// - 공공근로 is scaled by 0.7 with p = 0.5 in 2027 (weight 1) or 2028 (weight 3):
    ///   P(scaled by 2027) = 0.5·¼ = 0.125, P(scaled by 2028) = 0.5.
    /// SE of a frequency is √(p(1 − p)/N) ≤ 0.0036; tolerance 5 SE (+1e-9 for p = 0).
    /// And in no trial and year are a predecessor and its successor both active.
    @Test("event probabilities, drawn years, and successors never beside their predecessors")
    func events() throws {
        let scenario = Scenario(name: "events", years: 2025...2030, seed: 1, programs: [
            S.program("지역주도형청년", budget: .constant(900), shares: [("국비", 1)],
                      events: [(.drawn(try .integerUniform(min: 2026, max: 2027)), 0.8, .terminate(successor: "청년미래패키지"))]),
            S.program("청년미래패키지", budget: .constant(1300), shares: [("시비", 1)]),
            S.program("공공근로", budget: .constant(100), shares: [("시비", 1)],
                      events: [(.drawn(try .discrete(values: [2027, 2028], weights: [1, 3])), 0.5, .scale(.constant(0.7)))]),
        ])
        let n = 20_000
        let values = try S.runAll(scenario, trials: n, threads: 2)
        func frequency(_ key: String, _ test: (Double) -> Bool) -> Double {
            Double(values[key]!.filter(test).count) / Double(n)
        }
        func tolerance(_ p: Double) -> Double { 5 * (p * (1 - p) / Double(n)).squareRoot() + 1e-9 }
        for (year, want) in [(2025, 0.0), (2026, 0.4), (2027, 0.8), (2030, 0.8)] {
            let got = frequency("budget.program.청년미래패키지@\(year)") { $0 > 0 }
            #expect(abs(got - want) <= tolerance(want), "successor active in \(year): \(got), want \(want)")
        }
        for (year, want) in [(2026, 0.0), (2027, 0.125), (2028, 0.5), (2030, 0.5)] {
            let got = frequency("budget.program.공공근로@\(year)") { $0 < 100 }
            #expect(abs(got - want) <= tolerance(want), "scaled by \(year): \(got), want \(want)")
        }
        for year in 2025...2030 {
            let a = values["budget.program.지역주도형청년@\(year)"]!, s = values["budget.program.청년미래패키지@\(year)"]!
            #expect(!zip(a, s).contains { $0 > 0 && $1 > 0 }, "both active in \(year)")
            #expect(zip(a, s).allSatisfy { $0 > 0 || $1 > 0 }, "neither active in \(year)")
        }
    }
}
