import ArgumentParser
import YesanCore
import YesanScenario

/// `yesan validate`: check scenario files and print every problem at once (SPEC 7, 11).
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "검사 · Check scenario files and print every problem with file:line:column.",
        discussion: """
            Reads each file (with its extends chain and --set overrides), checks it against the
            scenario format (docs/scenario-format.md) and the correlation matrix (SPEC 3.3), and
            prints every problem found, each with its position, key path, what was expected and
            how to fix it. Exit status: 0 when every file is valid, 65 when one is invalid,
            66 when one cannot be read.

            Examples:
              yesan validate Scenarios/*.yaml
              yesan validate s.yaml --set trials=100000
            """
    )

    @Argument(help: "Scenario files (YAML).")
    var files: [String]

    @OptionGroup var scenarioOptions: ScenarioOptions

    @Option(help: "Label language: ko or en (default from LANG).")
    var lang: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one scenario file") }
    }

    func run() throws {
        let language = Language.resolve(lang)
        var status: Int32 = 0
        for file in files {
            do {
                let loaded = try loadScenario(file, options: scenarioOptions, language: language)
                _ = try makeSimulation(loaded.scenario, file: file, repair: scenarioOptions.repairCorrelation)
                let s = loaded.scenario
                let summary = language == .ko
                    ? "\(file): 정상 ok · 사업 \(s.programs.count)개 · \(s.years.lowerBound)–\(s.years.upperBound) · 목표 \(s.targets.count)개"
                    : "\(file): ok · \(s.programs.count) programs · \(s.years.lowerBound)–\(s.years.upperBound) · \(s.targets.count) targets"
                print(summary)
            } catch {
                error.lines.forEach(printError)
                // 66 (unreadable) outranks 65 (invalid) outranks 64.
                status = max(status, error.status)
            }
        }
        if status != 0 { throw ExitCode(status) }
    }
}
