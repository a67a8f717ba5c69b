// The generator and the samplers, in draws per second (scaled: one iteration = 10⁶ draws; the
// time shown per iteration is the time per draw).
//
// - "Philox …", "… (batch)": the public batch fills of StreamKey (Swift, two trials per Philox
//   block), and RandomStream one draw at a time with Distribution.sample(using:), the sequential
//   samplers every engine draw falls back to.
// - "engine draws: <family>": the engine's own batch path (C Philox, four-lane beta/gamma and
//   ziggurat), which is internal, reached through Simulation: 16 programs, one year, each
//   program's budget a per-trial draw of the family, 62,500 trials on one thread = 10⁶ draws.
//   "engine draws: constant" is the same run with constant budgets: the model's share, to subtract.
import Benchmark
import YesanBenchSupport
import YesanCore

let draws = 1_000_000

func family(_ name: String) -> Distribution {
    do {
        switch name {
        case "normal": return try .normal(mean: 100, sd: 10)
        case "lognormal": return try .lognormal(mean: 100, sd: 8)
        case "gamma": return try .gamma(mean: 1000, sd: 100)
        case "beta": return try .beta(mean: 0.92, sd: 0.03)
        case "pert": return try .pert(min: 85, mode: 100, max: 130)
        case "triangular": return try .triangular(min: 90, mode: 100, max: 120)
        case "uniform": return try .uniform(min: 90, max: 110)
        case "discrete": return try .discrete(values: [2026, 2027], weights: [1, 2])
        default: return try .fixed(100)
        }
    } catch {
        fatalError("\(name): \(error)")
    }
}

/// 16 programs over one year whose budgets are draws of `distribution` (constant when nil).
func drawScenario(_ distribution: Distribution?) -> Scenario {
    let programs = (0..<16).map { i in
        let id = "p\(i)"
        let size: Quantity = distribution.map { .random(RandomQuantity($0, identity: "program:\(id):budget")) } ?? .constant(100)
        return Program(id: id, category: Scenario.defaultCategories[0], group: Scenario.defaultGroups[0], baseYear: 2025,
                       size: .budget(size), shares: [SourceFraction("국비", 1)])
    }
    return Scenario(name: "draws", years: 2025...2025, trials: draws / 16, sources: FundingSource.defaults, programs: programs)
}

/// Output buffers of the batch fills, kept for the life of the process.
func words() -> UnsafeMutableBufferPointer<UInt64> {
    let buffer = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: draws)
    buffer.initialize(repeating: 0)
    return buffer
}

func doubles() -> UnsafeMutableBufferPointer<Double> {
    let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: draws)
    buffer.initialize(repeating: 0)
    return buffer
}

/// A compiled `drawScenario` and the key its runs keep.
struct DrawWork {
    let simulation: Simulation
    let keys = [MetricKey("requested", year: 2025)]
    init(_ distribution: Distribution?) throws {
        simulation = try Simulation(drawScenario(distribution))
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput],
        scalingFactor: .mega,
        maxDuration: .seconds(2),
        maxIterations: 50
    )
    let key = StreamKey(seed: 20_251_123, identity: "bench:rng")

    Benchmark("Philox words (batch)") { benchmark, buffer in
        key.fillWords(trials: 0..<UInt64(draws), year: 0, draw: 0, into: buffer)
        blackHole(buffer[draws / 2])
    } setup: {
        words()
    }

    Benchmark("uniform (0,1) (batch)") { benchmark, buffer in
        key.fillOpenUniforms(trials: 0..<UInt64(draws), year: 0, into: buffer)
        blackHole(buffer[draws / 2])
    } setup: {
        doubles()
    }

    Benchmark("standard normal, ziggurat (batch)") { benchmark, buffer in
        key.fillStandardNormals(trials: 0..<UInt64(draws), year: 0, into: buffer)
        blackHole(buffer[draws / 2])
    } setup: {
        doubles()
    }

    Benchmark("uniform (0,1), RandomStream") { benchmark in
        var stream = RandomStream(key: key, trial: 0)
        var sum = 0.0
        for _ in benchmark.scaledIterations { sum += stream.nextOpenUnit() }
        blackHole(sum)
    }

    Benchmark("standard normal, RandomStream") { benchmark in
        var stream = RandomStream(key: key, trial: 0)
        var sum = 0.0
        for _ in benchmark.scaledIterations { sum += standardNormal(using: &stream) }
        blackHole(sum)
    }

    for name in ["normal", "lognormal", "gamma", "beta", "pert", "triangular", "uniform", "discrete"] {
        let distribution = family(name)
        Benchmark("\(name), RandomStream + sample(using:)") { benchmark in
            var stream = RandomStream(key: key, trial: 0)
            var sum = 0.0
            for _ in benchmark.scaledIterations { sum += distribution.sample(using: &stream) }
            blackHole(sum)
        }
    }

    Benchmark("normal quantile Φ⁻¹(u)") { benchmark in
        let standard = family("normal")
        var sum = 0.0
        let scale = 1 / Double(draws)
        for i in benchmark.scaledIterations { sum += standard.quantile((Double(i) + 0.5) * scale) }
        blackHole(sum)
    }

    for name in ["constant", "normal", "lognormal", "gamma", "beta", "pert", "triangular", "uniform"] {
        Benchmark("engine draws: \(name) (16 programs × 62,500 trials, 1 thread)") { benchmark, work in
            let result = work.simulation.run(keys: work.keys, trials: 0..<(draws / 16), threads: 1)
            blackHole(result.values(work.keys[0])[0])
        } setup: {
            try DrawWork(name == "constant" ? nil : family(name))
        }
    }
}
