import Testing
@testable import YesanCore

/// The engine against reference.py (SPEC 3–6's executable reading) on `examples/funding.yaml`,
/// transcribed below: caps with drawn growth and a priority cut, a fund with drawn contribution
/// and a pro-rata cut, a per-year driver with rho, beta fields, a cut with absorption, a
/// probabilistic terminate with a drawn year and a successor, a probabilistic scale with a
/// discrete year, a probabilistic 보조율 change, targets.
///
/// The two use different generators (NumPy PCG64 vs Philox), so they agree in distribution only:
/// each mean must match reference.py's within five standard errors of the difference,
/// 5·√(se_ref² + se_ours²) (deterministic metrics: to 1e-9 relative). Reference values from
/// `python3 reference.py examples/funding.yaml --trials 200000 --json out.json` (seed 1).
@Suite("Engine: agreement with reference.py on examples/funding.yaml")
struct EngineReferenceAgreementTests {
    typealias S = EngineSupport

    static func beta(_ mean: Double, _ sd: Double, _ identity: String) -> Quantity {
        .random(RandomQuantity(try! .beta(mean: mean, sd: sd), identity: identity))
    }

    static var funding: Scenario {
        let growth = try! Distribution.normal(mean: 0.02, sd: 0.01).clipped(lower: -0.5, upper: nil)
        return Scenario(
            name: "국비 종료와 일몰 — 시비 한도, 일자리기금, 확률적 사건", years: 2025...2030, trials: 10_000, seed: 1,
            sources: [
                FundingSource(name: "국비"), FundingSource(name: "도비"),
                FundingSource(name: "시비", cap: .compounding(
                    base: .constant(3500),
                    growth: .random(RandomQuantity(growth, recurrence: .perYear(rho: 0), identity: "source:시비:cap.growth"))),
                    cut: .priority),
                FundingSource(name: "일자리기금", cut: .prorata, fund: Fund(
                    balance: .constant(1200),
                    contribution: .random(RandomQuantity(try! .uniform(min: 300, max: 600), recurrence: .perYear(rho: 0),
                                                         identity: "source:일자리기금:fund.contribution")),
                    interest: .constant(0.02))),
                FundingSource(name: "기금"), FundingSource(name: "기타"),
            ],
            drivers: [Driver(name: "임금상승률", distribution: growth.withMean(0.035), recurrence: .perYear(rho: 0.5))],
            programs: [
                S.program("신중년경력형", group: "중장년", participants: .constant(176), unitCost: .constant(14.2),
                          costGrowth: .driver("임금상승률"), execution: beta(0.92, 0.03, "program:신중년경력형:execution"),
                          placementRate: beta(0.30, 0.06, "program:신중년경력형:placement_rate"),
                          shares: [("국비", 0.5), ("도비", 0.1), ("시비", 0.4)], priority: 2,
                          events: [S.at(2025, S.cut([("국비", 1.0)], absorb: [("시비", 0.35)]))]),
                S.program("지역주도형청년", group: "청년", budget: .constant(900), unitCost: .constant(24),
                          execution: beta(0.9, 0.04, "program:지역주도형청년:execution"), placementRate: .constant(0.45),
                          shares: [("국비", 0.5), ("도비", 0.25), ("시비", 0.25)], priority: 4,
                          events: [(.drawn(try! .integerUniform(min: 2026, max: 2027)), 0.8, .terminate(successor: "청년미래패키지"))]),
                S.program("청년미래패키지", group: "청년", budget: .constant(1300), unitCost: .constant(26), execution: .constant(0.9),
                          placementRate: .constant(0.5), shares: [("일자리기금", 0.7), ("시비", 0.3)], priority: 3),
                S.program("공공근로", group: "취약계층", participants: .constant(80), unitCost: .constant(9.6),
                          costGrowth: .driver("임금상승률"), placementRate: .constant(0.05), shares: [("시비", 1)], priority: 7,
                          events: [(.drawn(try! .discrete(values: [2027, 2028], weights: [1, 3])), 0.5, .scale(.constant(0.7)))]),
                S.program("어르신일자리", group: "노인", participants: .constant(800), unitCost: .constant(3.2),
                          shares: [("국비", 0.5), ("도비", 0.15), ("시비", 0.35)], priority: 1,
                          events: [(.fixed(2028), 0.3, S.shares([("국비", 0.4), ("도비", 0.15), ("시비", 0.45)]))]),
                S.program("일자리센터", category: "고용서비스", group: "전계층", budget: .constant(450), growth: .constant(0.03),
                          shares: [("국비", 0.3), ("시비", 0.7)], priority: 6),
            ],
            targets: [
                Target(name: "직접일자리 참여자", metric: "participants", filter: TargetFilter(categories: ["직접일자리"]),
                       year: 2025, atLeast: 1005),
                Target(name: "시비 부족 10억 이하", metric: "shortfall.시비", year: nil, atMost: 1000),
            ])
    }

    /// (key, reference.py mean, its standard error) at N = 200 000.
    static let reference: [(String, Double, Double)] = [
        ("budget@2025", 6223.92, 0.0),
        ("budget@2027", 6577.233958880971, 0.24667976067437974),
        ("spend.시비@total", 21077.1105857212, 0.880135207588707),
        ("shortfall.시비@total", 1547.1848821662302, 1.563270010588189),
        ("shortfall.시비@2026", 223.53481119476587, 0.20322870316153455),
        ("fund.일자리기금.balance@2030", 1213.5349113224052, 3.492871741124931),
        ("fund.일자리기금.depleted@total", 0.318055, 0.0010413863391184543),
        ("participants@2027", 1001.9520615377158, 0.015901032684243862),
        ("placements@total", 326.8448076032009, 0.09293970827793561),
        ("cut@total", 1669.9274043644693, 1.7236995748912018),
        ("budget.일자리기금@2028", 727.557769198804, 0.8146690906905807),
        ("requested@2030", 7081.10089611358, 0.5117340634693992),
        ("target.직접일자리 참여자@2025", 0.81517, 0.0008679534101641695),
        ("target.시비 부족 10억 이하@total", 0.2477, 0.0009652606946525085),
        ("budget.국비@2029", 1445.1970267735455, 0.48066558342914484),
        ("cost_per_placement@total", 116.68204545761046, 0.03301568436084297),
    ]

    @Test("means agree with reference.py within 5 standard errors of the difference")
    func means() throws {
        let simulation = try Simulation(Self.funding)
        let keys = try simulation.select(Self.reference.map(\.0))
        let result = simulation.run(keys: keys, trials: 0..<200_000, threads: 2)
        let stats = result.summaries(threads: 2)
        for (i, (key, mean, se)) in Self.reference.enumerated() {
            #expect(keys[i].description == key)
            let ours = stats[i]
            if se == 0 {
                #expect(abs(ours.mean - mean) <= 1e-9 * abs(mean), "\(key): \(ours.mean) vs \(mean)")
            } else {
                let tolerance = 5 * (se * se + (ours.se ?? 0) * (ours.se ?? 0)).squareRoot()
                #expect(abs(ours.mean - mean) <= tolerance, "\(key): \(ours.mean) vs reference \(mean) ± \(tolerance)")
            }
        }
    }
}

extension Distribution {
    /// This normal with another mean (same sd and clip); test helper.
    fileprivate func withMean(_ mean: Double) -> Distribution {
        guard case .normal(_, let sd) = family else { return self }
        return try! Distribution.normal(mean: mean, sd: sd).clipped(lower: clipLower.isFinite ? clipLower : nil,
                                                                    upper: clipUpper.isFinite ? clipUpper : nil)
    }
}
