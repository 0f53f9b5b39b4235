import Foundation
import VerifyCore

/// One real run of every document in Fixtures/, shared by the report tests that check
/// output of real snippets (captured output, real errors) against schemas and browsers.
enum FixtureRun {
    static let report = Task { try await verify(paths: [Repository.fixtures.path], timeout: 20) }

    /// The absolute path of the repository stands as `{root}` in golden files.
    static var rootPlaceholder: GoldenFile.Placeholder {
        GoldenFile.Placeholder(pattern: NSRegularExpression.escapedPattern(for: Repository.root.path), replacement: "{root}")
    }
}
