// `compare` of three scenarios (SPEC 7): Scenarios/goyang-2025-absorb0.yaml (the baseline),
// -absorb35.yaml and -absorb100.yaml, at their own 10,000 trials and at 10⁵, all cores: load the
// three files, compile a Simulation each, run each with the same keys over the same trials
// (common random numbers: the same seed and stream identities), the statistics of every key of
// every scenario, and the paired difference (YesanCore.PairedDifference, from the compare branch)
// of every key of the second and third scenario from the first. The keys are those of
// `yesan run`'s default table (RunWork), targets included.
import Benchmark
import YesanBenchSupport
import YesanCore
import YesanScenario

/// Everything but the printing of `yesan compare A B C`; returns a number that depends on all of it.
func compare(_ paths: [String], trials: Int, threads: Int) -> Double {
    let scenarios = paths.map { BenchInputs.load($0, trials: trials) }
    let keys = RunWork(scenarios[0]).keys
    var check = 0.0
    var baseline: SimulationResult?
    for scenario in scenarios {
        let simulation: Simulation
        do { simulation = try Simulation(scenario) } catch { fatalError("\(scenario.name): \(error)") }
        let result = simulation.run(keys: keys, trials: 0..<trials, threads: threads)
        check += result.summaries(threads: threads).reduce(0) { $0 + ($1.mean.isNaN ? 0 : $1.mean) }
        if let baseline {
            for key in keys {
                let d = PairedDifference(baseline: baseline.values(key), other: result.values(key))
                check += d.mean.isNaN ? 0 : d.mean
            }
        } else {
            baseline = result
        }
    }
    return check
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident],
        maxDuration: .seconds(10),
        maxIterations: 20
    )

    for (trials, label) in [(10_000, "10⁴"), (100_000, "10⁵")] {
        Benchmark("compare: goyang-2025 absorb 0 / 35 / 100, \(label) trials (all cores)") { benchmark, paths in
            blackHole(compare(paths, trials: trials, threads: BenchInputs.cores))
        } setup: {
            BenchInputs.goyangVariants
        }
    }
}
