import ArgumentParser
import YesanCore
import YesanScenario

/// `yesan compare`: several scenarios on common random numbers, side by side, with the paired
/// difference of each from the first (SPEC 5–7).
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "시나리오 비교 · Compare scenarios on common random numbers: P50 [P5–P95] of each and the paired difference from the first.",
        discussion: """
            Runs every scenario with the same seed and the same trials, so that
            quantities with the same identity draw the same numbers (SPEC 5) and
            the differences come from the policy, not from sampling noise. The
            first scenario is the baseline.

            Rows (default, over the whole horizon or the --year): budget, 시비
            budget, each fund's draw, spend, participants, placements, cost per
            placement, each limited source's shortfall, each fund's depletion
            probability, each target's probability. Columns: each scenario's
            P50 [P5–P95], then for every other scenario the mean difference Δ
            from the baseline with its paired 95 % interval and P(Δ > 0). A
            table wider than the terminal (80 columns when not a terminal, or
            --width) is transposed: one block per metric, one line per scenario.

            The seed is --seed, else the first file's; the trials likewise.
            Scenarios must have the same `years` and `unit`. --set applies to
            every scenario; --vs PATH=V1,V2,... compares one file under several
            values of one parameter. A metric a scenario lacks shows as —.
            --format json: schema yesan/compare@1 (docs/compare-schema.md).

            Examples:
              yesan compare Scenarios/goyang-2025-absorb{0,35,100}.yaml
              yesan compare Scenarios/goyang-2025.yaml \\
                --vs 'programs[신중년경력형].events[0].absorb.시비=0,0.35,1'
              yesan compare a.yaml b.yaml --year 2027 --unit 억원 --lang en
              yesan compare a.yaml b.yaml --metric 'spend.시비' --format csv
              yesan compare a.yaml b.yaml --format json --out c.json
            """
    )

    @Argument(help: "Scenario files (YAML); the first is the baseline.")
    var files: [String] = []

    @OptionGroup var scenarioOptions: ScenarioOptions
    @OptionGroup var simulationOptions: SimulationOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("metric"), parsing: .singleValue,
            help: ArgumentHelp("Rows: NAME, NAME@YEAR or NAME@total, * matches any text (repeatable; with --year, NAME means NAME@YEAR).", valueName: "PATTERN"))
    var metrics: [String] = []

    @Option(help: ArgumentHelp("Compare this horizon year instead of the total over the horizon.", valueName: "YEAR"))
    var year: Int?

    @Option(name: .customLong("vs"),
            help: ArgumentHelp("Compare one file under several values of one parameter, each applied as --set PATH=V (comma list; the first value is the baseline).",
                               valueName: "PATH=V1,V2,..."))
    var vs: String?

    @Option(help: ArgumentHelp("Table width in display columns (default: the terminal's width, else 80).", valueName: "COLUMNS"))
    var width: Int?

    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        if output.excel && output.format != "csv" {
            throw ValidationError("--excel applies to csv output: add --format csv")
        }
        if let width, width < 40 { throw ValidationError("--width must be at least 40 columns, got \(width)") }
        if let vs {
            let parameter: VaryingParameter
            do { parameter = try VaryingParameter(vs) } catch { throw ValidationError(error.text) }
            guard files.count == 1 else {
                throw ValidationError("--vs compares one file under several values; give exactly one scenario file, got \(files.count)")
            }
            guard parameter.values.count >= 2 else {
                throw ValidationError("compare needs at least two scenarios: --vs '\(vs)' gives one value; list two or more, separated by commas (the first is the baseline)")
            }
        } else if files.count < 2 {
            throw ValidationError("compare needs at least two scenarios, got \(files.count): give two or more files (the first is the baseline), or one file and --vs PATH=V1,V2")
        }
    }

    func run() throws {
        try reportingFailures { try execute() }
    }

    /// One scenario of the comparison before it runs.
    private struct Entry {
        let file: String
        let label: String
        let sets: [String]
    }

    private func entries() throws(CommandFailure) -> (entries: [Entry], parameter: VaryingParameter?) {
        if let vs {
            let parameter: VaryingParameter
            do { parameter = try VaryingParameter(vs) } catch { throw CommandFailure(status: 64, lines: ["error: \(error.text)"]) }
            let labels = uniqued(parameter.values)
            return (parameter.values.indices.map { Entry(file: files[0], label: labels[$0], sets: scenarioOptions.sets + [parameter.set($0)]) },
                    parameter)
        }
        let labels = columnLabels(files: files)
        return (files.indices.map { Entry(file: files[$0], label: labels[$0], sets: scenarioOptions.sets) }, nil)
    }

    private func execute() throws {
        let language = output.language
        let format = output.format
        let (entries, parameter) = try entries()

        // Load every scenario; report every problem of every file at once.
        var loaded: [LoadedScenario] = []
        var problems: [String] = []
        var status: Int32 = 0
        for entry in entries {
            do {
                loaded.append(try ScenarioLoader.load(path: entry.file, sets: entry.sets, allowOutside: scenarioOptions.allowOutside))
            } catch {
                for line in diagnosticLines(error, file: entry.file, language: language) where !problems.contains(line) {
                    problems.append(line)
                }
                status = max(status, error.exitCode)
            }
        }
        guard problems.isEmpty else { throw CommandFailure(status: status, lines: problems) }

        // Same horizon and unit, or nothing to compare.
        let first = loaded[0].scenario
        func span(_ s: Scenario) -> String { "\(s.years.lowerBound)..\(s.years.upperBound)" }
        for (i, l) in loaded.enumerated().dropFirst() {
            if l.scenario.years != first.years {
                problems += ["error: \(entries[i].file) has years \(span(l.scenario)) but \(entries[0].file) has \(span(first)): "
                    + "scenarios are compared year by year over one horizon (give them the same `years:`, "
                    + "e.g. --set years=\(span(first)) applies to every scenario)"]
            }
            if l.scenario.unit != first.unit {
                problems += ["error: \(entries[i].file) is in \(l.scenario.unit) but \(entries[0].file) is in \(first.unit): "
                    + "write both in one `unit:` (money literals such as \"13억\" convert themselves; --unit only changes the display)"]
            }
        }
        guard problems.isEmpty else { throw CommandFailure(status: 65, lines: problems) }
        if let year, !first.years.contains(year) {
            throw CommandFailure(status: 64, lines: [
                "error: --year \(year) is outside the horizon \(first.years.lowerBound)–\(first.years.upperBound) "
                    + "(choose one of its years, or leave --year out to compare the totals)"])
        }

        // One seed and one range of trials for all: common random numbers (SPEC 5).
        let seed = simulationOptions.seed ?? first.seed
        let trials = simulationOptions.trials ?? first.trials
        var scenarios: [Scenario] = []
        for (i, l) in loaded.enumerated() {
            var s = l.scenario
            if i > 0 && parameter == nil {
                if simulationOptions.seed == nil && s.seed != seed {
                    printError("note: \(entries[i].file): seed \(s.seed) replaced by \(seed), the first scenario's, so that every scenario draws the same random numbers (--seed sets it for all)")
                }
                if simulationOptions.trials == nil && s.trials != trials {
                    printError("note: \(entries[i].file): trials \(s.trials) replaced by \(trials), the first scenario's (--trials sets it for all)")
                }
            }
            s.seed = seed
            s.trials = trials
            scenarios.append(s)
        }
        var simulations: [Simulation] = []
        for (i, s) in scenarios.enumerated() {
            do {
                simulations.append(try makeSimulation(s, file: entries[i].file, repair: scenarioOptions.repairCorrelation))
            } catch {
                problems += error.lines.filter { !problems.contains($0) }
            }
        }
        guard problems.isEmpty else { throw CommandFailure(status: 65, lines: problems) }
        let known = simulations.map { Set($0.metricKeys(includePrograms: true)) }

        // The rows.
        let selected = !metrics.isEmpty
        var keys: [MetricKey] = []
        var seen = Set<MetricKey>()
        func add(_ key: MetricKey) { if seen.insert(key).inserted { keys.append(key) } }
        if selected {
            for text in metrics {
                let pattern = year.map { y in text.contains("@") ? text : "\(text)@\(y)" } ?? text
                var failure: SimulationError?
                var matched = false
                for simulation in simulations {
                    do {
                        try simulation.select([pattern]).forEach(add)
                        matched = true
                    } catch {
                        failure = failure ?? error
                    }
                }
                if !matched, let failure { throw CommandFailure(status: 64, lines: ["error: \(failure)"]) }
            }
        } else if format == "json" || format == "csv" {
            for simulation in simulations {
                for key in simulation.metricKeys(includePrograms: false)
                where year == nil || key.year == year || key.name.hasPrefix("target.") {
                    add(key)
                }
            }
        } else {
            CompareReport.defaultKeys(simulations: simulations, year: year).forEach(add)
        }

        // The targets are always computed, as `run` does, for the `targets` object of the JSON.
        var computed = keys
        for simulation in simulations {
            for t in simulation.scenario.targets {
                let key = MetricKey("target.\(t.name)", year: t.year)
                if !seen.contains(key) && !computed.contains(key) { computed.append(key) }
            }
        }

        // SPEC 6: refuse a run whose per-trial values would not fit in memory (two scenarios'
        // values are held at a time: the baseline's and the one compared with it).
        let bytes = Simulation.estimatedBytes(keys: 2 * computed.count, trials: trials)
        let memory = physicalMemory()
        if memory > 0 && bytes > memory / 2 {
            throw CommandFailure(status: 64, lines: [
                "error: this comparison needs about \(formatBytes(bytes)) for the per-trial values of 2 × \(computed.count) metrics × "
                    + "\(formatNumber(Double(trials), decimals: 0)) trials, more than half of this machine's memory (\(formatBytes(memory)))",
                "hint: compare fewer metrics with --metric (e.g. --metric 'spend@total' --metric 'target.*') or run fewer --trials",
            ])
        }

        // Run: the baseline first, then each other scenario against it.
        let threads = simulationOptions.resolvedThreads
        let bar = ProgressBar(total: trials * simulations.count, label: language == .ko ? "비교 시뮬레이션" : "comparing",
                              enabled: !quiet && standardErrorIsTerminal())
        var summaries: [[MetricKey: Summary]] = []
        var differences: [[MetricKey: PairedDifference]] = []
        var baseline: SimulationResult?
        for (i, simulation) in simulations.enumerated() {
            let own = computed.filter { known[i].contains($0) }
            let offset = i * trials
            let result = simulation.run(keys: own, trials: 0..<trials, threads: threads, progress: { bar.update(offset + $0) })
            var s: [MetricKey: Summary] = [:]
            for (key, summary) in zip(own, result.summaries(of: own, threads: threads)) { s[key] = summary }
            summaries.append(s)
            var d: [MetricKey: PairedDifference] = [:]
            if let baseline {
                for key in own where known[0].contains(key) {
                    d[key] = pairedDifference(baseline: baseline.values(key), other: result.values(key))
                }
            } else {
                baseline = result
            }
            differences.append(d)
        }
        bar.finish()

        let fileUnit = MoneyUnit(rawValue: first.unit) ?? .default
        let displayUnit = output.displayUnit(fileUnit: fileUnit)
        let report = CompareReport(
            columns: entries.indices.map { i in
                CompareReport.Column(label: entries[i].label, file: entries[i].file, loaded: loaded[i], scenario: scenarios[i],
                                     repaired: simulations[i].isCorrelationRepaired)
            },
            parameter: parameter, sets: scenarioOptions.sets, seed: seed, trials: trials, years: first.years, year: year,
            keys: keys, selected: selected, summaries: summaries, differences: differences, language: language,
            moneyScale: Double(fileUnit.won) / Double(displayUnit.won), displayUnit: displayUnit.rawValue,
            width: width ?? terminalColumns() ?? 80)
        try output.emit(output.finished(report.rendered(format)))
    }
}

/// Values of two scenarios closer than this, relative to the larger, are the same value
/// reached by two arithmetic paths (e.g. a budget held at the same cap), not a difference.
let pairedNoise = 1e-12

/// The paired difference `other` − `baseline` of `compare`: `PairedDifference` after setting
/// each value of `other` within `pairedNoise` (relative) of the baseline's to the baseline's,
/// so that rounding noise counts as no difference in P(Δ > 0) (docs/compare-schema.md).
func pairedDifference(baseline: [Double], other: [Double]) -> PairedDifference {
    var snapped = other
    for i in snapped.indices where i < baseline.count {
        let a = baseline[i], b = snapped[i]
        if a != b && abs(b - a) <= pairedNoise * max(abs(a), abs(b)) { snapped[i] = a }
    }
    return PairedDifference(baseline: baseline, other: snapped)
}
