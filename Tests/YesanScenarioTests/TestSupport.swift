import Foundation
import Testing
import YesanScenario

/// Helpers shared by the scenario tests.
enum TestSupport {
    /// `Tests/YesanScenarioTests/Fixtures`.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    /// A scenario with one program `x` (2025..2026, budget 100, all 시비); `program` adds lines to
    /// the program (4 spaces of indentation), `top` lines at the top level.
    static func scenario(program: String = "", top: String = "", shares: String = "{ 시비: 1 }", budget: String = "budget: 100") -> String {
        """
        yesan: 1
        years: 2025..2026
        \(top)
        programs:
          - id: x
            category: 직접일자리
            group: 청년
            \(budget)
            shares: \(shares)
        \(program.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n"))
        """
    }

    /// The error of loading `yaml`, or nil (recorded as an issue) if it loads.
    static func failure(_ yaml: String, file: String = "s.yaml", sets: [String] = [],
                        sourceLocation: Testing.SourceLocation = #_sourceLocation) -> ScenarioLoadError? {
        do {
            _ = try ScenarioLoader.load(yaml: yaml, file: file, sets: sets)
            Issue.record("expected an error", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    /// Whether some diagnostic's full text contains every one of `words`.
    static func mentions(_ error: ScenarioLoadError?, _ words: [String]) -> Bool {
        error?.diagnostics.contains { d in words.allSatisfy { d.description.contains($0) } } ?? false
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yesan-loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Writes `files` (relative path → text) under `dir`.
    static func write(_ files: [String: String], in dir: URL) throws {
        for (name, text) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }
}
