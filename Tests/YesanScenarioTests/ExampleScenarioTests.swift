import Foundation
import Testing
import YesanCore
import YesanScenario

/// The peers' example scenarios, when this machine has them.
@Suite("Example scenarios load without errors")
struct ExampleScenarioTests {
    static let directory = "/work/shared/peers/examples"
    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test("every example loads", .enabled(if: FileManager.default.fileExists(atPath: directory), "no /work/shared/peers/examples on this machine"))
    func examples() throws {
        #expect(!Self.files.isEmpty)
        for file in Self.files {
            do {
                let loaded = try ScenarioLoader.load(path: "\(Self.directory)/\(file)")
                #expect(!loaded.scenario.programs.isEmpty, "\(file)")
            } catch {
                Issue.record("\(file):\n\(error.description)")
            }
        }
    }
}
