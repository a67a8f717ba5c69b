import Foundation
import Testing
import YesanCore
import YesanScenario

@Suite("extends: merging files (SPEC 3.6)")
struct ExtendsTests {
    static let base = """
        yesan: 1
        years: 2025..2026
        unit: 백만원
        drivers:
          a: { dist: uniform, min: 0, max: 0.1 }
          b: { dist: uniform, min: 0, max: 0.2 }
        sources:
          시비: { cap: { base: 3500, growth: 0.02 } }
          일자리기금: { fund: { balance: 100 } }
        programs:
          - id: x
            category: 직접일자리
            group: 청년
            budget: 100
            growth: $b
            execution: { dist: beta, mean: 0.9, sd: 0.03 }
            shares: { 국비: 0.5, 시비: 0.5 }
            events:
              - { year: 2026, scale: 2 }
          - { id: y, category: 직접일자리, group: 청년, budget: 50, shares: { 일자리기금: 1 } }
        """

    /// Writes `base.yaml` and the given files into a fresh directory and runs `body` there.
    func withFiles(_ files: [String: String], _ body: (URL) throws -> Void) throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try TestSupport.write(["base.yaml": Self.base].merging(files) { $1 }, in: dir)
        try body(dir)
    }

    func load(_ dir: URL, _ name: String, sets: [String] = [], allowOutside: Bool = false) throws(ScenarioLoadError) -> LoadedScenario {
        try ScenarioLoader.load(path: dir.appendingPathComponent(name).path, sets: sets, allowOutside: allowOutside)
    }

    func failure(_ dir: URL, _ name: String, allowOutside: Bool = false) -> ScenarioLoadError? {
        do {
            _ = try load(dir, name, allowOutside: allowOutside)
            Issue.record("\(name) should not load")
            return nil
        } catch { return error }
    }

    @Test("programs merge by id field by field; shares replace whole; remove: true for a program, driver and source")
    func mergeAndRemove() throws {
        try withFiles(["child.yaml": """
            yesan: 1
            extends: base.yaml
            drivers: { b: { remove: true } }
            sources: { 일자리기금: { remove: true } }
            programs:
              - { id: x, shares: { 시비: 1 }, growth: $a }
              - { id: y, remove: true }
              - { id: z, category: 직업훈련, group: 여성, budget: 7, shares: { 도비: 1 } }
            """]) { dir in
            let loaded = try load(dir, "child.yaml")
            let s = loaded.scenario
            #expect(s.programs.map(\.id) == ["x", "z"])
            let x = s.programs[0]
            #expect(x.shares == [SourceFraction("시비", 1)])
            #expect(x.growth == .driver("a") && x.size == .budget(.constant(100)))
            #expect(x.events.count == 1 && x.execution != .one)
            #expect(s.drivers.map(\.name) == ["a"])
            #expect(s.sources.map(\.name) == ["시비", "국비", "도비", "기금", "기타"])
            #expect(loaded.inputs.map(\.path) == [dir.appendingPathComponent("child.yaml").path, "base.yaml"])
            #expect(loaded.inputs[1].sha256 == sha256(of: dir.appendingPathComponent("base.yaml")))
        }
    }

    @Test("a map with dist replaces whole; a map without dist over a distribution merges key by key")
    func distributions() throws {
        try withFiles([
            "replace.yaml": "yesan: 1\nextends: base.yaml\nprograms:\n  - { id: x, execution: { dist: uniform, min: 0.8, max: 1 } }\n",
            "merge.yaml": "yesan: 1\nextends: base.yaml\nprograms:\n  - { id: x, execution: { mean: 0.95 } }\n",
            "cap.yaml": "yesan: 1\nextends: base.yaml\nsources:\n  시비: { cap: { base: 4000 } }\n",
            "events.yaml": "yesan: 1\nextends: base.yaml\nprograms:\n  - { id: x, events: [{ year: 2025, cut: { 국비: 1 } }] }\n",
        ]) { dir in
            let replaced = try load(dir, "replace.yaml").scenario.programs[0].execution
            #expect(replaced == .random(RandomQuantity(try .uniform(min: 0.8, max: 1), identity: "program:x:execution")))
            let merged = try load(dir, "merge.yaml").scenario.programs[0].execution
            #expect(merged == .random(RandomQuantity(try .beta(mean: 0.95, sd: 0.03), identity: "program:x:execution")))
            let cap = try load(dir, "cap.yaml").scenario.sources[0].cap
            #expect(cap == .compounding(base: .constant(4000), growth: .constant(0.02)))
            let events = try load(dir, "events.yaml").scenario.programs[0].events
            #expect(events.count == 1 && events[0].year == .fixed(2025))
        }
    }

    @Test("unit: inherited when left out, refused when different")
    func units() throws {
        try withFiles([
            "eok.yaml": Self.base.replacingOccurrences(of: "unit: 백만원", with: "unit: 억원"),
            "inherit.yaml": "yesan: 1\nextends: eok.yaml\nprograms:\n  - { id: y, budget: \"13억\" }\n",
            "differ.yaml": "yesan: 1\nextends: base.yaml\nunit: 억원\n",
            "same.yaml": "yesan: 1\nextends: base.yaml\nunit: 백만원\n",
            "undeclared-root.yaml": Self.base.replacingOccurrences(of: "unit: 백만원\n", with: ""),
            "declares.yaml": "yesan: 1\nextends: undeclared-root.yaml\nunit: 억원\n",
        ]) { dir in
            let s = try load(dir, "inherit.yaml").scenario
            #expect(s.unit == "억원" && s.programs[1].size == .budget(.constant(13)))
            let same = try load(dir, "same.yaml").scenario.unit
            #expect(same == "백만원")
            let e = failure(dir, "differ.yaml")
            #expect(e?.diagnostics.first?.message.contains("unit 억원 differs from 백만원") == true)
            #expect(e?.diagnostics.first?.location?.line == 3)
            let root = failure(dir, "declares.yaml")
            #expect(root?.diagnostics.first?.message.contains("differs from 백만원") == true)
        }
    }

    @Test("leaving the command-line file's directory needs allowOutside; manifest paths are relative to it")
    func escape() throws {
        try withFiles(["sub/child.yaml": "yesan: 1\nextends: ../base.yaml\nname: 아래\n",
                       "sub/inner/deep.yaml": "yesan: 1\nextends: ../child.yaml\n"]) { dir in
            let e = failure(dir, "sub/child.yaml")
            #expect(e?.diagnostics.first?.message.contains("leaves the directory tree") == true)
            #expect(e?.diagnostics.first?.hint.contains("--allow-outside") == true)
            let loaded = try load(dir, "sub/child.yaml", allowOutside: true)
            #expect(loaded.scenario.name == "아래")
            #expect(loaded.inputs.map(\.path) == [dir.appendingPathComponent("sub/child.yaml").path, "../base.yaml"])
            #expect(failure(dir, "sub/inner/deep.yaml")?.diagnostics.first?.message.contains("leaves") == true)
        }
    }

    @Test("a symbolic link that leads outside is an escape too")
    func symlinkEscape() throws {
        try withFiles(["sub/placeholder.yaml": "yesan: 1\n"]) { dir in
            try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("sub/link.yaml").path,
                                                       withDestinationPath: dir.appendingPathComponent("base.yaml").path)
            try TestSupport.write(["sub/child.yaml": "yesan: 1\nextends: link.yaml\n"], in: dir)
            #expect(failure(dir, "sub/child.yaml")?.diagnostics.first?.message.contains("leaves") == true)
            let programs = try load(dir, "sub/child.yaml", allowOutside: true).scenario.programs
            #expect(programs.count == 2)
        }
    }

    @Test("depth: 8 extends steps load, 9 are refused")
    func depth() throws {
        var files: [String: String] = ["l0.yaml": Self.base]
        for i in 1...9 { files["l\(i).yaml"] = "yesan: 1\nextends: l\(i - 1).yaml\n" }
        try withFiles(files) { dir in
            let inputs = try load(dir, "l8.yaml").inputs
            #expect(inputs.count == 9)
            let e = failure(dir, "l9.yaml")
            #expect(e?.diagnostics.first?.message.contains("deeper than 8") == true)
            #expect(e?.diagnostics.first?.location?.file.hasSuffix("l1.yaml") == true)
        }
    }

    @Test("cycles: a file extending itself, and a -> b -> a")
    func cycles() throws {
        try withFiles(["self.yaml": "yesan: 1\nextends: self.yaml\n",
                       "a.yaml": "yesan: 1\nextends: b.yaml\n", "b.yaml": "yesan: 1\nextends: ./a.yaml\n"]) { dir in
            #expect(failure(dir, "self.yaml")?.diagnostics.first?.message.contains("extends cycle") == true)
            let e = failure(dir, "a.yaml")
            #expect(e?.exitCode == 65)
            let d = dir.path
            #expect(e?.diagnostics.first?.message == "extends cycle: \(d)/a.yaml -> \(d)/b.yaml -> \(d)/a.yaml")
            #expect(e?.diagnostics.first?.location?.file == "\(d)/b.yaml")
        }
    }

    @Test("every file needs yesan: 1; problems in an extended file are reported in that file")
    func versionsAndPositions() throws {
        try withFiles(["noversion.yaml": "years: 2025..2026\n",
                       "child.yaml": "yesan: 1\nextends: noversion.yaml\nprograms:\n  - { id: q, category: 직접일자리, group: 청년, budget: 1, shares: { 국비: 1 }, exection: 1 }\n",
                       "bad-base.yaml": Self.base.replacingOccurrences(of: "budget: 50", with: "budget: -50"),
                       "bad-child.yaml": "yesan: 1\nextends: bad-base.yaml\nseed: -3\n"]) { dir in
            let e = failure(dir, "child.yaml")
            #expect(e?.diagnostics.count == 2)
            #expect(e?.diagnostics.first?.location?.file == "\(dir.path)/child.yaml")
            #expect(e?.diagnostics.last?.location?.file == "\(dir.path)/noversion.yaml")
            #expect(e?.diagnostics.last?.message.contains("yesan: 1") == true)
            let f = failure(dir, "bad-child.yaml")
            #expect(f?.diagnostics.map { $0.location?.file ?? "" } == ["\(dir.path)/bad-child.yaml", "\(dir.path)/bad-base.yaml"])
            #expect(f?.diagnostics.last?.path == "programs[y].budget")
        }
    }

    @Test("removing what no extended file declares, or a default source, is refused with a suggestion")
    func removals() throws {
        try withFiles(["child.yaml": """
            yesan: 1
            extends: base.yaml
            drivers: { c: { remove: true } }
            sources: { 국비: { remove: true } }
            programs:
              - { id: xx, remove: true }
              - { id: y, remove: true, budget: 3 }
            """]) { dir in
            let e = failure(dir, "child.yaml")
            let messages = e?.diagnostics.map(\.description) ?? []
            #expect(messages.count == 4, "\(messages)")
            #expect(TestSupport.mentions(e, ["drivers.c", "cannot remove driver 'c'"]))
            #expect(TestSupport.mentions(e, ["sources.국비", "a default source cannot be removed"]))
            #expect(TestSupport.mentions(e, ["programs[xx]", "cannot remove program 'xx'", "did you mean 'x'?"]))
            #expect(TestSupport.mentions(e, ["programs[y].remove", "remove takes true and no other keys"]))
        }
    }

    @Test("a successor removed by an extending file is an unknown program")
    func removedSuccessor() throws {
        try withFiles(["succ.yaml": Self.base.replacingOccurrences(of: "{ year: 2026, scale: 2 }", with: "{ year: 2026, terminate: true, successor: y }"),
                       "child.yaml": "yesan: 1\nextends: succ.yaml\nprograms:\n  - { id: y, remove: true }\n"]) { dir in
            let action = try load(dir, "succ.yaml").scenario.programs[0].events[0].action
            #expect(action == .terminate(successor: "y"))
            #expect(TestSupport.mentions(failure(dir, "child.yaml"), ["successor", "unknown program 'y'"]))
        }
    }

    @Test("--set applies after merging")
    func setAfterMerge() throws {
        try withFiles(["child.yaml": "yesan: 1\nextends: base.yaml\nprograms:\n  - { id: x, shares: { 시비: 1 } }\n"]) { dir in
            let loaded = try load(dir, "child.yaml", sets: ["programs[x].budget=300", "programs[x].shares={시비: 0.25, 국비: 0.75}"])
            let x = loaded.scenario.programs[0]
            #expect(x.size == .budget(.constant(300)))
            #expect(x.shares == [SourceFraction("시비", 0.25), SourceFraction("국비", 0.75)])
            #expect(loaded.sets == ["programs[x].budget=300", "programs[x].shares={시비: 0.25, 국비: 0.75}"])
            let plain = try load(dir, "child.yaml").resolvedSHA256
            #expect(loaded.resolvedSHA256 != plain)
        }
    }

    static let relativeFixtures = "Tests/YesanScenarioTests/Fixtures/invalid"

    @Test("a relative command-line path: extended files are named from the current directory in diagnostics",
          .enabled(if: FileManager.default.fileExists(atPath: relativeFixtures), "run from the package root"))
    func relativeNames() {
        do {
            _ = try ScenarioLoader.load(path: "\(Self.relativeFixtures)/extends-depth.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.location?.file == "\(Self.relativeFixtures)/depth/d8.yaml")
        }
    }

    /// SHA-256 of a file by `sha256sum` (the test target does not link swift-crypto).
    func sha256(of url: URL) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return "" }
        process.waitUntilExit()
        let out = String(data: pipe.fileHandleForReading.readDataToEndOfFile(), encoding: .utf8) ?? ""
        return String(out.prefix(64))
    }
}
