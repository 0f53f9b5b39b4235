import Foundation
import Reporting
import Testing

/// Report outputs compared with files in Golden/. `VERIFY_RECORD=1 swift test` writes
/// them anew from what the reporters produce; they are never edited by hand.
enum GoldenFile {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// A pattern (regular expression) and what stands for it in the golden file, for the
    /// parts that change from run to run: temporary paths, times.
    struct Placeholder {
        var pattern: String
        var replacement: String
    }

    static func check(
        _ output: String, against name: String, placeholders: [Placeholder] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let actual = placeholders.reduce(output) {
            $0.replacingOccurrences(of: $1.pattern, with: $1.replacement, options: .regularExpression)
        }
        let file = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["VERIFY_RECORD"] != nil {
            try actual.write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        if actual != expected {
            let diff = UnifiedDiff.make(old: expected, new: actual, path: "Golden/\(name)")
            Issue.record("output differs from Golden/\(name) (VERIFY_RECORD=1 re-records it):\n\(diff)", sourceLocation: sourceLocation)
        }
    }
}
