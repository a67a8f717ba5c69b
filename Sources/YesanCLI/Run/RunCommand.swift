import ArgumentParser
import YesanCore
import YesanScenario

/// `yesan run`: simulate a scenario and print per-year statistics and target probabilities (SPEC 4–7).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "시뮬레이션 · Simulate a scenario: per-year budget, 시비, spend, participants, placements (P50 [P5–P95]) and targets.",
        discussion: """
            Runs the Monte Carlo trials of a scenario file (SPEC 4) and prints, for every year
            and the whole horizon, the median and the 90 % band of the key metrics, the
            probability that each target is met, and how often caps and funds bind.

            --format json prints every metric of SPEC 6 (schema yesan/run@1, docs/run-schema.md);
            --format csv prints the same statistics one metric per row. --metric narrows the
            metrics: NAME (every year and total), NAME@YEAR or NAME@total, with * as a wildcard;
            per-program breakdowns appear only when asked for ('spend.program.*').

            Examples:
              yesan run Scenarios/goyang-2025.yaml
              yesan run Scenarios/goyang-2025.yaml --lang en --unit 억원
              yesan run s.yaml --format json --out result.json
              yesan run s.yaml --metric 'spend.시비' --metric 'target.*' --format csv --excel
              yesan run s.yaml --set 'programs[신중년경력형].events[0].absorb.시비=1.0' --trials 50000
              yesan run s.yaml --metric 'budget@total' --export-samples samples.csv
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @OptionGroup var scenarioOptions: ScenarioOptions
    @OptionGroup var simulationOptions: SimulationOptions

    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("metric"), parsing: .singleValue,
            help: ArgumentHelp("Metrics to report: NAME, NAME@YEAR or NAME@total, * matches any text (repeatable).", valueName: "PATTERN"))
    var metrics: [String] = []

    @Option(name: .customLong("export-samples"), help: ArgumentHelp("Write every trial's value of the reported metrics to FILE.csv (one row per trial).", valueName: "FILE.csv"))
    var exportSamples: String?

    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        if output.excel && output.format != "csv" && exportSamples == nil {
            throw ValidationError("--excel applies to csv output: add --format csv or --export-samples FILE.csv")
        }
    }

    func run() throws {
        try reportingFailures { try execute() }
    }

    private func execute() throws {
        let format = output.format
        let language = output.language
        let loaded = try loadScenario(file, options: scenarioOptions, language: language)
        var scenario = loaded.scenario
        if let trials = simulationOptions.trials { scenario.trials = trials }
        if let seed = simulationOptions.seed { scenario.seed = seed }
        let simulation = try makeSimulation(scenario, file: file, repair: scenarioOptions.repairCorrelation)
        let threads = simulationOptions.resolvedThreads

        // Which keys to compute.
        var selectedKeys: [MetricKey]?
        if !metrics.isEmpty {
            do {
                selectedKeys = try simulation.select(metrics)
            } catch {
                throw CommandFailure(status: 64, lines: ["error: \(error)"])
            }
        }
        let targetKeys = scenario.targets.map { MetricKey("target.\($0.name)", year: $0.year) }
        let yearsAndTotal = scenario.years.map(Optional.some) + [nil]
        var keys: [MetricKey]
        if let selectedKeys {
            keys = selectedKeys
        } else if format == "json" || format == "csv" {
            keys = simulation.metricKeys(includePrograms: false)
        } else {
            keys = ["budget", "budget.시비", "spend", "participants", "placements", "cost_per_placement"]
                .flatMap { name in yearsAndTotal.map { MetricKey(name, year: $0) } }
        }
        var computed = keys
        var seen = Set(keys)
        func add(_ key: MetricKey) { if seen.insert(key).inserted { computed.append(key) } }
        targetKeys.forEach(add)
        // The limits table (table and md only): the funds' statistics, and each limited source's
        // shortfall, of which only P(> 0) is shown.
        var shortfallKeys: [MetricKey] = []
        if selectedKeys == nil && (format == "table" || format == "md") {
            for s in scenario.sources where s.cap != nil || s.fund != nil {
                for y in yearsAndTotal {
                    shortfallKeys.append(MetricKey("shortfall.\(s.name)", year: y))
                    if s.fund != nil {
                        add(MetricKey("fund.\(s.name).depleted", year: y))
                        add(MetricKey("fund.\(s.name).balance", year: y))
                    }
                }
            }
            shortfallKeys.forEach(add)
        }

        // The default table shows only P(> 0) of the shortfalls, depletion flags and targets:
        // those are counted rather than kept (unless every trial is exported).
        var counted: [MetricKey] = []
        if selectedKeys == nil && (format == "table" || format == "md") && exportSamples == nil {
            let probabilityOnly = Set(shortfallKeys + targetKeys).union(computed.filter { $0.name.hasSuffix(".depleted") })
            counted = computed.filter { probabilityOnly.contains($0) }
            computed = computed.filter { !probabilityOnly.contains($0) }
        }

        // SPEC 6: refuse a run whose per-trial values would not fit in memory.
        let bytes = Simulation.estimatedBytes(keys: computed.count, trials: scenario.trials)
        let memory = physicalMemory()
        if memory > 0 && bytes > memory / 2 {
            throw CommandFailure(status: 64, lines: [
                "error: this run needs about \(formatBytes(bytes)) for the per-trial values of \(computed.count) metrics × "
                    + "\(formatNumber(Double(scenario.trials), decimals: 0)) trials, more than half of this machine's memory (\(formatBytes(memory)))",
                "hint: report fewer metrics with --metric (e.g. --metric 'budget' --metric 'target.*') or run fewer --trials",
            ])
        }

        let bar = ProgressBar(total: scenario.trials, label: language == .ko ? "시뮬레이션" : "simulating",
                              enabled: !quiet && standardErrorIsTerminal())
        let result = simulation.run(keys: computed, counting: counted, trials: 0..<scenario.trials, threads: threads,
                                    progress: { bar.update($0) })
        bar.finish()
        // Statistics of what is shown.
        let probabilityOnly = Set(shortfallKeys)
        let summarized = computed.filter { !probabilityOnly.contains($0) }
        var summaries: [MetricKey: Summary] = [:]
        for (key, s) in zip(summarized, result.summaries(of: summarized, threads: threads)) { summaries[key] = s }
        var positive: [MetricKey: (p: Double, se: Double)] = [:]
        for key in Set(shortfallKeys + counted) {
            if let t = result.tally(key) { positive[key] = (t.probability, t.standardError) }
        }

        let fileUnit = MoneyUnit(rawValue: scenario.unit) ?? .default
        let displayUnit = output.displayUnit(fileUnit: fileUnit)
        let report = RunReport(
            loaded: loaded, scenario: scenario, keys: keys, summaries: summaries, positive: positive,
            selected: selectedKeys != nil, repaired: simulation.isCorrelationRepaired, language: language,
            moneyScale: Double(fileUnit.won) / Double(displayUnit.won), displayUnit: displayUnit.rawValue)

        if let exportSamples {
            let sampleKeys = selectedKeys ?? keys
            let text = samplesCSV(result: result, keys: sampleKeys, report: report)
            try writeAtomically((output.excel ? "\u{FEFF}" : "") + text, to: exportSamples)
        }
        try output.emit(output.finished(report.rendered(format)))
    }
}

/// Every trial's value of `keys`: a `trial` column, then one column per key (display unit,
/// shortest round-trip digits, empty where undefined).
func samplesCSV(result: SimulationResult, keys: [MetricKey], report: RunReport) -> String {
    let columns = keys.map { key in result.values(key).map { report.display($0, key) } }
    var lines = ["trial," + keys.map { csvCell($0.description) }.joined(separator: ",")]
    lines.reserveCapacity(result.trials.count + 1)
    for (i, trial) in result.trials.enumerated() {
        lines.append(String(trial) + "," + columns.map { i < $0.count ? csvNumber($0[i]) : "" }.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
}

/// Bytes as MiB or GiB.
func formatBytes(_ bytes: Int) -> String {
    let mib = Double(bytes) / 1_048_576
    return mib >= 1024 ? formatNumber(mib / 1024, decimals: 1) + " GiB" : formatNumber(mib, decimals: 0) + " MiB"
}
