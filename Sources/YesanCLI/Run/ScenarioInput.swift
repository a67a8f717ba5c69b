import ArgumentParser
import YesanCore
import YesanScenario

/// Options shared by every command that reads a scenario (SPEC 3.6, 7).
struct ScenarioOptions: ParsableArguments {
    @Option(name: .customLong("set"), parsing: .singleValue,
            help: ArgumentHelp("Override a value after extends are merged, e.g. --set 'programs[신중년경력형].events[0].absorb.시비=1.0' or --set trials=100000 (repeatable; VALUE is YAML).",
                               valueName: "PATH=VALUE"))
    var sets: [String] = []

    @Flag(name: .customLong("allow-outside"), help: "Let `extends` read files outside the scenario's directory tree.")
    var allowOutside = false

    @Flag(name: .customLong("repair-correlation"), help: "Run with the nearest valid correlation matrix when the one given is not positive definite (SPEC 3.3).")
    var repairCorrelation = false
}

/// Options of commands that simulate.
struct SimulationOptions: ParsableArguments {
    @Option(help: "Number of trials (default: the scenario's `trials`, else 10000).")
    var trials: Int?

    @Option(help: "Seed of every random stream (default: the scenario's `seed`, else 1).")
    var seed: UInt64?

    @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
    var threads: Int?

    func validate() throws {
        if let trials, trials <= 0 { throw ValidationError("--trials must be a positive number of trials, got \(trials)") }
        if let trials, trials > maximumTrials {
            throw ValidationError("--trials \(trials) is absurdly large; at most \(formatNumber(Double(maximumTrials), decimals: 0)) trials per run (use --shard in a later release)")
        }
        if let threads, threads <= 0 { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    /// The number of worker threads to use.
    var resolvedThreads: Int { threads ?? availableCores() }
}

/// More trials than this in one run are refused (SPEC 11).
let maximumTrials = 1_000_000_000

/// A failure that ends a command with a sysexits status after printing its lines to standard error.
struct CommandFailure: Error {
    let status: Int32
    let lines: [String]
}

/// Loads a scenario the way every command does, turning problems into a `CommandFailure`
/// that lists every diagnostic.
func loadScenario(_ path: String, options: ScenarioOptions, language: Language) throws(CommandFailure) -> LoadedScenario {
    do {
        return try ScenarioLoader.load(path: path, sets: options.sets, allowOutside: options.allowOutside)
    } catch {
        throw CommandFailure(status: error.exitCode, lines: diagnosticLines(error, file: path, language: language))
    }
}

/// The lines printed for a failed load: one per diagnostic, then a count.
func diagnosticLines(_ error: ScenarioLoadError, file: String, language: Language) -> [String] {
    var lines = error.diagnostics.map { "error: \($0)" }
    let n = error.diagnostics.count
    if n > 1 {
        lines.append(language == .ko ? "\(file): 문제 \(n)개 · \(n) problems" : "\(file): \(n) problems")
    }
    return lines
}

/// Compiles the simulation (the correlation check of SPEC 3.3 happens here).
func makeSimulation(_ scenario: Scenario, file: String, repair: Bool) throws(CommandFailure) -> Simulation {
    do {
        return try Simulation(scenario, repairCorrelation: repair)
    } catch {
        throw CommandFailure(status: 65, lines: ["error: \(file): \(error)"])
    }
}

/// Runs `body`, printing a `CommandFailure`'s lines and exiting with its status.
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as CommandFailure {
        failure.lines.forEach(printError)
        throw ExitCode(failure.status)
    } catch let problem as FileProblem {
        printError("error: \(problem.message)")
        throw ExitCode(problem.status)
    }
}
