import Testing
@testable import YesanCore

/// reference.py's hand-derived tables FIXED_EXPECTED and FIXED2_EXPECTED, with the example files
/// `examples/fixed.yaml` and `examples/fixed-events-base-year.yaml` transcribed into `Scenario`
/// values (amounts in 백만원; "1억" = 100, "5억" = 500, "1억 3500만원" = 135, "135만원" = 1.35,
/// "5%" = 0.05, "10억" = 1000). Every trial is identical, so every trial must give the table.
@Suite("Engine: reference.py's hand-computed examples")
struct EngineReferenceExampleTests {
    typealias S = EngineSupport

    /// examples/fixed.yaml.
    static var fixed: Scenario {
        Scenario(
            name: "고정 예제 — 손으로 계산한 값", years: 2025...2026, trials: 4, seed: 7,
            sources: [
                FundingSource(name: "국비"), FundingSource(name: "도비"),
                FundingSource(name: "시비", cap: .constant(.constant(1000)), cut: .priority),
                FundingSource(name: "일자리기금", fund: Fund(balance: .constant(300), contribution: .constant(100),
                                                        interest: .constant(0.05))),
                FundingSource(name: "기금"), FundingSource(name: "기타"),
            ],
            programs: [
                S.program("신중년경력형", category: "직접일자리", group: "중장년", participants: .constant(100),
                          unitCost: .constant(10), costGrowth: .constant(0.1), execution: .constant(0.9),
                          placementRate: .constant(0.3), shares: [("국비", 0.5), ("시비", 0.5)], priority: 2,
                          events: [S.at(2026, S.cut([("국비", 1.0)], absorb: [("시비", 0.4)]))]),
                S.program("청년훈련", category: "직업훈련", group: "청년", budget: .constant(500), unitCost: .constant(2),
                          execution: .constant(0.8), placementRate: .constant(0.5), shares: [("도비", 0.2), ("시비", 0.8)],
                          priority: 7),
                S.program("청년창업", category: "창업지원", group: "청년", budget: .constant(600),
                          shares: [("시비", 0.5), ("일자리기금", 0.5)], priority: 5),
                S.program("맞춤훈련", category: "직업훈련", group: "전계층", to: 2025, budget: .constant(135),
                          unitCost: .constant(1.35), shares: [("국비", 1.0)]),
                S.program("일자리센터", category: "고용서비스", group: "전계층", budget: .constant(50), shares: [("국비", 1)],
                          events: [S.at(2026, .terminate(successor: "통합센터"))]),
                S.program("통합센터", category: "고용서비스", group: "전계층", budget: .constant(80), shares: [("국비", 1)]),
                S.program("기금훈련", category: "직업훈련", group: "여성", budget: .constant(40), execution: .constant(0.5),
                          shares: [("일자리기금", 1)], priority: 1),
                S.program("지연사업", category: "고용서비스", group: "전계층", from: 2026, budget: .constant(100),
                          shares: [("국비", 0.5), ("시비", 0.5)], priority: 1,
                          events: [S.at(2026, S.shares([("국비", 1.0)])), S.at(2025, S.cut([("국비", 1.0)]))]),
            ],
            targets: [
                Target(name: "직접일자리 참여자", metric: "participants", filter: TargetFilter(categories: ["직접일자리"]),
                       year: 2025, atLeast: 150),
                Target(name: "취업자 합계", metric: "placements", year: nil, atLeast: 90),
                Target(name: "시비 한도", metric: "budget.시비", year: 2026, atMost: 1000),
            ])
    }

    /// FIXED_EXPECTED of reference.py, derivations copied from there:
    /// 2025: 시비 demand 500 (신중년 100·10·0.5) + 400 (청년훈련 500·0.8) + 300 (청년창업) = 1200 > cap
    ///   1000, D = 200: priority 7 (청년훈련, 400 > 200) is scaled by 1 − 200/400: 500 → 250, and the
    ///   cutting stops. Fund: demand 300 + 40 ≤ 300 + 100. Spend on it 300 + 40·0.5 = 320: balance
    ///   (400 − 320)·1.05 = 84. 지연사업 is not active yet (years 2026..); its 2025 cut fires anyway
    ///   (m = 0.5, 시비 pays all).
    ///   requested = 1000 + 500 + 600 + 135 + 50 + 40 = 2325; budget = 2325 − 250 = 2075;
    ///   spend = 900 + 200 + 600 + 135 + 50 + 20 = 1905; participants = 90 + 100 + 100 = 290;
    ///   placements = 27 + 50 = 77.
    /// 2026: 신중년 cut 국비 1.0, absorb 시비 0.4: removed 0.5, m = 1 − 0.5·0.6 = 0.7, shares → 시비 1;
    ///   c = 10·1.1 = 11, R = 100·11·0.7 = 770. 지연사업: cut (2025) then shares (2026): m 0.5, 국비 1.
    ///   시비 demand 770 + 400 + 300 = 1470 > 1000, D = 470: priority 7 (청년훈련 400 ≤ 470) → 0,
    ///   D = 70; priority 5 (청년창업 300 > 70) × 230/300: 600 → 460. 신중년 (priority 2) is not reached.
    ///   Fund: limit 84 + 100 = 184 < demand 230 + 40, D = 86: priority 5 (청년창업 230 > 86) ×
    ///   144/230: 460 → 288 (시비 144, 기금 144). Spend on the fund 144 + 20: balance (184 − 164)·1.05 = 21.
    static let fixedExpected: [String: Double] = [
        "requested@2025": 2325, "budget@2025": 2075, "cut@2025": 250, "shortfall.시비@2025": 200,
        "budget.시비@2025": 1000, "budget.국비@2025": 685, "budget.도비@2025": 50, "budget.일자리기금@2025": 340,
        "spend@2025": 1905, "spend.시비@2025": 910, "spend.일자리기금@2025": 320, "participants@2025": 290,
        "placements@2025": 77, "fund.일자리기금.balance@2025": 84, "fund.일자리기금.depleted@2025": 0,
        "shortfall.일자리기금@2025": 0, "participants.category.직업훈련@2025": 200,
        "cost_per_placement@2025": 1905.0 / 77, "budget.program.통합센터@2025": 0, "budget.program.지연사업@2025": 0,
        "budget.기타@2025": 0, "budget.기금@2025": 0,
        "requested@2026": 2040, "budget@2026": 1228, "cut@2026": 812, "shortfall.시비@2026": 470,
        "shortfall.일자리기금@2026": 86, "budget.시비@2026": 914, "budget.국비@2026": 130,
        "budget.일자리기금@2026": 184, "budget.program.신중년경력형@2026": 770, "budget.program.청년훈련@2026": 0,
        "budget.program.청년창업@2026": 288, "budget.program.일자리센터@2026": 0, "budget.program.통합센터@2026": 80,
        "budget.program.지연사업@2026": 50, "budget.group.청년@2026": 288,
        "spend@2026": 1131, "participants@2026": 63, "placements@2026": 18.9,
        "fund.일자리기금.balance@2026": 21, "fund.일자리기금.depleted@2026": 1,
        "budget@total": 3303, "spend@total": 3036, "participants@total": 353, "placements@total": 95.9,
        "shortfall.시비@total": 670, "cut@total": 1062, "cost_per_placement@total": 3036 / 95.9,
        "fund.일자리기금.balance@total": 21, "fund.일자리기금.depleted@total": 1,
        "target.직접일자리 참여자@2025": 0, "target.취업자 합계@total": 1, "target.시비 한도@2026": 1,
    ]

    @Test("examples/fixed.yaml: FIXED_EXPECTED in every trial")
    func fixedExample() throws {
        let values = try S.runAll(Self.fixed, trials: 4)
        for (key, want) in Self.fixedExpected {
            let got = try #require(values[key], "missing key \(key)")
            #expect(got.count == 4)
            #expect(got.allSatisfy { S.close($0, want) }, "\(key): got \(got), want \(want)")
        }
    }

    /// examples/fixed-events-base-year.yaml.
    static var fixed2: Scenario {
        var sources = [FundingSource(name: "일자리기금", fund: Fund(balance: .constant(30))),
                       FundingSource(name: "시비", cap: .constant(.constant(40)))]
        sources += ["국비", "도비", "기금", "기타"].map { FundingSource(name: $0) }
        return Scenario(
            name: "고정 예제 2 — 사건 시점, 기준연도, 재원 순서", years: 2025...2027, trials: 3, seed: 11, sources: sources,
            programs: [
                S.program("구사업", category: "고용서비스", group: "전계층", to: 2025, budget: .constant(100),
                          shares: [("국비", 1)], events: [S.at(2026, .terminate(successor: "신사업"))]),
                S.program("신사업", category: "고용서비스", group: "전계층", budget: .constant(40), shares: [("국비", 1)]),
                S.program("늦은사업", category: "직업훈련", group: "청년", from: 2027, budget: .constant(10),
                          shares: [("국비", 1)], events: [S.at(2026, .terminate(successor: "단기사업"))]),
                S.program("단기사업", category: "직업훈련", group: "청년", years: 2026...2026, budget: .constant(20),
                          shares: [("국비", 1)]),
                S.program("기준연도", category: "직접일자리", group: "중장년", baseYear: 2026, participants: .constant(100),
                          unitCost: .constant(10), growth: .constant(0.1), costGrowth: .constant(0.1), shares: [("국비", 1)]),
                S.program("과거기준", category: "창업지원", group: "청년", baseYear: 2023, budget: .constant(100),
                          growth: .constant(0.2), shares: [("국비", 1)]),
                S.program("혼합", category: "직접일자리", group: "청년", to: 2025, budget: .constant(100),
                          shares: [("시비", 0.5), ("일자리기금", 0.5)]),
            ])
    }

    /// FIXED2_EXPECTED of reference.py, derivations copied from there:
    /// - events fire in their year, active or not: 구사업 (years ..2025) terminates in 2026 and
    ///   신사업 starts that year although 구사업 is no longer active; 늦은사업 (years 2027..) is
    ///   terminated in 2026, before it ever ran, and 단기사업 (years 2026..2026) runs in 2026 only.
    /// - base_year 2026 for 기준연도: 100 slots at 10, growth and cost growth 10 %: 2025: G = CG =
    ///   1/1.1, R = 100/1.1 · 10/1.1 = 826.446…, participants 100/1.1; 2026: R = 1000, 100 people;
    ///   2027: R = 110 · 11 = 1210, 110 people. 과거기준 written for 2023, budget 100 growing 20 %:
    ///   144, 172.8, 207.36.
    /// - Source order: 일자리기금 is named before 시비, so the fund is processed first. 혼합 asks
    ///   100 = 50 시비 + 50 기금: the fund's limit is 30, D = 20, × 0.6 → 60 (30 + 30); then 시비
    ///   demand 30 ≤ cap 40.
    static let fixed2Expected: [String: Double] = [
        "budget.program.구사업@2025": 100, "budget.program.구사업@2026": 0, "budget.program.구사업@2027": 0,
        "budget.program.신사업@2025": 0, "budget.program.신사업@2026": 40, "budget.program.신사업@2027": 40,
        "budget.program.늦은사업@2027": 0, "budget.program.늦은사업@total": 0,
        "budget.program.단기사업@2025": 0, "budget.program.단기사업@2026": 20, "budget.program.단기사업@2027": 0,
        "budget.program.기준연도@2025": 1000 / 1.21, "budget.program.기준연도@2026": 1000,
        "budget.program.기준연도@2027": 1210, "participants.program.기준연도@2025": 100 / 1.1,
        "participants.program.기준연도@2026": 100, "participants.program.기준연도@2027": 110,
        "budget.program.과거기준@2025": 144, "budget.program.과거기준@2026": 172.8, "budget.program.과거기준@2027": 207.36,
        "budget.program.혼합@2025": 60, "shortfall.일자리기금@2025": 20, "shortfall.시비@2025": 0,
        "budget.시비@2025": 30, "budget.일자리기금@2025": 30, "fund.일자리기금.balance@2025": 0,
        "fund.일자리기금.depleted@2025": 1, "fund.일자리기금.depleted@2026": 0,
        "budget.국비@2025": 244 + 1000 / 1.21, "budget.국비@2026": 40 + 20 + 1000 + 172.8,
        "budget.국비@2027": 40 + 1210 + 207.36,
    ]

    @Test("examples/fixed-events-base-year.yaml: FIXED2_EXPECTED in every trial")
    func fixedEventsBaseYear() throws {
        let values = try S.runAll(Self.fixed2, trials: 3)
        for (key, want) in Self.fixed2Expected {
            let got = try #require(values[key], "missing key \(key)")
            #expect(got.allSatisfy { S.close($0, want) }, "\(key): got \(got), want \(want)")
        }
    }

    @Test("sources: named in file order, then the defaults (SPEC 3.4)")
    func sourceOrder() throws {
        let simulation = try Simulation(Self.fixed2)
        let names = simulation.metricKeys().filter { $0.name.hasPrefix("shortfall.") && $0.year == 2025 }.map(\.name)
        #expect(names == ["일자리기금", "시비", "국비", "도비", "기금", "기타"].map { "shortfall.\($0)" })
    }
}
