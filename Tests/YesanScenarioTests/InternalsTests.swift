import Foundation
import Testing
@testable import YesanScenario

@Suite("Loader internals: suggestions, paths, numbers")
struct InternalsTests {
    @Test("did-you-mean: typos in English and Korean, nothing for unrelated words", arguments: [
        ("exection", ["execution", "placement_rate"], "execution"),
        ("placement", ["execution", "placement_rate"], "placement_rate"),
        ("사비", ["국비", "도비", "시비", "기금", "기타"], "시비"),
        ("군비", ["국비", "도비", "시비", "기금", "기타"], "국비"),
        ("직업훈령", ["직접일자리", "직업훈련", "고용서비스"], "직업훈련"),
        ("신중년경력", ["신중년경력형", "청년일자리"], "신중년경력형"),
        ("at_lest", ["at_least", "at_most"], "at_least"),
        ("shraes", ["shares", "scale"], "shares"),
    ])
    func suggestions(word: String, candidates: [String], expected: String) {
        #expect(Suggestion.closest(to: word, in: candidates) == expected)
    }

    @Test("no suggestion for unrelated words; the hint lists the choices instead")
    func noSuggestion() {
        #expect(Suggestion.closest(to: "foo", in: ["id", "name", "budget"]) == nil)
        #expect(Suggestion.closest(to: "국비", in: ["국비"]) == nil)
        #expect(Suggestion.hint(for: "zzz", in: ["a", "b"], what: "keys") == "valid keys: a, b")
        #expect(Suggestion.hint(for: "zzz", in: [], what: "drivers") == "there are no drivers")
    }

    @Test("paths: lexical normalisation and relative paths for the manifest")
    func paths() {
        #expect(ExtendsChain.normalize("/a/b/../c/./d.yaml") == "/a/c/d.yaml")
        #expect(ExtendsChain.normalize("../x/../y.yaml") == "../y.yaml")
        #expect(ExtendsChain.normalize("/../a") == "/a")
        #expect(ExtendsChain.relative("/w/s/base.yaml", from: "/w/s") == "base.yaml")
        #expect(ExtendsChain.relative("/w/s/c/base.yaml", from: "/w/s") == "c/base.yaml")
        #expect(ExtendsChain.relative("/w/base.yaml", from: "/w/s/t") == "../../base.yaml")
    }

    @Test("plain numbers, percentages and year spans scanned by hand")
    func scanning() {
        for s in ["12", "-0.5", ".5", "1e-3", "+3.", "2E+10"] { #expect(ScenarioChecker.isPlainNumber(s), "\(s)") }
        for s in ["", ".", "-", "1e", "1,000", "1.2.3", "12a", "e5", " 1"] { #expect(!ScenarioChecker.isPlainNumber(s), "\(s)") }
        #expect(ScenarioChecker.percent("3.5%") == 0.035)
        #expect(ScenarioChecker.percent("2.3 %") == 0.023)
        #expect(ScenarioChecker.percent("-5%") == -0.05)
        #expect(ScenarioChecker.percent("%") == nil && ScenarioChecker.percent("3.5") == nil && ScenarioChecker.percent("a%") == nil)
        #expect(ScenarioChecker.parseSpan("2025..2030")! == (2025, 2030))
        #expect(ScenarioChecker.parseSpan(" 2019 .. ")! == (2019, nil))
        #expect(ScenarioChecker.parseSpan("..2027")! == (nil, 2027))
        #expect(ScenarioChecker.parseSpan("2026")! == (2026, 2026))
        for s in ["2025-2030", "25..30", "2025..2030..2031", "0999..2000", "abcd"] { #expect(ScenarioChecker.parseSpan(s) == nil, "\(s)") }
    }

    @Test("canonical form: keys sorted, lists kept, strings escaped, numbers in shortest form")
    func canonical() throws {
        let node = try YAMLReader.parse("b: [1, 2.5, \"x\\\"y\"]\na: { e: .inf, c: null, d: true }\n", file: "t")
        #expect(CanonicalForm.serialize(node) == #"{"a":{"c":null,"d":true,"e":"+inf"},"b":[1,2.5,"x\"y"]}"#)
        // What changes no result changes no hash: programs by id, drivers by name, correlation pairs;
        // the order of sources (the order of the constraints) and of events counts.
        let a = try YAMLReader.parse("""
            sources: { 시비: {}, 기금: {} }
            drivers: { x: 1, y: 2 }
            correlations: [[x, y, 0.5]]
            programs: [{ id: 나, events: [1, 2] }, { id: 가 }]
            """, file: "a")
        let b = try YAMLReader.parse("""
            programs: [{ id: 가 }, { events: [1, 2], id: 나 }]
            correlations: [[y, x, 0.5]]
            drivers: { y: 2, x: 1 }
            sources: { 시비: {}, 기금: {} }
            """, file: "b")
        #expect(CanonicalForm.serialize(a) == CanonicalForm.serialize(b))
        for changed in ["sources: { 기금: {}, 시비: {} }", "programs: [{ id: 나, events: [2, 1] }, { id: 가 }]"] {
            let c = try YAMLReader.parse(changed, file: "c"), d = try YAMLReader.parse(changed.contains("기금: {}, 시비") ? "sources: { 시비: {}, 기금: {} }" : "programs: [{ id: 나, events: [1, 2] }, { id: 가 }]", file: "d")
            #expect(CanonicalForm.serialize(c) != CanonicalForm.serialize(d), "\(changed)")
        }
        #expect(CanonicalForm.sha256(Array("abc".utf8).withUnsafeBufferPointer { Data($0) })
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
