import Foundation
import Testing
import YesanCore
import YesanScenario

/// The loading cases of `peers/reference.py --selftest`, with the key words it expects.
@Suite("reference.py selftest: loading errors and their key words")
struct ReferenceSelftestTests {
    typealias S = TestSupport

    static let normal = "{ dist: normal, mean: 0.9, sd: 0.05 }"

    /// (label, scenario text, key words of one diagnostic's text)
    static let refused: [(String, String, [String])] = [
        ("shares must sum to 1", S.scenario(shares: "{ 시비: 0.7, 국비: 0.2 }"), ["shares", "sum"]),
        ("did-you-mean", S.scenario(program: "exection: 0.9"), ["exection", "execution"]),
        ("impossible beta", S.scenario(program: "execution: { dist: beta, mean: 0.5, sd: 0.6 }"), ["execution", "beta"]),
        ("event outside horizon", S.scenario(program: "events: [{ year: 2031, scale: 2 }]"), ["events[0].year", "outside"]),
        ("identifier characters", S.scenario().replacingOccurrences(of: "id: x", with: "id: a.b"), ["id", "'.'", "may not contain"]),
        ("successor cycle", S.scenario(program: "events: [{ year: 2026, terminate: true, successor: x }]"), ["cycle", "x -> x"]),
        ("base_year outside the horizon with per-year growth",
         S.scenario(program: "base_year: 2020\ngrowth: { dist: uniform, min: 0, max: 0.1, per: year }"), ["base_year", "per year"]),
        ("base_year is a year", S.scenario(program: "base_year: \"2026\""), ["base_year", "expected a year"]),
        ("support: normal execution", S.scenario(program: "execution: \(normal)"),
         ["programs[x].execution", "normal", "unbounded", "(0, 1]", "clip", "beta"]),
        ("support: clip [0, 1] still allows execution 0",
         S.scenario(program: "execution: { dist: normal, mean: 0.9, sd: 0.05, clip: [0, 1] }"), ["execution", "[0, 1]", "(0, 1]"]),
        ("support: uniform from 0 on execution", S.scenario(program: "execution: { dist: uniform, min: 0, max: 1 }"), ["execution", "[0, 1]"]),
        ("support: a driver, named with the field",
         S.scenario(program: "cost_growth: $임금\nunit_cost: 1", top: "drivers:\n  임금: { dist: normal, mean: 0.035, sd: 0.01, per: year }"),
         ["programs[x].cost_growth", "driver $임금", "(-1, inf)", "drivers.임금", "clip"]),
        ("support: a driver fit for one field but not another",
         S.scenario(program: "growth: $d\nplacement_rate: $d", top: "drivers:\n  d: { dist: uniform, min: -0.1, max: 0.3 }"),
         ["programs[x].placement_rate", "driver $d", "[-0.1, 0.3]"]),
        ("support: normal budget", S.scenario(budget: "budget: { dist: normal, mean: 100, sd: 10 }"), ["budget", "clip: [0, null]"]),
        ("support: scale", S.scenario(program: "events: [{ year: 2026, scale: { dist: normal, mean: 1, sd: 0.1 } }]"),
         ["events[0].scale", "clip"]),
        ("support: absorb upper bounds sum over 1",
         S.scenario(program: "events: [{ year: 2026, cut: { 시비: 1 }, absorb: { 국비: { dist: uniform, min: 0.5, max: 0.7 }, 기금: 0.4 } }]"),
         ["absorb", "1.1"]),
        ("support: a fixed value", S.scenario(program: "execution: 0"), ["execution", "0 is outside", "(0, 1]"]),
        ("support: fund interest",
         S.scenario(top: "sources:\n  기금: { fund: { balance: 1, interest: { dist: normal, mean: 0.02, sd: 0.01 } } }"),
         ["sources.기금.fund.interest", "(-1, inf)"]),
        ("|r| < 1", S.scenario(top: "drivers:\n  a: { dist: normal, mean: 0, sd: 1 }\n  b: { dist: normal, mean: 0, sd: 1 }\ncorrelations:\n  - [a, b, 1]"),
         ["correlations[0]", "between -1 and 1"]),
        ("percent not on money", S.scenario(budget: "budget: \"3.5%\""), ["budget", "percentage is not a money amount"]),
        ("shares are plain numbers", S.scenario(shares: "{ 시비: \"50%\", 국비: 0.5 }"), ["shares.시비", "percentage is not accepted"]),
        ("money: 1억5천 is ambiguous", S.scenario(budget: "budget: \"1억5천\""), ["1억5천", "1억5천만?"]),
        ("money: 5백3천만원 decreases", S.scenario(budget: "budget: \"5백3천만원\""), ["must decrease"]),
        ("money: 1,35만원 commas", S.scenario(budget: "budget: \"1,35만원\""), ["commas"]),
        ("money: 3억원 5천만", S.scenario(budget: "budget: \"3억원 5천만\""), ["원 must come last"]),
        ("money: 3 5천만", S.scenario(budget: "budget: \"3 5천만\""), ["two numbers"]),
        ("money: 13억 원x", S.scenario(budget: "budget: \"13억 원x\""), ["unexpected"]),
    ]

    @Test("each case is refused with the reference's key words", arguments: 0..<refused.count)
    func refusedCase(_ index: Int) {
        let (label, yaml, words) = Self.refused[index]
        let error = S.failure(yaml)
        #expect(error?.exitCode == 65, "\(label)")
        #expect(S.mentions(error, words), "\(label): \(error?.description ?? "")")
        #expect(error?.diagnostics.count == 1, "\(label): \(error?.description ?? "")")
    }

    @Test("valid distributions pass the support check")
    func validDistributions() throws {
        let yaml = S.scenario(program: """
            growth: $g
            unit_cost: { dist: lognormal, mean: 1, sd: 0.1 }
            cost_growth: $g
            execution: { dist: normal, mean: 0.9, sd: 0.05, clip: [0.5, 1] }
            placement_rate: { dist: beta, mean: 0.3, sd: 0.05 }
            events:
              - { year: 2026, scale: { dist: bernoulli, p: 0.5 } }
              - { year: 2026, cut: { 시비: { dist: beta, alpha: 2, beta: 2 } }, absorb: { 국비: { dist: uniform, min: 0.2, max: 0.6 }, 기금: 0.4 } }
            """, top: "drivers:\n  g: { dist: normal, mean: 0.02, sd: 0.01, clip: [-0.5, null], per: year }",
            budget: "budget: { dist: gamma, mean: 100, sd: 10 }")
        let s = try ScenarioLoader.load(yaml: yaml, file: "s.yaml").scenario
        #expect(s.programs.count == 1 && s.programs[0].events.count == 2)
        let beta = S.scenario(program: "execution: { dist: beta, mean: 0.9, sd: 0.05 }")
        #expect(throws: Never.self) { try ScenarioLoader.load(yaml: beta, file: "s.yaml") }
        let perTrial = S.scenario(program: "base_year: 2020\ngrowth: { dist: uniform, min: 0, max: 0.1 }")
        #expect(throws: Never.self) { try ScenarioLoader.load(yaml: perTrial, file: "s.yaml") }
    }

    @Test("the examples: source order and the extends example merged as the reference expects",
          .enabled(if: FileManager.default.fileExists(atPath: "/work/shared/peers/examples/funding.yaml"), "no peers/examples here"))
    func examples() throws {
        let ex = "/work/shared/peers/examples"
        let two = try ScenarioLoader.load(path: "\(ex)/fixed-events-base-year.yaml").scenario
        #expect(two.sources.map(\.name) == ["일자리기금", "시비", "국비", "도비", "기금", "기타"])
        let funding = try ScenarioLoader.load(path: "\(ex)/funding.yaml").scenario
        let absorb = try ScenarioLoader.load(path: "\(ex)/funding-absorb100.yaml")
        #expect(absorb.scenario.programs.map(\.id).sorted() == funding.programs.map(\.id).filter { $0 != "일자리센터" }.sorted())
        guard case .compounding(let base, let growth)? = absorb.scenario.sources[2].cap else {
            Issue.record("시비 cap should stay { base, growth }")
            return
        }
        #expect(base == .constant(4000))
        if case .random(let r) = growth { #expect(r.identity == "source:시비:cap.growth") } else { Issue.record("growth kept") }
        #expect(absorb.inputs.map(\.path) == ["\(ex)/funding-absorb100.yaml", "funding.yaml"])
        let set = try ScenarioLoader.load(path: "\(ex)/funding.yaml", sets: ["programs[신중년경력형].events[0].absorb.시비=1.0", "trials=5"])
        #expect(set.scenario.trials == 5)
        let p = try #require(set.scenario.programs.first { $0.id == "신중년경력형" })
        guard case .cut(_, let absorbs) = p.events[0].action else { Issue.record("a cut"); return }
        #expect(absorbs == [SourceQuantity("시비", .constant(1))])
    }
}
