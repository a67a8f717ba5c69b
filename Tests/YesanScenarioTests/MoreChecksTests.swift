import Foundation
import Testing
import YesanScenario

/// Smaller checks, each refused once with the key words of its message (and hint).
@Suite("More checks, each reported once")
struct MoreChecksTests {
    typealias S = TestSupport
    static let ab = "drivers:\n  a: { dist: normal, mean: 0, sd: 1 }\n  b: { dist: normal, mean: 0, sd: 1 }"

    static let cases: [(String, String, [String])] = [
        ("duplicate correlation pair", S.scenario(top: ab + "\ncorrelations:\n  - [a, b, 0.5]\n  - [b, a, 0.2]"),
         ["correlations[1]", "already correlated in correlations[0]"]),
        ("a driver correlated with itself", S.scenario(top: ab + "\ncorrelations:\n  - [a, a, 0.5]"), ["correlated with itself"]),
        ("correlation not a triple", S.scenario(top: ab + "\ncorrelations:\n  - [a, b]"), ["correlations[0]", "expected [driver, driver, r]"]),
        ("target name used twice", S.scenario(top: "targets:\n  - { name: t, metric: spend, year: total, at_least: 1 }\n  - { name: t, metric: budget, year: 2025, at_least: 1 }"),
         ["targets[1].name", "'t' is already used"]),
        ("at_most below at_least", S.scenario(top: "targets:\n  - { name: t, metric: spend, year: total, at_least: 10, at_most: 5 }"),
         ["targets[0].at_most", "can never be met"]),
        ("target without bounds", S.scenario(top: "targets:\n  - { name: t, metric: spend, year: total }"), ["at_least or at_most"]),
        ("target where unknown group", S.scenario(top: "targets:\n  - { name: t, metric: spend, where: { group: [청년, 중장연] }, year: total, at_least: 1 }"),
         ["targets[0].where.group[1]", "unknown group '중장연'", "did you mean '중장년'?"]),
        ("money literal bound on a count metric", S.scenario(top: "targets:\n  - { name: t, metric: participants, year: total, at_least: \"1억\" }"),
         ["targets[0].at_least", "expected a plain number"]),
        ("terminate: false", S.scenario(program: "events: [{ year: 2026, terminate: false }]"), ["expected terminate: true"]),
        ("absorb without cut", S.scenario(program: "events: [{ year: 2026, scale: 1, absorb: { 시비: 1 } }]"), ["absorb goes only with cut"]),
        ("successor without terminate", S.scenario(program: "events: [{ year: 2026, scale: 1, successor: x }]"), ["successor goes only with terminate"]),
        ("event without year", S.scenario(program: "events: [{ scale: 1 }]"), ["events[0]", "needs a year"]),
        ("event without action", S.scenario(program: "events: [{ year: 2026 }]"), ["needs one of cut, shares, scale or terminate"]),
        ("empty cut", S.scenario(program: "events: [{ year: 2026, cut: {} }]"), ["events[0].cut", "expected a map source: fraction"]),
        ("event probability above 1", S.scenario(program: "events: [{ year: 2026, scale: 1, probability: 1.5 }]"), ["probability must lie in [0, 1]"]),
        ("drawn year with clip", S.scenario(program: "events: [{ year: { dist: uniform, min: 2025, max: 2026, clip: [2025, 2026] }, scale: 1 }]"),
         ["events[0].year.clip", "takes no clip"]),
        ("drawn year not whole", S.scenario(program: "events: [{ year: { dist: discrete, values: [2025.5] }, scale: 1 }]"), ["whole numbers"]),
        ("empty cap", S.scenario(top: "sources:\n  시비: { cap: {} }"), ["sources.시비.cap", "an empty cap"]),
        ("cap key typo", S.scenario(top: "sources:\n  시비: { cap: { base: 1, growht: 0.1 } }"), ["sources.시비.cap.growht", "did you mean 'growth'?"]),
        ("cap without base", S.scenario(top: "sources:\n  시비: { cap: { growth: 0.1 } }"), ["needs base"]),
        ("fund interest -1", S.scenario(top: "sources:\n  기금: { fund: { balance: 1, interest: -1 } }"), ["fund.interest", "-1 is outside", "(-1, inf)"]),
        ("per typo", S.scenario(program: "growth: { dist: uniform, min: 0, max: 0.1, per: yeer }"), ["growth.per", "did you mean 'year'?"]),
        ("lognormal ci90 from 0", S.scenario(program: "unit_cost: { dist: lognormal, ci90: [0, 2] }"), ["unit_cost.ci90", "lognormal"]),
        ("discrete weights mismatch", S.scenario(program: "growth: { dist: discrete, values: [0, 0.1], weights: [1] }"), ["growth.weights", "one weight per value"]),
        ("uniform min above max", S.scenario(program: "growth: { dist: uniform, min: 0.2, max: 0.1 }"), ["growth.max", "above min"]),
        ("clip lo above hi", S.scenario(program: "growth: { dist: normal, mean: 0, sd: 0.1, clip: [0.5, 0.1] }"), ["growth.clip", "above the upper bound"]),
        ("unknown key in a distribution", S.scenario(program: "growth: { dist: normal, mean: 0, sd: 0.1, sigma: 1 }"),
         ["growth.sigma", "unknown key 'sigma' for a normal distribution"]),
        ("a map without dist", S.scenario(program: "growth: { mean: 0.1 }"), ["growth", "a map without dist"]),
        ("empty horizon", S.scenario().replacingOccurrences(of: "2025..2026", with: "2026..2025"), ["years", "is empty"]),
        ("program years malformed", S.scenario(program: "years: 2025-2030"), ["programs[x].years", "expected years like"]),
        ("categories listed twice", S.scenario(top: "categories: [직접일자리, 직접일자리]"), ["categories[1]", "listed twice"]),
        ("unit cost 0", S.scenario(program: "unit_cost: 0"), ["unit_cost", "0 is outside", "(0, inf)"]),
        ("empty shares", S.scenario(shares: "{}"), ["shares", "expected a map source: fraction"]),
        ("name of a wrong type", S.scenario(top: "name: [1]"), ["name", "expected a name"]),
        ("format version 2", S.scenario().replacingOccurrences(of: "yesan: 1", with: "yesan: 2"), ["yesan", "expected yesan: 1"]),
        ("quoted number", S.scenario(program: "execution: \"0.9\""), ["execution", "quoted number"]),
        ("unknown top-level key", S.scenario(top: "progams: []"), ["progams", "did you mean 'programs'?"]),
        ("driver that is not a distribution", S.scenario(top: "drivers:\n  g: 0.03"), ["drivers.g", "a driver is a distribution"]),
        ("identifier in a source name", S.scenario(top: "sources:\n  \"시*비\": {}"), ["sources.시*비", "contains '*'"]),
        ("remove left in a root file", S.scenario(top: "drivers:\n  g: { remove: true }"), ["drivers.g", "cannot remove driver 'g'"]),
    ]

    @Test("refused once, with key words", arguments: 0..<cases.count)
    func refused(_ index: Int) {
        let (label, yaml, words) = Self.cases[index]
        let e = S.failure(yaml)
        #expect(e?.exitCode == 65, "\(label)")
        #expect(S.mentions(e, words), "\(label): \(e?.description ?? "")")
        #expect(e?.diagnostics.count == 1, "\(label): \(e?.description ?? "")")
    }

    @Test("null means none where none is meaningful")
    func nulls() throws {
        let yaml = S.scenario(program: "events: null", top: "sources: null\ndrivers: null\ncorrelations: null\ntargets: null")
        let s = try ScenarioLoader.load(yaml: yaml, file: "s.yaml").scenario
        #expect(s.programs[0].events.isEmpty && s.drivers.isEmpty && s.targets.isEmpty)
        #expect(S.mentions(S.failure(S.scenario(program: "execution: null")), ["execution", "got nothing (null)"]))
    }

    @Test("extends cannot come from --set")
    func extendsFromSet() {
        #expect(S.mentions(S.failure(S.scenario(), sets: ["extends=base.yaml"]), ["extends cannot be set with --set"]))
    }
}
