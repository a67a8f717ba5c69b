// swift-tools-version: 6.0
// Benchmarks live in their own package so that the main package carries no benchmark code or
// dependencies. Run from this folder: `swift run -c release yesan-bench rng`.
import PackageDescription

let package = Package(
    name: "yesan-benchmarks",
    dependencies: [
        .package(name: "yesan", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "yesan-bench",
            dependencies: [.product(name: "YesanCore", package: "yesan")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
