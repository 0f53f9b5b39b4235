public import Foundation
public import VerifyCore

/// `--format json`: the report as schema `verify-report/1`, keys sorted, two-space indent.
public struct JSONReporter: Reporter {
    public static let identifier = "json"

    public init() {}

    public func report(_ report: Report) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(report) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads a report written by this reporter.
    public static func decode(_ data: Data) throws -> Report {
        try JSONDecoder().decode(Report.self, from: data)
    }
}
