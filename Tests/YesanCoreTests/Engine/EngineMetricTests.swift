import Testing
@testable import YesanCore

/// Keys, `--metric` selection, the memory estimate and errors (SPEC 6; reference.py
/// `metric_names`, `metric_keys`, `select`).
@Suite("Engine: metric keys and selection (SPEC 6)")
struct EngineMetricTests {
    typealias S = EngineSupport

    static var scenario: Scenario {
        Scenario(name: "keys", years: 2025...2026, trials: 10, sources: [
            FundingSource(name: "시비", cap: .constant(.constant(100))),
            FundingSource(name: "일자리기금", fund: Fund(balance: .constant(50))),
            FundingSource(name: "국비"),
        ], programs: [
            S.program("나", budget: .constant(10), shares: [("국비", 1)]),
            S.program("가", budget: .constant(20), shares: [("시비", 1)]),
        ], targets: [
            Target(name: "참여 목표", metric: "participants", filter: TargetFilter(groups: ["청년"]), year: 2026, atLeast: 1),
            Target(name: "총액", metric: "budget", year: nil, atMost: 100),
        ], categories: ["직접일자리", "직업훈련"], groups: ["청년", "노인"])
    }

    @Test("MetricKey prints name@year and name@total")
    func description() {
        #expect(MetricKey("spend.시비", year: 2025).description == "spend.시비@2025")
        #expect(MetricKey("budget", year: nil).description == "budget@total")
    }

    /// reference.py order: the seven flows, then requested/budget/spend/shortfall by source (in
    /// source order), funds (balance, depleted), breakdowns (budget, spend, participants,
    /// placements × categories then groups), each at 2025, 2026, total; then the targets at their
    /// own year. 7 + 4·3 + 2 + 4·(2 + 2) = 37 names × 3 + 2 targets = 113 keys.
    @Test("metricKeys: reference.py's order; programs only when asked")
    func keys() throws {
        let simulation = try Simulation(Self.scenario)
        let keys = simulation.metricKeys()
        #expect(keys.count == 37 * 3 + 2)
        #expect(keys.prefix(4).map(\.description) == ["requested@2025", "requested@2026", "requested@total", "budget@2025"])
        let names = keys.map(\.name)
        #expect(names.firstIndex(of: "cut")! < names.firstIndex(of: "participants")!)
        #expect(names.firstIndex(of: "requested.시비")! < names.firstIndex(of: "requested.일자리기금")!)
        #expect(names.contains("fund.일자리기금.balance") && names.contains("fund.일자리기금.depleted"))
        #expect(!names.contains("fund.시비.balance"))
        #expect(keys.suffix(2).map(\.description) == ["target.참여 목표@2026", "target.총액@total"])
        #expect(!names.contains { $0.contains(".program.") })
        let all = simulation.metricKeys(includePrograms: true)
        #expect(all.count == keys.count + 4 * 2 * 3)
        // Programs in code-point order of ids: 가 (U+AC00) before 나 (U+B098).
        let programs = all.filter { $0.name.hasPrefix("budget.program.") && $0.year == 2025 }.map(\.name)
        #expect(programs == ["budget.program.가", "budget.program.나"])
    }

    @Test("select: NAME, NAME@YEAR, NAME@total, wildcards, programs only by name, no duplicates")
    func select() throws {
        let simulation = try Simulation(Self.scenario)
        #expect(try simulation.select(["spend.시비"]).map(\.description) == ["spend.시비@2025", "spend.시비@2026", "spend.시비@total"])
        #expect(try simulation.select(["spend.시비@2026"]) == [MetricKey("spend.시비", year: 2026)])
        #expect(try simulation.select(["budget@total"]) == [MetricKey("budget", year: nil)])
        #expect(try simulation.select(["budget.category.*@2025"]).map(\.description)
                == ["budget.category.직접일자리@2025", "budget.category.직업훈련@2025"])
        #expect(try simulation.select(["*"]) == simulation.metricKeys())
        let programs = try simulation.select(["spend.program.*"])
        #expect(programs.count == 2 * 3 && programs.allSatisfy { $0.name.hasPrefix("spend.program.") })
        #expect(try simulation.select(["budget", "budget@2025", "budget*"]).prefix(3).map(\.description)
                == ["budget@2025", "budget@2026", "budget@total"])
        #expect(try simulation.select(["target.*"]).map(\.description) == ["target.참여 목표@2026", "target.총액@total"])
        #expect(try simulation.select(["fund.*.balance@total"]) == [MetricKey("fund.일자리기금.balance", year: nil)])
    }

    @Test("an unknown metric is an error with a did-you-mean")
    func unknownMetric() throws {
        let simulation = try Simulation(Self.scenario)
        #expect(throws: SimulationError.unknownMetric(pattern: "spnd@2025", suggestion: "spend")) {
            try simulation.select(["spnd@2025"])
        }
        #expect(throws: SimulationError.unknownMetric(pattern: "budget@2031", suggestion: "budget")) {
            try simulation.select(["budget@2031"])
        }
        do {
            _ = try simulation.select(["target.총액@2025"])
            Issue.record("a target outside its year matched")
        } catch {
            #expect(error.description.contains("nothing matches") && error.description.contains("only at its own year"))
        }
    }

    @Test("the memory estimate: 8 bytes per key and trial plus one sort column; saturates")
    func memoryEstimate() {
        #expect(Simulation.estimatedBytes(keys: 59, trials: 100_000) == 60 * 100_000 * 8)
        #expect(Simulation.estimatedBytes(keys: 0, trials: 10) == 80)
        #expect(Simulation.estimatedBytes(keys: 1 << 40, trials: 1 << 30) == .max)
    }

    @Test("a key the scenario lacks gives NaN; the rest are unaffected; values keep trial order")
    func unknownKeyInRun() throws {
        let simulation = try Simulation(Self.scenario)
        let keys = [MetricKey("budget", year: 2025), MetricKey("nonsense", year: 2025), MetricKey("budget", year: 1999),
                    MetricKey("target.참여 목표", year: 2025)]
        let result = simulation.run(keys: keys, trials: 0..<10, threads: 2)
        #expect(result.values(keys[0]) == Array(repeating: 30, count: 10))
        #expect(result.values(keys[1]).allSatisfy { $0.isNaN } && result.values(keys[2]).allSatisfy { $0.isNaN })
        #expect(result.values(keys[3]).allSatisfy { $0.isNaN })
        #expect(result.values(MetricKey("spend", year: 2025)).isEmpty)
        let stats = result.summaries(threads: 2)
        #expect(stats[0].mean == 30 && stats[0].count == 10 && stats[1].undefined == 10)
    }

    /// The fund limits 50 + 0 < demand 0? No program draws on it: demand 0, never depleted;
    /// target 총액: budget Σ = 60 ≤ 100 → met; 참여 목표: no unit costs → 0 participants < 1.
    @Test("targets: 1/0 at their year or total")
    func targets() throws {
        let simulation = try Simulation(Self.scenario)
        let result = simulation.run(keys: try simulation.select(["target.*", "fund.일자리기금.depleted@total"]), trials: 0..<3, threads: 1)
        #expect(result.values(MetricKey("target.총액", year: nil)) == [1, 1, 1])
        #expect(result.values(MetricKey("target.참여 목표", year: 2026)) == [0, 0, 0])
        #expect(result.values(MetricKey("fund.일자리기금.depleted", year: nil)) == [0, 0, 0])
    }

    @Test("inconsistent models are errors, not crashes")
    func inconsistent() {
        var s = Self.scenario
        s.programs[0].shares = [SourceFraction("없는재원", 1)]
        #expect(throws: SimulationError.self) { try Simulation(s) }
        s = Self.scenario
        s.programs[0].growth = .driver("없는변수")
        #expect(throws: SimulationError.self) { try Simulation(s) }
        s = Self.scenario
        s.programs[0].events = [Event(identity: "e", year: .fixed(2026), action: .terminate(successor: "없는사업"))]
        #expect(throws: SimulationError.self) { try Simulation(s) }
        s = Self.scenario
        s.targets[1].metric = "nonsense"
        #expect(throws: SimulationError.self) { try Simulation(s) }
    }

    /// Three drivers pairwise ±0.9 cannot be correlated: the error names them and carries the
    /// nearest matrix; --repair-correlation runs with it.
    @Test("a correlation matrix that is not positive definite; repair")
    func correlation() throws {
        var s = Self.scenario
        let normal = try Distribution.normal(mean: 0, sd: 1)
        s.drivers = ["a", "b", "c"].map { Driver(name: $0, distribution: normal) }
        s.correlations = [DriverCorrelation("a", "b", 0.9), DriverCorrelation("b", "c", 0.9), DriverCorrelation("a", "c", -0.9)]
        do {
            _ = try Simulation(s)
            Issue.record("no error")
        } catch {
            guard case .correlationNotPositiveDefinite(let drivers, let order, let nearest) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(Set(drivers) == ["a", "b", "c"] && order == ["a", "b", "c"] && nearest.rows == 3)
            #expect(error.description.contains("--repair-correlation"))
        }
        let repaired = try Simulation(s, repairCorrelation: true)
        #expect(repaired.isCorrelationRepaired)
        #expect(try Simulation(Self.scenario).shownSources == ["시비", "일자리기금", "국비"])
    }
}

/// Scenarios at the edges of what a loader could produce (or a caller could build by hand) run
/// without crashing: no programs, one year, events outside the horizon or never firing, a base
/// year far outside the horizon with per-year growth, an empty key list, negative trial indices.
@Suite("Engine: odd scenarios")
struct EngineOddScenarioTests {
    typealias S = EngineSupport

    @Test("edge cases run and give finite or NaN values, never a crash")
    func oddScenarios() throws {
        let perYear = Quantity.random(RandomQuantity(try .uniform(min: 0, max: 0.1), recurrence: .perYear(rho: 0.3),
                                                     identity: "program:A:growth"))
        let scenarios = [
            Scenario(name: "empty", years: 2025...2025, trials: 5, sources: [], programs: []),
            Scenario(name: "one year", years: 2025...2025, trials: 5, programs: [
                S.program("A", budget: .constant(10), shares: [("국비", 1)], events: [
                    S.at(2031, .scale(.constant(2))), (.fixed(2025), 0, .terminate(successor: nil)),
                    (.drawn(try .discrete(values: [2024.5, 2025], weights: [1, 1])), 1, .scale(.constant(3))),
                ]),
            ]),
            Scenario(name: "far base year", years: 2025...2027, trials: 5, programs: [
                S.program("A", baseYear: 1990, budget: .constant(10), growth: perYear, shares: [("국비", 1)]),
                S.program("B", baseYear: 2100, participants: .constant(5), unitCost: .constant(2),
                          costGrowth: .constant(0.01), shares: [("국비", 1)]),
            ]),
        ]
        for scenario in scenarios {
            let simulation = try Simulation(scenario)
            let keys = simulation.metricKeys(includePrograms: true)
            for range in [0..<5, -3..<2, 3..<3] {
                let result = simulation.run(keys: keys, trials: range, threads: 3)
                #expect(result.trials == Swift.max(range.lowerBound, 0)..<Swift.max(range.upperBound, 0))
                for key in keys {
                    #expect(result.values(key).allSatisfy { $0.isFinite || ($0.isNaN && key.name == "cost_per_placement") })
                }
                _ = result.summaries(threads: 2)
            }
            #expect(simulation.run(keys: [], trials: 0..<5, threads: 1).keys.isEmpty)
        }
    }
}
