// swift-tools-version: 6.0
// libFuzzer targets for the parsers that read untrusted text, kept in a package of their
// own so that building verify never builds them. Run with Fuzz/run.sh [seconds].
import Foundation
import PackageDescription

/// A path dependency is named after its folder, which is wherever verify was cloned.
let verifyPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()

let verifyKit = Target.Dependency.product(name: "VerifyKit", package: verifyPackage)

let package = Package(
    name: "verify-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "CFuzzDriver"),
        .executableTarget(name: "FuzzMarkdown", dependencies: ["CFuzzDriver", verifyKit]),
        .executableTarget(name: "FuzzClaims", dependencies: ["CFuzzDriver", verifyKit]),
        .executableTarget(name: "FuzzDockerfile", dependencies: ["CFuzzDriver", verifyKit]),
    ]
)

for target in package.targets where target.type == .executable {
    target.swiftSettings = [.swiftLanguageMode(.v6)]
}
