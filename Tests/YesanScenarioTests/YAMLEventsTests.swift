import Foundation
import Testing
@testable import YesanScenario

/// The reader's fast path (libyaml's events straight into `YAMLNode`s) must give exactly what
/// Yams' tree gives, positions included, or leave the document to Yams.
@Suite("YAML: the event path agrees with Yams")
struct YAMLEventsTests {
    /// What `YAMLReader.composeWithYams` gives: the node or the error.
    func yams(_ text: String) -> Result<YAMLNode, Diagnostic> {
        do { return .success(try YAMLReader.composeWithYams(text, file: "s.yaml")) } catch { return .failure(error) }
    }

    /// Checks one document; returns whether the event path took it.
    @discardableResult
    func agree(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
        let expected = yams(text)
        guard let node = YAMLEvents.compose(text, file: "s.yaml") else {
            // Left to Yams: fine for any document, but the tests below say which ones must not be.
            return false
        }
        switch expected {
        case .success(let n):
            #expect(node == n, "\(text.debugDescription)", sourceLocation: sourceLocation)
        case .failure(let error):
            Issue.record("the event path read a document Yams refuses (\(error)): \(text.debugDescription)",
                         sourceLocation: sourceLocation)
        }
        return true
    }

    static let documents: [String] = [
        "yesan: 1\n",
        "   \n# only a comment\n",
        "---\n",
        "--- \n...\n",
        "~",
        "a:\nb: 1\n",
        "a: yes\nb: true\nc: 1e-3\nd: 012\ne: '12'\nf: 0x1F\ng: ~\nh: 3.5%\ni: -.inf\nj: 2025..2030\nk: Off\nm: +12\nn: 0o17\no: 0x\np: -.5e+3\nq: 1_000\nr: \"\"\n",
        "a: 'it''s'\nb: \"tab\\there\\u00e9\\0nul\"\nc: |\n  line one\n  line two\nd: >-\n  folded\n  text\ne: plain\n  continued\n",
        "a: \"\\uFEFFbom inside\"\nb: \"\\u0301combining first\"\n",
        "\u{FEFF}a: 1\n",
        "a: 1\r\nb:\r\n  - x\r\n  - y\r\n",
        "list: [1, [2, [3, {a: b}]], {}, []]\nmap: {x: 1, y: {z: [q]}}\n",
        "- a\n- - b\n  - c\n- d: 1\n  e: 2\n",
        "a: &x {p: 1, q: [1, 2]}\nb: *x\nc: *x\n",
        "a: &s scalar\nb: *s\nc: &s other\nd: *s\n",
        "a: &l [&i 1, *i, *i]\nb: [*l, *l]\n",
        "outer: &o {inner: &i [x]}\nagain: *o\ninner: *i\n",
        "seed: !!str 42\nx: !!int 7\ny: !custom thing\nz: !!float 1\n",
        "? [a, b]\n: 1\n",
        "? complex\n: 1\n",
        "&k key: 1\nother: *k\n",
        "a: 1\na: 2\n",
        "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\nh: 8\ni: 9\nj: 10\nk: 11\nl: 12\nm: 13\nn: 14\no: 15\np: 16\nq: 17\nr: 18\na: 19\n",
        "\u{1109}\u{1161}\u{110B}\u{1165}\u{11B8}: \u{1109}\u{1161}\u{110B}\u{1165}\u{11B8}\n",
        "\u{1109}\u{1161}\u{110B}\u{1165}\u{11B8}: 1\n사업: 2\n",
        "\"true\": 1\ntrue: 2\n",
        "'1': a\n1: b\n",
        "a: *undefined\n",
        "a: &r [*r]\n",
        "a: [1, 2\nb: 3\n",
        "yesan: 1\n---\nyesan: 1\n",
        "hello\n",
        "a: b: c\n",
        "\t- tab\n",
        "a: \"unterminated\n",
        "a: [x, y, ]\nb: {k: v, }\n",
        "<<: {a: 1}\nb: 2\n",
        "a: !<tag:yaml.org,2002:str> 5\n",
        "%YAML 1.2\n---\na: 1\n",
        "%TAG !e! tag:example.com,2000:\n---\na: !e!foo 1\n",
        "a: -\nb: - x\n",
        "- ? a\n  : b\n",
        "a: 0o\nb: 0x1g\nc: 00\nd: -0\ne: +.5\nf: 1e\ng: .e3\nh: 99999999999999999999\ni: 0x7fffffffffffffffff\n",
    ]

    @Test("documents of every shape", arguments: documents)
    func shapes(_ text: String) {
        agree(text)
    }

    @Test("the example scenarios and every fixture")
    func files() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var paths: [String] = []
        for dir in ["Scenarios", "Tests"] {
            let enumerator = FileManager.default.enumerator(atPath: root.appendingPathComponent(dir).path)
            while let p = enumerator?.nextObject() as? String {
                if p.hasSuffix(".yaml") { paths.append(root.appendingPathComponent(dir).appendingPathComponent(p).path) }
            }
        }
        #expect(paths.count > 50)
        var taken = 0
        for path in paths {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            if agree(text) { taken += 1 }
        }
        #expect(taken > 30)
    }

    @Test("mutated scenario files: both paths agree on every one the event path takes")
    func mutations() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sources = try ["Scenarios/goyang-2025.yaml", "Scenarios/yangju-2021-absorb35.yaml",
                           "Tests/YesanCLITests/Fixtures/run/small.yaml"].map {
            try String(contentsOfFile: root.appendingPathComponent($0).path, encoding: .utf8)
        }
        // Pieces that change the structure, the scalars' types and styles, anchors and keys.
        let pieces = ["\n", ": ", "- ", "  ", "\"", "'", "&a ", "*a", "[", "]", "{", "}", ", ", "#", "? ", "|\n", ">\n",
                      "~", "true", "0x1F", "1e3", ".5", "!!str ", "\t", "---\n", "id", "국비", "\u{1100}\u{1161}", "\u{FEFF}"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func random(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var taken = 0
        for _ in 0..<600 {
            var chars = Array(sources[random(sources.count)].unicodeScalars)
            for _ in 0..<(1 + random(3)) {
                let at = random(chars.count + 1)
                switch random(3) {
                case 0: chars.insert(contentsOf: pieces[random(pieces.count)].unicodeScalars, at: at)
                case 1: if at < chars.count { chars.removeSubrange(at..<min(chars.count, at + 1 + random(8))) }
                default:
                    // Duplicate a line somewhere else.
                    let lines = String(String.UnicodeScalarView(chars)).split(separator: "\n", omittingEmptySubsequences: false)
                    var copy = lines
                    copy.insert(lines[random(lines.count)], at: random(lines.count))
                    chars = Array(copy.joined(separator: "\n").unicodeScalars)
                }
            }
            if agree(String(String.UnicodeScalarView(chars))) { taken += 1 }
        }
        #expect(taken > 100)
    }

    @Test("scenario documents take the event path; duplicates, odd keys and errors do not")
    func which() {
        #expect(agree("yesan: 1\nprograms:\n  - id: 가\n    budget: 100\n"))
        #expect(agree("a: &x [1]\nb: *x\n"))
        #expect(agree(""  ) == false)
        #expect(agree("a: 1\na: 2\n") == false)
        #expect(agree("? [a]\n: 1\n") == false)
        #expect(agree("a: [1\n") == false)
        #expect(agree("a: *nothing\n") == false)
    }

    @Test("alias bombs are left to Yams, which refuses them at the root")
    func bomb() {
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { bomb += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        #expect(YAMLEvents.compose(bomb, file: "s.yaml") == nil)
        do {
            _ = try YAMLReader.parse(bomb, file: "s.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.location == SourceLocation(file: "s.yaml", line: 1, column: 1))
            #expect(error.message.contains("more than 2000000 nodes"))
        }
        // Just under the limit (1,901,239 nodes), read on the event path.
        var big = "a0: &a0 [" + Array(repeating: "x", count: 10).joined(separator: ", ") + "]\n"
        for i in 1...4 { big += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        big += "b: [" + Array(repeating: "*a4", count: 16).joined(separator: ", ") + "]\n"
        #expect(agree(big))
    }
}
