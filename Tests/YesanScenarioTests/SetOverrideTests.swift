import Foundation
import Testing
import YesanCore
import YesanScenario

@Suite("--set PATH=VALUE (SPEC 3.6)")
struct SetOverrideTests {
    static let yaml = TestSupport.scenario(program: """
        events:
          - { year: 2025, cut: { 국비: 1.0 }, absorb: { 시비: 0.35 } }
        """) + """

          - { id: 신중년경력형, category: 직접일자리, group: 중장년, budget: 10, shares: { 국비: 1 },
              events: [{ year: 2026, cut: { 국비: 0.5 }, absorb: { 시비: 0.5 } }] }
        """

    func load(_ sets: [String]) throws(ScenarioLoadError) -> LoadedScenario {
        try ScenarioLoader.load(yaml: Self.yaml, file: "s.yaml", sets: sets)
    }

    @Test("[id] and [index] selectors, nested keys, and top-level keys")
    func selectors() throws {
        let loaded = try load(["programs[신중년경력형].events[0].absorb.시비=1.0", "trials=100000",
                               "programs[0].budget=\"2억\"", "programs[x].events[0].cut.국비=50%", "seed=7"])
        let s = loaded.scenario
        #expect(s.trials == 100_000 && s.seed == 7)
        let p = try #require(s.programs.first { $0.id == "신중년경력형" })
        #expect(p.events[0].action == .cut([SourceQuantity("국비", .constant(0.5))], absorb: [SourceQuantity("시비", .constant(1))]))
        let x = s.programs[0]
        #expect(x.size == .budget(.constant(200)))
        #expect(x.events[0].action == .cut([SourceQuantity("국비", .constant(0.5))], absorb: [SourceQuantity("시비", .constant(0.35))]))
        #expect(loaded.sets.count == 5)
        #expect(try load(["trials = 7"]).scenario.trials == 7)
    }

    @Test("VALUE is YAML: maps, lists and distributions; missing maps on the way are created")
    func values() throws {
        let s = try load(["programs[x].execution={dist: beta, mean: 0.9, sd: 0.03}", "sources.시비.cap=100",
                          "categories=[직접일자리, 기타]"]).scenario
        #expect(s.programs[0].execution == .random(RandomQuantity(try .beta(mean: 0.9, sd: 0.03), identity: "program:x:execution")))
        #expect(s.sources[0] == FundingSource(name: "시비", cap: .constant(.constant(100))))
        #expect(s.categories == ["직접일자리", "기타"])
    }

    @Test("malformed PATH=VALUE is a usage error (64), every one reported", arguments: [
        ("trials", "expected PATH=VALUE"),
        ("=5", "empty PATH"),
        ("programs[x.budget=1", "unclosed '['"),
        ("programs..x=1", "empty key"),
        ("programs[]=1", "empty selector"),
        ("[0].budget=1", "a selector must follow a key"),
        ("programs[0]x=1", "expected '.' or '['"),
        ("trials.=1", "ends with '.'"),
        ("programs[x].shares={시비: 1", "VALUE is not valid YAML"),
    ])
    func usage(argument: String, words: String) {
        do {
            _ = try load(["seed=3", argument])
            Issue.record("'\(argument)' should be refused")
        } catch {
            #expect(error.kind == .usage && error.exitCode == 64)
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics.first?.message.contains(words) == true, "\(error)")
            #expect(error.diagnostics.first?.location?.file == "--set" && error.diagnostics.first?.location?.line == 2)
        }
    }

    @Test("a path that selects nothing is an error naming it (65)")
    func selectsNothing() {
        let e = TestSupport.failure(Self.yaml, sets: ["programs[신중년경력].budget=1", "programs[5].budget=1", "years.x=1"])
        #expect(e?.exitCode == 65)
        #expect(e?.diagnostics.count == 3)
        #expect(TestSupport.mentions(e, ["programs[신중년경력]", "selects nothing", "no element with id '신중년경력'", "did you mean '신중년경력형'?"]))
        #expect(TestSupport.mentions(e, ["programs[5]", "index 5 is beyond the list of 2 elements"]))
        #expect(TestSupport.mentions(e, ["years.x", "--set 'years.x=1' selects nothing", "'years' is the text '2025..2026', not a map or a list"]))
    }

    @Test("a value from --set is checked like any other, at --set:N:column")
    func positions() {
        let e = TestSupport.failure(Self.yaml, sets: ["trials=5", "programs[x].budget=-5"])
        let d = e?.diagnostics.first
        #expect(e?.diagnostics.count == 1)
        #expect(d?.location == YesanScenario.SourceLocation(file: "--set", line: 2, column: 20))
        #expect(d?.path == "programs[x].budget" && d?.message.contains("-5 is outside") == true)
        let unknown = TestSupport.failure(Self.yaml, sets: ["programs[x].exection=0.9"])
        #expect(unknown?.diagnostics.first?.location == YesanScenario.SourceLocation(file: "--set", line: 1, column: 13))
        #expect(unknown?.diagnostics.first?.hint == "did you mean 'execution'?")
    }

    @Test("--set comes after the file's own problems in the list")
    func order() {
        let yaml = Self.yaml.replacingOccurrences(of: "budget: 10,", with: "budget: -10,")
        let e = TestSupport.failure(yaml, sets: ["trials=0"])
        #expect(e?.diagnostics.map { $0.location?.file ?? "" } == ["s.yaml", "--set"])
    }
}
