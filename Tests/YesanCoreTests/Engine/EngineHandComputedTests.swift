import Testing
@testable import YesanCore

/// SPEC 4 on fixed scenarios (no randomness: every trial is the same), every expected number
/// derived by hand in the comments. Amounts in 백만원.
@Suite("Engine: hand-computed scenarios (SPEC 4)")
struct EngineHandComputedTests {
    typealias S = EngineSupport

    static func expect(_ values: [String: [Double]], _ expected: [String: Double],
                       sourceLocation: SourceLocation = #_sourceLocation) {
        for (key, want) in expected.sorted(by: { $0.key < $1.key }) {
            guard let got = values[key] else {
                Issue.record("missing key \(key)", sourceLocation: sourceLocation)
                continue
            }
            #expect(got.allSatisfy { S.close($0, want) }, "\(key): got \(got), want \(want)", sourceLocation: sourceLocation)
        }
    }

    /// A: budget 1000, shares 국비 0.6 / 시비 0.4.
    ///   2026: cut 국비 0.5, absorb 시비 0.5 and 도비 0.25: removed = 0.5·0.6 = 0.3, Σa = 0.75,
    ///   keep = 1 − 0.3·(1 − 0.75) = 0.925 → m = 0.925. Amounts: 국비 0.6·0.5 = 0.3, 시비 0.4 +
    ///   0.5·0.3 = 0.55, 도비 0.25·0.3 = 0.075 (sum 0.925): budget 925 = 300 + 550 + 75.
    ///   2027: cut 시비 1.0, no absorb: removed = 0.55/0.925, keep = 0.375/0.925, m = 0.375:
    ///   budget 375 = 국비 300 + 도비 75, 시비 0.
    /// B: budget 80, 국비 1; 2026: cut 국비 1.0, nothing absorbed: keep = 1 − 1·1 = 0 → m = 0, shares
    ///   kept; 2027: scale 2 → still 0.
    /// No constraint binds, so `cut` (removed by constraints) is 0 although events shrank A.
    @Test("a cut with absorption, and a cut that removes everything")
    func cutAndAbsorb() throws {
        let scenario = Scenario(name: "cut", years: 2025...2027, trials: 3, programs: [
            S.program("A", budget: .constant(1000), shares: [("국비", 0.6), ("시비", 0.4)], events: [
                S.at(2026, S.cut([("국비", 0.5)], absorb: [("시비", 0.5), ("도비", 0.25)])),
                S.at(2027, S.cut([("시비", 1.0)])),
            ]),
            S.program("B", budget: .constant(80), shares: [("국비", 1)], events: [
                S.at(2026, S.cut([("국비", 1.0)])), S.at(2027, .scale(.constant(2))),
            ]),
        ])
        let v = try S.runAll(scenario, trials: 3)
        Self.expect(v, [
            "budget@2025": 1080, "budget.국비@2025": 680, "budget.시비@2025": 400, "budget.도비@2025": 0,
            "budget.program.A@2026": 925, "budget.국비@2026": 300, "budget.시비@2026": 550, "budget.도비@2026": 75,
            "budget.program.B@2026": 0,
            "budget.program.A@2027": 375, "budget.국비@2027": 300, "budget.시비@2027": 0, "budget.도비@2027": 75,
            "budget.program.B@2027": 0, "requested@2027": 375, "cut@2026": 0, "cut@total": 0,
            "budget@total": 1080 + 925 + 375,
        ])
    }

    /// C: budget 200 at execution 0.9, shares 국비 0.5 / 시비 0.5; 2026: shares → 도비 0.3, 시비 0.7
    /// (size unchanged). 2025: 국비 100, 시비 100; 2026: 도비 60, 시비 140, 국비 0; spend × 0.9:
    /// spend.시비 = 90, then 126; spend.도비@2026 = 54.
    @Test("a 보조율 change re-splits without changing the size")
    func sharesChange() throws {
        let scenario = Scenario(name: "shares", years: 2025...2026, trials: 2, programs: [
            S.program("C", budget: .constant(200), execution: .constant(0.9), shares: [("국비", 0.5), ("시비", 0.5)],
                      events: [S.at(2026, S.shares([("도비", 0.3), ("시비", 0.7)]))]),
        ])
        let v = try S.runAll(scenario, trials: 2)
        Self.expect(v, [
            "budget@2025": 200, "budget.국비@2025": 100, "budget.시비@2025": 100,
            "budget@2026": 200, "budget.국비@2026": 0, "budget.도비@2026": 60, "budget.시비@2026": 140,
            "spend.시비@2025": 90, "spend.시비@2026": 126, "spend.도비@2026": 54, "spend@total": 360,
        ])
    }

    /// P1: budget 100 (국비), terminates in 2026 with successor S1. S1: budget 50, years
    /// 2025..2026: inactive in 2025 (a successor waits for its terminate), active in 2026, then
    /// bounded by its own years in 2027. S2 is named by an event of probability 0: never active.
    @Test("terminate activates the successor from its year, within the successor's years")
    func terminateAndSuccessor() throws {
        let scenario = Scenario(name: "successor", years: 2025...2027, trials: 2, programs: [
            S.program("P1", budget: .constant(100), shares: [("국비", 1)], events: [S.at(2026, .terminate(successor: "S1"))]),
            S.program("S1", years: 2025...2026, budget: .constant(50), shares: [("국비", 1)]),
            S.program("P2", budget: .constant(10), shares: [("국비", 1)],
                      events: [(.fixed(2025), 0, .terminate(successor: "S2"))]),
            S.program("S2", budget: .constant(7), shares: [("국비", 1)]),
        ])
        let v = try S.runAll(scenario, trials: 2)
        Self.expect(v, [
            "budget.program.P1@2025": 100, "budget.program.P1@2026": 0, "budget.program.P1@2027": 0,
            "budget.program.S1@2025": 0, "budget.program.S1@2026": 50, "budget.program.S1@2027": 0,
            "budget.program.P2@2027": 10, "budget.program.S2@total": 0, "budget@total": 100 + 10 + 60 + 10,
        ])
    }

    /// 시비 cap by year: 300, 200, 380. Demand on 시비 every year: H1 100 (시비 1, priority 9) +
    /// H2 60·0.5 = 30 (priority 9) + M1 200 (priority 5) + L1 100·0.5 = 50 (priority 1) = 380.
    /// 2025: D = 80; group 9 demands 130 > 80 → × (1 − 80/130) = 50/130: H1 500/13 = 38.46…,
    ///   H2 300/13 = 23.07… (its 국비 half is lost with it); stop. budget.시비 = 300; cut =
    ///   (100 + 60)·80/130 = 1280/13; budget.국비 = H2 150/13 + L1 50.
    /// 2026: D = 180; group 9 (130 ≤ 180) → 0, D = 50; group 5 (M1 200 > 50) × 0.75 → 150; L1
    ///   untouched. budget.시비 = 150 + 50 = 200; cut = 160 + 50 = 210.
    /// 2027: demand 380 = cap: "over" is strict, nothing is cut, shortfall 0.
    @Test("priority cuts under a cap: a partial group, a whole group then a partial one, a tie")
    func priorityCut() throws {
        let scenario = Scenario(name: "priority", years: 2025...2027, trials: 2, sources: [
            FundingSource(name: "국비"), FundingSource(name: "도비"),
            FundingSource(name: "시비", cap: .byYear([.constant(300), .constant(200), .constant(380)]), cut: .priority),
            FundingSource(name: "기금"), FundingSource(name: "기타"),
        ], programs: [
            S.program("H1", budget: .constant(100), shares: [("시비", 1)], priority: 9),
            S.program("H2", budget: .constant(60), shares: [("시비", 0.5), ("국비", 0.5)], priority: 9),
            S.program("M1", budget: .constant(200), shares: [("시비", 1)], priority: 5),
            S.program("L1", budget: .constant(100), shares: [("시비", 0.5), ("국비", 0.5)], priority: 1),
        ])
        let v = try S.runAll(scenario, trials: 2)
        Self.expect(v, [
            "shortfall.시비@2025": 80, "budget.program.H1@2025": 500.0 / 13, "budget.program.H2@2025": 300.0 / 13,
            "budget.program.M1@2025": 200, "budget.program.L1@2025": 100, "budget.시비@2025": 300,
            "budget.국비@2025": 150.0 / 13 + 50, "cut@2025": 1280.0 / 13, "requested@2025": 460,
            "shortfall.시비@2026": 180, "budget.program.H1@2026": 0, "budget.program.H2@2026": 0,
            "budget.program.M1@2026": 150, "budget.program.L1@2026": 100, "budget.시비@2026": 200, "cut@2026": 210,
            "shortfall.시비@2027": 0, "budget.시비@2027": 380, "cut@2027": 0, "shortfall.시비@total": 260,
        ])
    }

    /// 도비 cap 150, pro-rata. Demand: X 100 (도비 1) + Y 200·0.5 = 100 → 200 > 150, D = 50, every
    /// program on 도비 × 150/200 = 0.75: X 75, Y 150 (도비 75, 국비 75). Z (국비 only) untouched.
    @Test("a pro-rata cut scales every program on the source")
    func proRata() throws {
        let scenario = Scenario(name: "prorata", years: 2025...2025, trials: 2, sources: [
            FundingSource(name: "국비"), FundingSource(name: "도비", cap: .constant(.constant(150)), cut: .prorata),
        ], programs: [
            S.program("X", budget: .constant(100), shares: [("도비", 1)]),
            S.program("Y", budget: .constant(200), shares: [("도비", 0.5), ("국비", 0.5)]),
            S.program("Z", budget: .constant(40), shares: [("국비", 1)]),
        ])
        let v = try S.runAll(scenario, trials: 2)
        Self.expect(v, [
            "shortfall.도비@2025": 50, "budget.program.X@2025": 75, "budget.program.Y@2025": 150,
            "budget.program.Z@2025": 40, "budget.도비@2025": 150, "budget.국비@2025": 115, "cut@2025": 75,
        ])
    }

    /// 기금: fund balance 250, contribution 50, interest 10 %, cap by year 180, 1000, 1000, 1000;
    /// F asks 200 a year on the fund, execution 1.
    /// 2025: limit min(180, 250 + 50) = 180 < 200: D = 20, the cap binds but the fund's own limit
    ///   does not (200 ≤ 300): depleted 0. Budget 180; balance (300 − 180)·1.1 = 132.
    /// 2026: limit min(1000, 132 + 50) = 182: D = 18, depleted 1; budget 182; balance 0.
    /// 2027, 2028: limit 0 + 50: D = 150, depleted 1, budget 50, balance (50 − 50)·1.1 = 0.
    /// Totals: budget 462, shortfall 338, balance (end) 0, depleted (any year) 1.
    @Test("a fund that runs dry mid-horizon; depleted only when the fund's own limit binds")
    func fundRunsDry() throws {
        let scenario = Scenario(name: "fund", years: 2025...2028, trials: 2, sources: [
            FundingSource(name: "기금", cap: .byYear([.constant(180), .constant(1000), .constant(1000), .constant(1000)]),
                          fund: Fund(balance: .constant(250), contribution: .constant(50), interest: .constant(0.1))),
            FundingSource(name: "국비"),
        ], programs: [S.program("F", budget: .constant(200), shares: [("기금", 1)])])
        let v = try S.runAll(scenario, trials: 2)
        Self.expect(v, [
            "budget@2025": 180, "shortfall.기금@2025": 20, "fund.기금.depleted@2025": 0, "fund.기금.balance@2025": 132,
            "budget@2026": 182, "shortfall.기금@2026": 18, "fund.기금.depleted@2026": 1, "fund.기금.balance@2026": 0,
            "budget@2027": 50, "shortfall.기금@2027": 150, "fund.기금.depleted@2027": 1, "fund.기금.balance@2027": 0,
            "budget@2028": 50, "fund.기금.balance@2028": 0,
            "budget@total": 462, "shortfall.기금@total": 338, "fund.기금.balance@total": 0, "fund.기금.depleted@total": 1,
        ])
    }

    /// Q: 100 slots at unit cost 10 written for base_year 2026 (inside the horizon), growth 5 %,
    /// cost growth 10 %, execution 0.8, placement rate 0.25.
    ///   c: 10/1.1, 10, 11; G: 1/1.05, 1, 1.05; R = 100·G·c: 1000/1.155, 1000, 1155;
    ///   participants = 0.8·R / c = 80·G: 80/1.05, 80, 84; placements = participants/4;
    ///   cost per placement 2026 = 800/20 = 40.
    /// Q2: 50 slots at 20 written for 2023 (before the horizon), cost growth 10 %: c(2025) =
    ///   20·1.1² = 24.2, R = 1210, 1331, 1464.1; participants 50 every year (execution 1).
    /// K: a budget line of 300 with unit cost 3 → 100 participants; N: budget 100, no unit cost →
    ///   spend but no participants; both placement rate 0.
    @Test("participants with cost growth, base_year inside and before the horizon")
    func participantsAndBaseYear() throws {
        let scenario = Scenario(name: "people", years: 2025...2027, trials: 2, programs: [
            S.program("Q", baseYear: 2026, participants: .constant(100), unitCost: .constant(10), growth: .constant(0.05),
                      costGrowth: .constant(0.1), execution: .constant(0.8), placementRate: .constant(0.25),
                      shares: [("국비", 1)]),
            S.program("Q2", baseYear: 2023, participants: .constant(50), unitCost: .constant(20), costGrowth: .constant(0.1),
                      shares: [("국비", 1)]),
            S.program("K", budget: .constant(300), unitCost: .constant(3), shares: [("시비", 1)]),
            S.program("N", budget: .constant(100), shares: [("시비", 1)]),
        ])
        let v = try S.runAll(scenario, trials: 2)
        Self.expect(v, [
            "budget.program.Q@2025": 1000 / 1.155, "budget.program.Q@2026": 1000, "budget.program.Q@2027": 1155,
            "participants.program.Q@2025": 80 / 1.05, "participants.program.Q@2026": 80,
            "participants.program.Q@2027": 84, "placements.program.Q@2027": 21,
            "budget.program.Q2@2025": 1210, "budget.program.Q2@2026": 1331, "budget.program.Q2@2027": 1464.1,
            "participants.program.Q2@2025": 50, "participants.program.Q2@2027": 50,
            "participants.program.K@2026": 100, "participants.program.N@2026": 0, "spend.program.N@2026": 100,
            "participants@2026": 80 + 50 + 100, "placements@2026": 20, "cost_per_placement@2026": (800 + 1331 + 400) / 20.0,
            "placements@total": 20 / 1.05 + 20 + 21,
        ])
    }

    /// No placement rate anywhere: placements are 0, so cost per placement is undefined (NaN) in
    /// every year and in total (Σspend ÷ Σplacements); a target on it is not met.
    @Test("cost per placement is undefined where placements are 0; NaN is not met")
    func undefinedCostPerPlacement() throws {
        let scenario = Scenario(name: "cpp", years: 2025...2026, trials: 2,
                                programs: [S.program("K", budget: .constant(300), unitCost: .constant(3), shares: [("시비", 1)])],
                                targets: [Target(name: "단가", metric: "cost_per_placement", year: nil, atMost: 1e12)])
        let v = try S.runAll(scenario, trials: 2)
        #expect(v["cost_per_placement@2025"]!.allSatisfy { $0.isNaN })
        #expect(v["cost_per_placement@total"]!.allSatisfy { $0.isNaN })
        #expect(v["target.단가@total"] == [0, 0])
    }

    /// The model alone, with inputs set by hand (no random streams): one program, budget 100,
    /// execution drawn (per trial), placement rate 0.5, unit cost 2. Three lanes with execution
    /// 0.5, 0.9, 1.0 spend 50, 90, 100 and count 25, 45, 50 participants.
    @Test("the model is a pure function of the drawn inputs")
    func modelWithFixedInputs() throws {
        let execution = try Distribution.beta(mean: 0.9, sd: 0.05)
        let scenario = Scenario(name: "pure", years: 2025...2025, trials: 3, programs: [
            S.program("M", budget: .constant(100), unitCost: .constant(2),
                      execution: .random(RandomQuantity(execution, identity: "program:M:execution")),
                      placementRate: .constant(0.5), shares: [("시비", 1)]),
        ])
        let simulation = try Simulation(scenario)
        let keys = [MetricKey("spend", year: 2025), MetricKey("participants", year: 2025), MetricKey("placements", year: nil)]
        let model = Model(plan: simulation.plan, run: RunPlan(plan: simulation.plan, catalogue: simulation.catalogue, keys: keys))
        let ws = Workspace(plan: model.plan, run: model.run, lanes: 3)
        let row = ws.input(model.plan.programs[0].execution.row)
        row[0] = 0.5
        row[1] = 0.9
        row[2] = 1.0
        var out = [Double](repeating: .nan, count: 9)
        out.withUnsafeMutableBufferPointer { model.evaluate(ws, lanes: 3, output: $0.baseAddress!, stride: 3) }
        #expect(out == [50, 90, 100, 25, 45, 50, 12.5, 22.5, 25])
    }
}
