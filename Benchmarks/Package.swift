// swift-tools-version: 6.1
// Benchmarks live in their own package so that the main package carries no benchmark code or
// dependencies. Run from this folder (see docs/performance.md):
//
//   swift package --scratch-path .build-bench benchmark                 # the whole suite
//   swift package --scratch-path .build-bench benchmark --target EngineBenchmarks
//   swift run -c release --scratch-path .build-bench yesan-bench rng    # the older quick tool
import PackageDescription

/// A benchmark suite in ordo-one/benchmark's layout: `Benchmarks/<Name>/<Name>.swift`.
func suite(_ name: String, _ extra: [Target.Dependency] = []) -> Target {
    .executableTarget(
        name: name,
        dependencies: [
            .product(name: "Benchmark", package: "benchmark"),
            .product(name: "YesanCore", package: "yesan"),
            "YesanBenchSupport",
        ] + extra,
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

let package = Package(
    name: "yesan-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        // The MallocInterposer trait alone: the default traits also ask for a runtime interposer
        // package that this machine's package mirror does not carry.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(name: "yesan", path: ".."),
    ],
    targets: [
        // `yesan-bench rng | stream | engine | bench-large`: quick timings without the benchmark
        // driver, the word stream for dieharder.sh, and the Swift port of bench-large.py.
        .executableTarget(
            name: "yesan-bench",
            dependencies: [.product(name: "YesanCore", package: "yesan"), "YesanBenchSupport"]
        ),
        // The inputs the suites share: bench-large (from $YESAN_BENCH_LARGE, shared/peers/bench-large.py,
        // or the Swift port of it), the default table's keys, the three goyang scenarios.
        .target(
            name: "YesanBenchSupport",
            dependencies: [
                .product(name: "YesanCore", package: "yesan"),
                .product(name: "YesanScenario", package: "yesan"),
            ]
        ),
        suite("RandomBenchmarks"),
        suite("EngineBenchmarks"),
        suite("StatisticsBenchmarks"),
        suite("ScenarioBenchmarks", [.product(name: "YesanScenario", package: "yesan")]),
        // Needs `PairedDifference` of YesanCore (the `compare` branch).
        suite("CompareBenchmarks", [.product(name: "YesanScenario", package: "yesan")]),
    ],
    swiftLanguageModes: [.v6]
)
