// swift-tools-version: 6.1
// The harness's own micro-benchmarks, kept in a package of their own so that building
// verify never builds the benchmark harness. Run with Benchmarks/Scripts/run-benchmarks.sh.
import Foundation
import PackageDescription

/// A path dependency is named after its folder, which is wherever verify was cloned.
let verifyPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()

let package = Package(
    name: "verify-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "VerifyBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "VerifyKit", package: verifyPackage),
            ],
            path: "Benchmarks/VerifyBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    ]
)
