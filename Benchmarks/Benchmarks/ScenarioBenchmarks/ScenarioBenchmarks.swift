// Scenario loading: ScenarioLoader.load(path:) — read, parse the YAML, merge extends, check every
// field, hash the inputs and the resolved scenario — of bench-large with 2,000 and with 200
// programs (10 years; generated into a temporary folder, see BenchInputs), then compiling the
// Simulation (plan, copulas) of the 2,000-program one.
import Benchmark
import YesanBenchSupport
import YesanCore
import YesanScenario

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(5),
        maxIterations: 30
    )

    for programs in [2_000, 200] {
        Benchmark("load: bench-large, \(programs == 2_000 ? "2,000" : String(programs)) programs × 10 years") { benchmark, path in
            do {
                blackHole(try ScenarioLoader.load(path: path))
            } catch {
                benchmark.error("\(path): \(error)")
            }
        } setup: {
            BenchInputs.benchLarge(programs: programs).path
        }
    }

    Benchmark("compile: Simulation of bench-large, 2,000 programs") { benchmark, scenario in
        do {
            blackHole(try Simulation(scenario))
        } catch {
            benchmark.error("\(error)")
        }
    } setup: {
        BenchInputs.load(BenchInputs.benchLarge(programs: 2_000).path)
    }
}
