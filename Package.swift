// swift-tools-version: 6.0
import PackageDescription

/// Both executables carry the Swift runtime and Foundation inside them: a process then
/// starts without resolving thousands of symbols in shared libraries, which took 5 ms of
/// each start of verify and of each worker. They are not position-independent, so the
/// 80,000 pointers in that code need no relocation at each start either (0.7 ms).
let staticSwiftRuntime: [LinkerSetting] = [
    .unsafeFlags(
        ["-static-stdlib", "-Xlinker", "--start-group"]
            + ["Foundation", "FoundationEssentials", "FoundationInternationalization", "CoreFoundation", "_FoundationICU",
               "_FoundationCShims", "_FoundationCollections", "swiftSynchronization", "swiftDispatch", "dispatch",
               "BlocksRuntime"].map { "-l" + $0 }
            + ["-Xlinker", "--end-group", "-Xclang-linker", "-no-pie"],
        .when(platforms: [.linux]))
]

let package = Package(
    name: "verify",
    products: [
        .executable(name: "verify", targets: ["VerifyCLI"]),
        .executable(name: "verify-worker", targets: ["VerifyWorker"]),
        .library(name: "VerifyKit", targets: ["VerifyCore", "Markdown", "Claims", "Dockerfile", "Pipeline", "Reporting", "Bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // C libraries, each behind one door.
        .systemLibrary(
            name: "CCMarkGFM", path: "Sources/CCMarkGFM",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(
            name: "CPython", path: "Sources/CPython", pkgConfig: "python3-embed",
            providers: [.apt(["libpython3-dev"])]),
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "_CPythonShims", dependencies: ["CPython"]),
        .target(name: "_SystemShims"),

        // The flow of data: Markdown → snippets → claims → plan → supervisor → report.
        .target(name: "VerifyCore"),
        .target(name: "Markdown", dependencies: ["VerifyCore", "CCMarkGFM"]),
        .target(name: "Configuration", dependencies: ["VerifyCore"]),
        .target(name: "Baseline", dependencies: ["VerifyCore"]),
        .target(name: "WorkerProtocol", dependencies: ["VerifyCore"]),
        .target(name: "Claims", dependencies: ["VerifyCore", "WorkerProtocol"]),
        .target(name: "PythonRuntime", dependencies: ["VerifyCore", "WorkerProtocol", "_CPythonShims"]),
        .target(name: "SQLRuntime", dependencies: ["VerifyCore", "CSQLite"]),
        .target(name: "Supervisor", dependencies: ["VerifyCore", "WorkerProtocol", "_SystemShims"]),
        .target(name: "Dockerfile", dependencies: ["VerifyCore"]),
        .target(name: "Shell", dependencies: ["VerifyCore"]),
        .target(name: "Reporting", dependencies: ["VerifyCore"]),
        .target(
            name: "Bench",
            dependencies: ["VerifyCore", "Markdown", "Claims", "Supervisor", "WorkerProtocol", "SQLRuntime", "Pipeline"]),
        .target(
            name: "Pipeline",
            dependencies: [
                "VerifyCore", "Configuration", "Markdown", "Claims", "Supervisor", "Dockerfile", "Shell", "SQLRuntime",
                "Baseline", "Reporting",
            ]),

        // Executables: the command line and the worker process that embeds CPython.
        .executableTarget(
            name: "VerifyCLI",
            dependencies: [
                "Pipeline", "Configuration", "Baseline", "Reporting", "Markdown", "Supervisor", "WorkerProtocol", "Bench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: staticSwiftRuntime),
        .executableTarget(
            name: "VerifyWorker", dependencies: ["PythonRuntime", "WorkerProtocol", "_SystemShims"],
            linkerSettings: staticSwiftRuntime),

        .testTarget(
            name: "VerifyTests",
            dependencies: [
                "VerifyCore", "Markdown", "Claims", "Supervisor", "Reporting", "Pipeline", "WorkerProtocol", "Dockerfile",
                "Shell", "SQLRuntime", "Configuration", "Baseline", "Bench",
            ],
            exclude: ["Golden", "Reporting/Golden", "Reporting/Schemas"]),
    ]
)

for target in package.targets where target.type != .system && !target.name.hasPrefix("_") {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .swiftLanguageMode(.v6),
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ]
}
