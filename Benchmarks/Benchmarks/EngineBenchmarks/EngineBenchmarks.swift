// The engine on bench-large (200 programs × 10 years; where the file comes from: BenchInputs).
//
// - "bench-large: trials, 1 thread": the trials alone (Simulation.run of the default table's keys),
//   10,000 trials per iteration on one thread; the custom metric is the time per trial and
//   program-year in picoseconds (8,000 ps = 8 ns per program-year).
// - "bench-large: statistics, 10⁵ trials": the statistics `yesan run` computes for its default table
//   from a finished run (setup runs the trials once), all cores.
// - "bench-large: whole run, N trials": what `yesan run FILE --trials N` does but for parsing its
//   arguments and printing: load the file, compile the Simulation, run the trials, compute the
//   statistics of the default table (RunWork), all cores. At 10⁶ trials the peak resident memory is
//   the figure to compare with the 2 GB bound (the benchmark process also holds its own data).
import Benchmark
import Foundation
import YesanBenchSupport
import YesanCore

let picosecondsPerProgramYear = BenchmarkMetric.custom("ps per trial-program-year", useScalingFactor: false)

/// bench-large's default-table work and a finished run of it.
struct FinishedRun {
    let work: RunWork
    let result: SimulationResult
    init(trials: Int) {
        work = RunWork(BenchInputs.load(BenchInputs.benchLarge().path))
        result = work.simulation.run(keys: work.keys, counting: work.counted, trials: 0..<trials, threads: BenchInputs.cores)
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .peakMemoryResident],
        units: [picosecondsPerProgramYear: .count],
        maxDuration: .seconds(10),
        maxIterations: 10
    )

    Benchmark(
        "bench-large: trials, 1 thread (10,000 trials per iteration)",
        configuration: .init(metrics: [.wallClock, .throughput, picosecondsPerProgramYear],
                             units: [picosecondsPerProgramYear: .count], maxDuration: .seconds(5), maxIterations: 20)
    ) { benchmark, work in
        let trials = 10_000
        let clock = ContinuousClock()
        let start = clock.now
        let result = work.simulation.run(keys: work.keys, counting: work.counted, trials: 0..<trials, threads: 1)
        let elapsed = clock.now - start
        blackHole(result.values(work.keys[0])[0])
        let unitCount = trials * work.simulation.scenario.programs.count * work.simulation.scenario.years.count
        let picoseconds = Double(elapsed.components.seconds) * 1e12 + Double(elapsed.components.attoseconds) * 1e-6
        benchmark.measurement(picosecondsPerProgramYear, Int((picoseconds / Double(unitCount)).rounded()))
    } setup: {
        RunWork(BenchInputs.load(BenchInputs.benchLarge().path))
    }

    Benchmark(
        "bench-large: statistics of the default table, 10⁵ trials",
        configuration: .init(metrics: [.wallClock, .cpuTotal], maxDuration: .seconds(5), maxIterations: 20)
    ) { benchmark, state in
        let summaries = state.result.summaries(of: state.work.keys, threads: BenchInputs.cores)
        blackHole(summaries)
    } setup: {
        FinishedRun(trials: 100_000)
    }

    for (trials, label, iterations) in [(10_000, "10⁴", 20), (100_000, "10⁵", 5), (1_000_000, "10⁶", 3)] {
        Benchmark(
            "bench-large: whole run, \(label) trials (default table, all cores)",
            configuration: .init(maxDuration: .seconds(iterations * 12), maxIterations: iterations)
        ) { benchmark, path in
            let work = RunWork(BenchInputs.load(path, trials: trials))
            blackHole(work.perform(trials: trials, threads: BenchInputs.cores))
        } setup: {
            let path = BenchInputs.benchLarge().path
            let work = RunWork(BenchInputs.load(path))
            BenchInputs.log("whole run, \(trials) trials: \(work.keys.count) keys, estimated \(work.estimatedBytes(trials: trials) >> 20) MiB of per-trial values")
            return path
        }
    }
}
