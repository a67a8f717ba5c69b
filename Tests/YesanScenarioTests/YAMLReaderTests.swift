import Foundation
import Testing
import YesanScenario

@Suite("YAML 1.2 core schema with positions (SPEC 3)")
struct YAMLReaderTests {
    func parse(_ text: String) throws(Diagnostic) -> YAMLNode { try YAMLReader.parse(text, file: "s.yaml") }

    func entries(_ node: YAMLNode) -> [String: YAMLNode] {
        guard case .mapping(let e) = node.value else { return [:] }
        return Dictionary(uniqueKeysWithValues: e.map { ($0.key, $0.value) })
    }

    @Test("only true/false are booleans; 1e-3 is a number; 012 is twelve; quotes make strings")
    func coreSchema() throws {
        let m = entries(try parse("""
            a: yes
            b: true
            c: 1e-3
            d: 012
            e: '12'
            f: 0x1F
            g: ~
            h: 3.5%
            i: -.inf
            j: 2025..2030
            k: Off
            """))
        #expect(m["a"]?.value == .string("yes"))
        #expect(m["b"]?.value == .bool(true))
        #expect(m["c"]?.value == .number(0.001))
        #expect(m["d"]?.value == .int(12))
        #expect(m["e"]?.value == .string("12"))
        #expect(m["f"]?.value == .int(31))
        #expect(m["g"]?.value == .null)
        #expect(m["h"]?.value == .string("3.5%"))
        #expect(m["i"]?.value == .number(-.infinity))
        #expect(m["j"]?.value == .string("2025..2030"))
        #expect(m["k"]?.value == .string("Off"))
    }

    @Test("positions are 1-based line and column of each value and key")
    func positions() throws {
        let root = try parse("yesan: 1\nprograms:\n  - id: 신중년경력형\n    budget: 100\n")
        guard case .mapping(let e) = root.value, case .sequence(let programs) = e[1].value.value,
              case .mapping(let p) = programs[0].value else { Issue.record("shape"); return }
        #expect(e[1].keyLocation == SourceLocation(file: "s.yaml", line: 2, column: 1))
        #expect(p[1].key == "budget" && p[1].keyLocation.line == 4 && p[1].keyLocation.column == 5)
        #expect(p[1].value.location == SourceLocation(file: "s.yaml", line: 4, column: 13))
    }

    @Test("keys and strings are normalised to NFC")
    func nfc() throws {
        // "사업" written with conjoining jamo (NFD) equals the precomposed syllables after loading.
        let decomposed = "\u{1109}\u{1161}\u{110B}\u{1165}\u{11B8}"
        let m = entries(try parse("\(decomposed): \(decomposed)"))
        #expect(m["사업"]?.value == .string("사업"))
    }

    @Test("malformed YAML, duplicate keys and alias bombs are errors with a position")
    func errors() {
        func message(_ text: String) -> Diagnostic? {
            do { _ = try parse(text); return nil } catch { return error }
        }
        let malformed = message("a: [1, 2\nb: 3\n")
        #expect(malformed?.message.contains("malformed YAML") == true)
        #expect(malformed?.location?.line == 2)
        let twice = message("a: 1\nb: 2\na: 3\n")
        #expect(twice?.message.contains("'a' given twice") == true)
        #expect(twice?.location?.line == 3)
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { bomb += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let exploded = message(bomb)
        #expect(exploded?.message.contains("more than 2000000 nodes") == true)
        #expect(exploded?.hint.contains("aliases") == true)
    }

    @Test("files: missing, too large, not UTF-8, and a byte-order mark is skipped")
    func files() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yesan-yaml-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: Diagnostic.self) { try YAMLReader.read(path: dir.appendingPathComponent("none.yaml").path) }
        let bom = dir.appendingPathComponent("bom.yaml")
        try Data([0xEF, 0xBB, 0xBF] + Array("yesan: 1\n".utf8)).write(to: bom)
        #expect(entries(try YAMLReader.read(path: bom.path))["yesan"]?.value == .int(1))
        let latin1 = dir.appendingPathComponent("latin1.yaml")
        try Data([0x61, 0x3A, 0x20, 0xE9, 0x0A]).write(to: latin1)
        do { _ = try YAMLReader.read(path: latin1.path); Issue.record("expected an error") } catch {
            #expect(error.message.contains("not UTF-8"))
        }
        let big = dir.appendingPathComponent("big.yaml")
        _ = FileManager.default.createFile(atPath: big.path, contents: nil)
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: UInt64(YAMLReader.maximumFileSize + 1))
        try handle.close()
        do { _ = try YAMLReader.read(path: big.path); Issue.record("expected an error") } catch {
            #expect(error.message.contains("at most 16 MiB"))
        }
    }
}
