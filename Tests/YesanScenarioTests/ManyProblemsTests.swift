import Foundation
import Testing
import YesanCore
import YesanScenario

@Suite("Every problem at once, no cascades, no crash")
struct ManyProblemsTests {
    static let text = """
        yesan: 1
        years: 2025..2027
        trials: -3
        drivers:
          g: { dist: normal, mean: 0.02, sd: -1 }
          h: { dist: normal, mean: 0.02, sd: 0.01 }
        correlations:
          - [g, hh, 0.5]
        sources:
          시비: { cap: "1억5천" }
        programs:
          - id: a
            category: 직접일자리
            group: 청년
            budget: 100
            growth: $g
            exection: 0.9
            shares: { 시비: 0.5, 국비: 0.6 }
          - id: b
            category: 직업훈련
            group: 청년
            budget: 50
            shares: { 시비: 1.5, 국비: -0.5 }
            cost_growth: $h
            events:
              - { year: 2030, scale: 2 }
              - { year: 2026, terminate: true, successor: c }
        targets:
          - { name: t, metric: spend.사비, year: 2026, at_least: 1 }
        """

    @Test("a file with several problems reports all of them, in file order")
    func all() {
        let e = TestSupport.failure(Self.text)
        let found = e?.diagnostics.map { "\($0.location?.line ?? 0):\($0.path)" } ?? []
        #expect(found == [
            "3:trials",                           // trials ≥ 1
            "5:drivers.g.sd",                     // sd > 0 (uses of $g are not reported again)
            "8:correlations[0]",                  // unknown driver hh
            "10:sources.시비.cap",                 // ambiguous money literal
            "17:programs[a].exection",            // unknown key
            "18:programs[a].shares",              // sum 1.1
            "23:programs[b].shares.시비",          // 1.5 outside [0, 1]; no sum error then
            "23:programs[b].shares.국비",          // -0.5
            "24:programs[b].cost_growth",         // unbounded normal driver on a growth rate
            "26:programs[b].events[0].year",      // 2030 outside the horizon
            "27:programs[b].events[1].successor", // unknown program c
            "29:targets[0].metric",               // unknown metric spend.사비
        ], "\(e?.description ?? "")")
        #expect(e?.diagnostics.allSatisfy { !$0.message.isEmpty && $0.location != nil } == true)
        #expect(TestSupport.mentions(e, ["spend.사비", "did you mean 'spend.시비'?"]))
    }

    /// Junk values put in place of every value of a valid scenario, one at a time.
    static let junk = ["[1, 2]", "{}", "{ dist: nope }", "null", "-1e400", ".nan", "\"x\"", "true", "-99999999999999999999999",
                       "99999999999999999999", "\"$\"", "'1억5천'", "\"-3%\"", "[]", "\"..\"", "0"]

    @Test("never crash: every value of a valid scenario replaced by junk either loads or is reported with a position")
    func junkEverywhere() {
        let lines = ValidScenarioTests.full.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var refused = 0
        for (i, line) in lines.enumerated() {
            guard let colon = line.range(of: ": ") else { continue }
            for j in Self.junk {
                var copy = lines
                copy[i] = String(line[..<colon.upperBound]) + j
                do {
                    _ = try ScenarioLoader.load(yaml: copy.joined(separator: "\n"), file: "junk.yaml")
                } catch {
                    refused += 1
                    #expect(!error.diagnostics.isEmpty && error.diagnostics.allSatisfy { $0.location != nil },
                            "line \(i + 1) ← \(j): \(error)")
                }
            }
        }
        #expect(refused > 500)
    }

    @Test("odd documents: empty, a scalar, only comments, deep nesting")
    func oddDocuments() {
        for text in ["", "42", "# nothing\n", "yesan: 1", String(repeating: "[", count: 500) + String(repeating: "]", count: 500),
                     "yesan: 1\nyears: 2025..2026\nprograms: [[[[]]]]\n", "yesan: 1\nyears: 9999..1000\n",
                     "yesan: 1\nyears: 2025..2026\nsources: { 시비: { cap: { 99999999999: 1 } } }\n",
                     "yesan: 1\nyears: 1000..9999\nprograms:\n  - { id: x, category: 직접일자리, group: 청년, budget: 1, shares: { 국비: 1 }, events: [{ year: { dist: uniform, min: 1000, max: 9999 }, scale: 1 }] }\n"] {
            do {
                _ = try ScenarioLoader.load(yaml: text, file: "odd.yaml")
            } catch {
                #expect(!error.diagnostics.isEmpty)
            }
        }
    }
}
