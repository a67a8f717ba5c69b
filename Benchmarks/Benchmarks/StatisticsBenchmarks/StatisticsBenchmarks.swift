// Statistics of 10⁶ values (mean, sd, se, min, max, P5 … P95, SPEC 6).
//
// - "Summary(values)": the public initialiser on an array (filter, compensated sums, full sort).
// - "result column": SimulationResult.summaries, the path `yesan run` takes (radix selection of the
//   order statistics, Summary+Column.swift), on one key of a 10⁶-trial run made once in setup:
//   requested of a program with a lognormal budget (continuous, no ties), and its budget.시비 under a
//   시비 cap of 1,200 (an atom at the cap in about a quarter of the trials, as cut metrics have).
import Benchmark
import YesanBenchSupport
import YesanCore

let count = 1_000_000

/// One program over one year, its budget lognormal under a 시비 cap, run for 10⁶ trials; the key chosen.
func column(_ name: String) throws -> (result: SimulationResult, keys: [MetricKey]) {
    let budget = RandomQuantity(try .lognormal(mean: 1000, sd: 300), identity: "program:p:budget")
    let program = Program(id: "p", category: Scenario.defaultCategories[0], group: Scenario.defaultGroups[0], baseYear: 2025,
                          size: .budget(.random(budget)), unitCost: .constant(10), shares: [SourceFraction("시비", 1)])
    let city = FundingSource(name: "시비", cap: .constant(.constant(1200)))
    let scenario = Scenario(name: "statistics", years: 2025...2025, trials: count,
                            sources: [FundingSource(name: "국비"), city], programs: [program])
    let simulation = try Simulation(scenario)
    let keys = [MetricKey(name, year: 2025)]
    return (simulation.run(keys: keys, trials: 0..<count, threads: BenchInputs.cores), keys)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal],
        maxDuration: .seconds(3),
        maxIterations: 30
    )

    Benchmark("Summary(values), 10⁶ lognormal values") { benchmark, values in
        blackHole(Summary(values))
    } setup: {
        let distribution = try Distribution.lognormal(mean: 1000, sd: 300)
        var stream = RandomStream(key: StreamKey(seed: 1, identity: "bench:statistics"), trial: 0)
        return (0..<count).map { _ in distribution.sample(using: &stream) }
    }

    Benchmark("result column, 10⁶ trials: requested (lognormal), 1 thread") { benchmark, run in
        blackHole(run.result.summaries(of: run.keys, threads: 1))
    } setup: {
        try column("requested")
    }

    Benchmark("result column, 10⁶ trials: budget.시비 under a cap (atom), 1 thread") { benchmark, run in
        blackHole(run.result.summaries(of: run.keys, threads: 1))
    } setup: {
        try column("budget.시비")
    }
}
