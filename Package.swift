// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "yesan",
    products: [
        // MARK: Public products
        .library(name: "YesanCore", targets: ["YesanCore"]),
        .library(name: "YesanScenario", targets: ["YesanScenario"]),
        .executable(name: "yesan", targets: ["yesan"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        // MARK: Implementation details
        /// The system LAPACK (Debian `liblapack-dev`); only `YesanCore/LinearAlgebra/_LAPACK.swift` calls it.
        .systemLibrary(
            name: "CLAPACK",
            pkgConfig: "lapack",
            providers: [.apt(["liblapack-dev"])]
        ),

        /// Hot loops in C that need instructions Swift cannot ask for without unsafe flags: the
        /// Philox4x32-10 batch fill and the engine's element-wise lane loops, with AVX2 chosen at
        /// run time (same bits either way). Only YesanCore calls it.
        .target(name: "_YesanKernels"),

        // MARK: Public modules
        /// The pure numeric core: random streams, distributions, copula, linear algebra, statistics.
        /// No file or terminal I/O.
        .target(
            name: "YesanCore",
            dependencies: [
                "CLAPACK",
                "_YesanKernels",
                .product(name: "RealModule", package: "swift-numerics"),
            ]
        ),
        /// The scenario layer: money literals, YAML → checked model (SPEC 3, 11). Foundation allowed.
        .target(
            name: "YesanScenario",
            dependencies: [
                "YesanCore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        /// The command-line tool `yesan`: argument parsing, formatting, exit codes.
        .executableTarget(
            name: "yesan",
            dependencies: [
                "YesanCore",
                "YesanScenario",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/YesanCLI"
        ),

        // MARK: Tests
        .testTarget(
            name: "YesanCoreTests",
            dependencies: ["YesanCore"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "YesanScenarioTests",
            dependencies: ["YesanScenario"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "YesanCLITests",
            dependencies: ["yesan"],
            exclude: ["Snapshots", "Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
