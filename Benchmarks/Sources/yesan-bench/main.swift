// yesan-bench: micro-benchmarks of the numeric core, one core, release build.
//
//   swift run -c release yesan-bench rng [N] [RUNS]
//   swift run -c release yesan-bench engine [TRIALS] [RUNS] [THREADS]
//   swift run -c release yesan-bench bench-large OUT.yaml [PROGRAMS] [YEARS]
//
// Prints, for each kernel, the median over RUNS runs of the time per variate and variates per
// second. Compare with `python3 numpy_rng.py` on the same machine (see rng-vs-numpy.sh).
import YesanBenchSupport
import YesanCore
#if canImport(Glibc)
import Glibc
#endif

@inline(never)
func blackHole(_ x: Double) {
    if x == -12_345.678_9 { print("") }  // keeps results alive without I/O in the loop
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func measure(_ name: String, n: Int, runs: Int, _ body: () -> Double) {
    var times: [Double] = []
    let clock = ContinuousClock()
    var sink = 0.0
    for _ in 0..<runs {
        let start = clock.now
        sink += body()
        let d = clock.now - start
        times.append(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
    }
    blackHole(sink)
    let t = median(times)
    let ns = t / Double(n) * 1e9
    print("\(name + String(repeating: " ", count: max(0, 44 - name.count))) \(String(format3(ns))) ns/variate  \(String(format3(Double(n) / t / 1e6))) M/s")
}

func format3(_ x: Double) -> String {
    let r = (x * 1000).rounded() / 1000
    return "\(r)"
}

let args = CommandLine.arguments.dropFirst()
let command = args.first ?? "rng"
let n = args.count > 1 ? Int(args[args.startIndex + 1]) ?? 10_000_000 : 10_000_000
let runs = args.count > 2 ? Int(args[args.startIndex + 2]) ?? 7 : 7

switch command {
case "rng":
    let key = StreamKey(seed: 20_251_123, identity: "bench:rng")
    var buffer = [Double](repeating: 0, count: n)
    print("yesan \(yesanVersion) — \(n) variates, median of \(runs) runs, one thread")
    var wordBuffer = [UInt64](repeating: 0, count: n)
    measure("raw 64-bit words, batch over trials", n: n, runs: runs) {
        wordBuffer.withUnsafeMutableBufferPointer { key.fillWords(trials: 0..<UInt64(n), year: 0, draw: 0, into: $0) }
        return Double(wordBuffer[n / 2] & 1)
    }
    measure("uniform (0,1), batch over trials", n: n, runs: runs) {
        buffer.withUnsafeMutableBufferPointer { key.fillOpenUniforms(trials: 0..<UInt64(n), year: 0, into: $0) }
        return buffer[n / 2]
    }
    measure("standard normal, batch over trials", n: n, runs: runs) {
        buffer.withUnsafeMutableBufferPointer { key.fillStandardNormals(trials: 0..<UInt64(n), year: 0, into: $0) }
        return buffer[n / 2]
    }
    measure("uniform (0,1), RandomStream.next()", n: n, runs: runs) {
        var s = RandomStream(key: key, trial: 0)
        var acc = 0.0
        for _ in 0..<n { acc += s.nextOpenUnit() }
        return acc
    }
    measure("standard normal, RandomStream", n: n, runs: runs) {
        var s = RandomStream(key: key, trial: 0)
        var acc = 0.0
        for _ in 0..<n { acc += standardNormal(using: &s) }
        return acc
    }
    let beta = try! Distribution.beta(mean: 0.92, sd: 0.03)
    measure("beta(mean .92, sd .03), RandomStream", n: n / 4, runs: runs) {
        var s = RandomStream(key: key, trial: 0)
        var acc = 0.0
        for _ in 0..<(n / 4) { acc += beta.sample(using: &s) }
        return acc
    }
    let standard = try! Distribution.normal(mean: 0, sd: 1)
    measure("normal quantile Φ⁻¹(u)", n: n / 4, runs: runs) {
        var acc = 0.0
        let m = n / 4
        for i in 0..<m { acc += standard.quantile((Double(i) + 0.5) / Double(m)) }
        return acc
    }
case "stream":
    // Raw little-endian 64-bit words of one stream, trial after trial (draw 0, year 0), to
    // standard output, for `dieharder -g 200` (see dieharder.sh). Stops after N words if given.
    let key = StreamKey(seed: 20_251_123, identity: "battery:stream")
    let limit = args.count > 1 ? UInt64(args[args.startIndex + 1]) ?? .max : .max
    let chunk = 1 << 16
    var words = [UInt64](repeating: 0, count: chunk)
    var trial: UInt64 = 0
    while trial < limit {
        let count = Int(Swift.min(UInt64(chunk), limit - trial))
        words.withUnsafeMutableBufferPointer {
            key.fillWords(trials: trial..<(trial + UInt64(count)), year: 0, draw: 0,
                          into: UnsafeMutableBufferPointer(rebasing: $0[0..<count]))
        }
        let written = words.withUnsafeBytes { write(1, $0.baseAddress, 8 * count) / 8 }
        if written < count { break }  // the reader closed the pipe
        trial += UInt64(count)
    }
case "bench-large":
    // `yesan-bench bench-large OUT.yaml [PROGRAMS] [YEARS]`: the Swift port of shared/peers/bench-large.py
    // (same structure, another random source), for clones without shared/.
    guard args.count > 1 else { print("usage: yesan-bench bench-large OUT.yaml [PROGRAMS] [YEARS]"); exit(64) }
    let programs = args.count > 2 ? Int(args[args.startIndex + 2]) ?? 200 : 200
    let years = args.count > 3 ? Int(args[args.startIndex + 3]) ?? 10 : 10
    let text = SyntheticBenchLarge.yaml(programs: programs, years: years)
    guard let file = fopen(args[args.startIndex + 1], "w") else { print("cannot write \(args[args.startIndex + 1])"); exit(73) }
    fputs(text, file)
    fclose(file)
case "engine":
    // `yesan-bench engine [TRIALS] [RUNS] [THREADS]`: the Monte Carlo engine on a synthetic scenario
    // shaped like shared/peers/bench-large.py (200 programs × 10 years), default table keys.
    let trials = args.count > 1 ? Int(args[args.startIndex + 1]) ?? 100_000 : 100_000
    let engineRuns = args.count > 2 ? Int(args[args.startIndex + 2]) ?? 5 : 5
    let threads = args.count > 3 ? Int(args[args.startIndex + 3]) ?? 2 : 2
    benchEngine(trials: trials, runs: engineRuns, threads: threads)
default:
    print("usage: yesan-bench rng [N] [RUNS] | yesan-bench stream [WORDS] | yesan-bench engine [TRIALS] [RUNS] [THREADS]"
          + " | yesan-bench bench-large OUT.yaml [PROGRAMS] [YEARS]")
}
