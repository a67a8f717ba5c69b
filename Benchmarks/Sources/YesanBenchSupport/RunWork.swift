import YesanCore

/// What `yesan run FILE` computes for its default table (Sources/YesanCLI/Run/RunCommand.swift),
/// rebuilt from public API: the table's keys (budget, budget.시비, spend, participants,
/// placements, cost_per_placement at every year and total), the targets, and for each capped or
/// funded source its shortfall (only P(> 0) is shown) and a fund's depleted and balance.
///
/// `perform` runs the trials and the statistics of what is shown, as the command does; only
/// parsing, formatting and printing are left out. Keep it in step with RunCommand.
public struct RunWork: Sendable {
    public let simulation: Simulation
    /// Every key computed, in the command's order.
    public let keys: [MetricKey]
    /// The keys whose full statistics are shown.
    public let summarized: [MetricKey]
    /// The shortfall keys, of which only P(> 0) is shown.
    public let shortfalls: [MetricKey]

    public init(_ scenario: Scenario) {
        do { simulation = try Simulation(scenario) } catch { fatalError("\(scenario.name): \(error)") }
        let years = scenario.years.map(Optional.some) + [nil]
        var keys = ["budget", "budget.시비", "spend", "participants", "placements", "cost_per_placement"]
            .flatMap { name in years.map { MetricKey(name, year: $0) } }
        var seen = Set(keys)
        func add(_ key: MetricKey) { if seen.insert(key).inserted { keys.append(key) } }
        scenario.targets.forEach { add(MetricKey("target.\($0.name)", year: $0.year)) }
        var shortfalls: [MetricKey] = []
        for s in scenario.sources where s.cap != nil || s.fund != nil {
            for y in years {
                shortfalls.append(MetricKey("shortfall.\(s.name)", year: y))
                if s.fund != nil {
                    add(MetricKey("fund.\(s.name).depleted", year: y))
                    add(MetricKey("fund.\(s.name).balance", year: y))
                }
            }
        }
        shortfalls.forEach(add)
        self.keys = keys
        self.shortfalls = shortfalls
        let probabilityOnly = Set(shortfalls)
        summarized = keys.filter { !probabilityOnly.contains($0) }
    }

    /// Bytes of per-trial values the command estimates before running `trials` trials.
    public func estimatedBytes(trials: Int) -> Int {
        Simulation.estimatedBytes(keys: keys.count, trials: trials)
    }

    /// Runs `trials` and computes what the table shows; returns a number that depends on all of it.
    public func perform(trials: Int, threads: Int) -> Double {
        let result = simulation.run(keys: keys, trials: 0..<trials, threads: threads)
        let summaries = result.summaries(of: summarized, threads: threads)
        var check = summaries.reduce(0) { $0 + ($1.quantiles[2].isNaN ? 0 : $1.quantiles[2]) }
        for key in shortfalls {
            check += Double(result.values(key).reduce(0) { $0 + ($1 > 0 ? 1 : 0) })
        }
        return check
    }
}
