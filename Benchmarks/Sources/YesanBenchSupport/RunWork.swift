import YesanCore

/// What `yesan run FILE` computes for its default table (Sources/YesanCLI/Run/RunCommand.swift),
/// rebuilt from public API: the table's keys (budget, budget.시비, spend, participants,
/// placements, cost_per_placement at every year and total) and the funds' balances kept per
/// trial; the targets, each capped or funded source's shortfall and a fund's depletion flag
/// counted (only P(> 0) is shown).
///
/// `perform` runs the trials and the statistics of what is shown, as the command does; only
/// parsing, formatting and printing are left out. Keep it in step with RunCommand.
public struct RunWork: Sendable {
    public let simulation: Simulation
    /// The keys kept per trial, whose full statistics are shown, in the command's order.
    public let keys: [MetricKey]
    /// The keys only counted: targets, shortfalls and depletion flags.
    public let counted: [MetricKey]

    public init(_ scenario: Scenario) {
        do { simulation = try Simulation(scenario) } catch { fatalError("\(scenario.name): \(error)") }
        let years = scenario.years.map(Optional.some) + [nil]
        var keys = ["budget", "budget.시비", "spend", "participants", "placements", "cost_per_placement"]
            .flatMap { name in years.map { MetricKey(name, year: $0) } }
        var counted = scenario.targets.map { MetricKey("target.\($0.name)", year: $0.year) }
        for s in scenario.sources where s.cap != nil || s.fund != nil {
            for y in years {
                if s.fund != nil {
                    counted.append(MetricKey("fund.\(s.name).depleted", year: y))
                    keys.append(MetricKey("fund.\(s.name).balance", year: y))
                }
            }
            counted += years.map { MetricKey("shortfall.\(s.name)", year: $0) }
        }
        self.keys = keys
        self.counted = counted
    }

    /// Bytes of per-trial values the command estimates before running `trials` trials.
    public func estimatedBytes(trials: Int) -> Int {
        Simulation.estimatedBytes(keys: keys.count, trials: trials)
    }

    /// Runs `trials` and computes what the table shows; returns a number that depends on all of it.
    public func perform(trials: Int, threads: Int) -> Double {
        let result = simulation.run(keys: keys, counting: counted, trials: 0..<trials, threads: threads)
        let summaries = result.summaries(of: keys, threads: threads)
        var check = summaries.reduce(0) { $0 + ($1.quantiles[2].isNaN ? 0 : $1.quantiles[2]) }
        for key in counted { check += result.tally(key)?.probability ?? 0 }
        return check
    }
}
