import Foundation
import Testing
import YesanCore
import YesanScenario

@Suite("Valid scenarios become the checked model")
struct ValidScenarioTests {
    static let full = """
        yesan: 1
        name: 전체 예제
        years: 2025..2027
        unit: 백만원
        trials: 500
        seed: 42
        sources:
          시비:
            cap: { base: "18억", growth: $물가 }
            cut: prorata
          도비:
            cap: { 2025: 100, 2026: "1억 5000만원", 2027: { dist: uniform, min: 100, max: 200 }, 2031: 1 }
          국비:
            cap: 5000
          일자리기금:
            fund: { balance: "30억", contribution: { dist: uniform, min: "3억", max: "6억", per: year }, interest: "2%" }
        drivers:
          임금: { dist: normal, mean: "3.5%", sd: 0.01, per: year, rho: 0.5, clip: [-0.5, null] }
          물가: { dist: normal, mean: 0.02, sd: 0.005, per: year, clip: [-0.5, null] }
          집행: { dist: beta, mean: 0.92, sd: 0.03 }
        correlations:
          - [임금, 물가, 0.6]
        programs:
          - id: 신중년
            name: 신중년 경력형 일자리
            category: 직접일자리
            group: 중장년
            years: 2019..
            participants: 176
            unit_cost: "1,420만원"
            cost_growth: $임금
            shares: { 국비: 0.5, 도비: 0.1, 시비: 0.4 }
            execution: $집행
            placement_rate: { dist: beta, mean: 0.3, sd: 0.06 }
            priority: 2
            events:
              - { year: 2025, cut: { 국비: 1.0 }, absorb: { 시비: "35%" } }
              - { year: { dist: uniform, min: 2026, max: 2027 }, probability: 0.8, terminate: true, successor: 후속 }
              - { year: { dist: discrete, values: [2026, 2027], weights: [1, 3] }, probability: 0.5, scale: { dist: uniform, min: 0.5, max: 1 } }
              - { year: 2027, shares: { 국비: 0.4, 시비: 0.6 } }
          - id: 후속
            category: 직접일자리
            group: 청년
            years: ..2027
            base_year: 2026
            budget: { dist: lognormal, mean: "13억", sd: "1억" }
            growth: "3%"
            shares: { 일자리기금: 0.7, 시비: 0.3 }
          - id: 단년
            category: 고용서비스
            group: 전계층
            years: 2026
            budget: 50
            unit_cost: { dist: triangular, min: "100만원", mode: "120만원", max: "150만원", clip: [1.1, null] }
            execution: "95%"
            shares: { 기타: 1 }
        targets:
          - { name: 참여자, metric: participants, where: { category: 직접일자리, group: [청년, 중장년] }, year: 2025, at_least: 100 }
          - { name: 시비 한도, metric: budget.시비, year: total, at_most: "10억" }
          - { name: 기금, metric: fund.일자리기금.balance, year: 2027, at_least: 0, at_most: "100억" }
          - { name: 프로그램, metric: spend.program.후속, year: 2026, at_least: 1 }
        """

    func load() throws -> Scenario { try ScenarioLoader.load(yaml: Self.full, file: "full.yaml").scenario }

    @Test("top level: name, years, unit, trials, seed, categories and groups by default")
    func topLevel() throws {
        let s = try load()
        #expect(s.name == "전체 예제")
        #expect(s.years == 2025...2027)
        #expect(s.unit == "백만원" && s.trials == 500 && s.seed == 42)
        #expect(s.categories == Scenario.defaultCategories && s.groups == Scenario.defaultGroups)
    }

    @Test("defaults: trials 10000, seed 1, unit 백만원, name from the file stem, default sources")
    func defaults() throws {
        let s = try ScenarioLoader.load(yaml: TestSupport.scenario(), file: "dir/기본값.yaml").scenario
        #expect(s.name == "기본값" && s.trials == 10_000 && s.seed == 1 && s.unit == "백만원")
        #expect(s.sources == FundingSource.defaults)
        let p = try #require(s.programs.first)
        #expect(p.firstYear == nil && p.lastYear == nil && p.baseYear == 2025)
        #expect(p.execution == .one && p.placementRate == .zero && p.growth == .zero && p.costGrowth == .zero)
        #expect(p.priority == 5 && p.unitCost == nil && p.events.isEmpty && p.name == "x")
        #expect(p.size == .budget(.constant(100)) && p.shares == [SourceFraction("시비", 1)])
    }

    @Test("sources: named ones in file order, then the defaults; the three cap forms and a fund")
    func sources() throws {
        let s = try load()
        #expect(s.sources.map(\.name) == ["시비", "도비", "국비", "일자리기금", "기금", "기타"])
        #expect(s.sources[0].cap == .compounding(base: .constant(1800), growth: .driver("물가")))
        #expect(s.sources[0].cut == .prorata && s.sources[1].cut == .priority)
        let uniform = try Distribution.uniform(min: 100, max: 200)
        #expect(s.sources[1].cap == .byYear([.constant(100), .constant(150),
                                             .random(RandomQuantity(uniform, identity: "source:도비:cap.2027"))]))
        #expect(s.sources[2].cap == .constant(.constant(5000)))
        let contribution = try Distribution.uniform(min: 300, max: 600)
        #expect(s.sources[3].fund == Fund(balance: .constant(3000),
                                          contribution: .random(RandomQuantity(contribution, recurrence: .perYear(rho: 0),
                                                                               identity: "source:일자리기금:fund.contribution")),
                                          interest: .constant(0.02)))
        #expect(s.sources[3].cap == nil && s.sources[4] == FundingSource(name: "기금"))
    }

    @Test("drivers with per, rho and clip; percent parameters; correlations")
    func drivers() throws {
        let s = try load()
        let wage = try #require(s.drivers.first { $0.name == "임금" })
        #expect(wage.distribution == (try Distribution.normal(mean: 0.035, sd: 0.01).clipped(lower: -0.5, upper: nil)))
        #expect(wage.recurrence == .perYear(rho: 0.5) && wage.identity == "driver:임금")
        #expect(s.drivers.map(\.name) == ["임금", "물가", "집행"])
        #expect(s.drivers[2].recurrence == .perTrial)
        #expect(s.correlations == [DriverCorrelation("임금", "물가", 0.6)])
    }

    @Test("program fields: money literals converted, percent, inline distributions with identities, drivers")
    func program() throws {
        let s = try load()
        let p = try #require(s.programs.first { $0.id == "신중년" })
        #expect(p.name == "신중년 경력형 일자리" && p.category == "직접일자리" && p.group == "중장년")
        #expect(p.firstYear == 2019 && p.lastYear == nil && p.baseYear == 2025)
        #expect(p.size == .participants(.constant(176)))
        #expect(p.unitCost == .constant(14.2))
        #expect(p.costGrowth == .driver("임금") && p.execution == .driver("집행"))
        #expect(p.placementRate == .random(RandomQuantity(try .beta(mean: 0.3, sd: 0.06), identity: "program:신중년:placement_rate")))
        #expect(p.shares == [SourceFraction("국비", 0.5), SourceFraction("도비", 0.1), SourceFraction("시비", 0.4)])
        #expect(p.priority == 2)
        let q = try #require(s.programs.first { $0.id == "후속" })
        #expect(q.firstYear == nil && q.lastYear == 2027 && q.baseYear == 2026)
        #expect(q.size == .budget(.random(RandomQuantity(try .lognormal(mean: 1300, sd: 100), identity: "program:후속:budget"))))
        #expect(q.growth == .constant(0.03))
        let r = try #require(s.programs.first { $0.id == "단년" })
        #expect(r.firstYear == 2026 && r.lastYear == 2026)
        #expect(r.execution == .constant(0.95))
        let cost = try Distribution.triangular(min: 1, mode: 1.2, max: 1.5).clipped(lower: 1.1, upper: nil)
        #expect(r.unitCost == .random(RandomQuantity(cost, identity: "program:단년:unit_cost")))
    }

    @Test("events of every kind, with probability, drawn years and their identities")
    func events() throws {
        let p = try #require(try load().programs.first { $0.id == "신중년" })
        #expect(p.events.map(\.identity) == (0..<4).map { "program:신중년:event:\($0)" })
        #expect(p.events[0] == Event(identity: "program:신중년:event:0", year: .fixed(2025),
                                     action: .cut([SourceQuantity("국비", .constant(1))], absorb: [SourceQuantity("시비", .constant(0.35))])))
        #expect(p.events[1].year == .drawn(try .integerUniform(min: 2026, max: 2027)))
        #expect(p.events[1].probability == 0.8 && p.events[1].action == .terminate(successor: "후속"))
        #expect(p.events[2].year == .drawn(try .discrete(values: [2026, 2027], weights: [1, 3])))
        #expect(p.events[2].action == .scale(.random(RandomQuantity(try .uniform(min: 0.5, max: 1), identity: "program:신중년:event:2:scale"))))
        #expect(p.events[3].action == .shares([SourceFraction("국비", 0.4), SourceFraction("시비", 0.6)]))
    }

    @Test("event cut and absorb fractions as distributions carry their identities")
    func eventIdentities() throws {
        let yaml = TestSupport.scenario(program: """
            events:
              - { year: 2026, cut: { 시비: { dist: beta, alpha: 2, beta: 2 } }, absorb: { 국비: { dist: uniform, min: 0.2, max: 0.6 }, 기금: 0.4 } }
            """)
        let e = try #require(try ScenarioLoader.load(yaml: yaml, file: "s.yaml").scenario.programs.first?.events.first)
        #expect(e.action == .cut([SourceQuantity("시비", .random(RandomQuantity(try .beta(alpha: 2, beta: 2), identity: "program:x:event:0:cut.시비")))],
                                 absorb: [SourceQuantity("국비", .random(RandomQuantity(try .uniform(min: 0.2, max: 0.6), identity: "program:x:event:0:absorb.국비"))),
                                          SourceQuantity("기금", .constant(0.4))]))
    }

    @Test("targets: where filters, a year or total, money literal bounds on money metrics")
    func targets() throws {
        let t = try load().targets
        #expect(t.count == 4)
        #expect(t[0] == Target(name: "참여자", metric: "participants",
                               filter: TargetFilter(categories: ["직접일자리"], groups: ["청년", "중장년"]), year: 2025, atLeast: 100))
        #expect(t[1] == Target(name: "시비 한도", metric: "budget.시비", year: nil, atMost: 1000))
        #expect(t[2] == Target(name: "기금", metric: "fund.일자리기금.balance", year: 2027, atLeast: 0, atMost: 10_000))
        #expect(t[3].metric == "spend.program.후속")
    }

    @Test("money literals are converted into the file's unit, exactly")
    func units() throws {
        for (unit, literal, expected) in [("억원", "1억 3500만원", 1.35), ("만원", "2.3억", 23_000), ("원", "135천원", 135_000),
                                          ("천원", "3천5백만원", 35_000), ("백만원", "천만원", 10)] {
            let yaml = TestSupport.scenario(top: "unit: \(unit)", budget: "budget: \"\(literal)\"")
            let p = try #require(try ScenarioLoader.load(yaml: yaml, file: "s.yaml").scenario.programs.first)
            #expect(p.size == .budget(.constant(expected)), "\(literal) in \(unit)")
        }
    }

    @Test("declared categories and groups replace the defaults")
    func declaredLabels() throws {
        let yaml = TestSupport.scenario(top: "categories: [직접일자리, 기타사업]\ngroups: [청년]")
        let s = try ScenarioLoader.load(yaml: yaml, file: "s.yaml").scenario
        #expect(s.categories == ["직접일자리", "기타사업"] && s.groups == ["청년"])
        let bad = TestSupport.failure(TestSupport.scenario(top: "groups: [노인]"))
        #expect(TestSupport.mentions(bad, ["programs[x].group", "unknown group '청년'"]))
    }

    @Test("YAML 1.2 numbers: 1e-3 is a number, a single horizon year, cap null lifts nothing")
    func numbers() throws {
        let yaml = TestSupport.scenario(program: "placement_rate: 1e-3", top: "trials: 1e3\nsources:\n  시비: { cap: null }")
            .replacingOccurrences(of: "years: 2025..2026", with: "years: 2025")
        let s = try ScenarioLoader.load(yaml: yaml, file: "s.yaml").scenario
        #expect(s.years == 2025...2025 && s.trials == 1000)
        #expect(s.programs[0].placementRate == .constant(0.001))
        #expect(s.sources[0] == FundingSource(name: "시비"))
    }

    @Test("inputs and the resolved hash: formatting and comments do not change it, values do")
    func hashes() throws {
        let a = try ScenarioLoader.load(yaml: TestSupport.scenario(), file: "a.yaml")
        let b = try ScenarioLoader.load(yaml: "# a comment\n" + TestSupport.scenario().replacingOccurrences(of: "{ 시비: 1 }", with: "\n      시비: 1"),
                                        file: "b.yaml")
        let c = try ScenarioLoader.load(yaml: TestSupport.scenario(budget: "budget: 101"), file: "c.yaml")
        #expect(a.resolvedSHA256 == b.resolvedSHA256)
        #expect(a.resolvedSHA256 != c.resolvedSHA256)
        #expect(a.resolvedSHA256.count == 64 && a.resolvedSHA256.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(a.inputs.count == 1 && a.inputs[0].path == "a.yaml" && a.inputs[0].sha256 != b.inputs[0].sha256)
        #expect(a.sets.isEmpty)
    }

    @Test("a cap may also be a distribution or a driver (identity source:<name>:cap)")
    func capDistribution() throws {
        let yaml = TestSupport.scenario(top: """
            drivers:
              한도: { dist: uniform, min: 50, max: 80 }
            sources:
              시비: { cap: { dist: gamma, mean: "1억", sd: "1000만원" } }
              도비: { cap: $한도 }
            """)
        let s = try ScenarioLoader.load(yaml: yaml, file: "s.yaml").scenario
        #expect(s.sources[0].cap == .constant(.random(RandomQuantity(try .gamma(mean: 100, sd: 10), identity: "source:시비:cap"))))
        #expect(s.sources[1].cap == .constant(.driver("한도")))
    }
}
