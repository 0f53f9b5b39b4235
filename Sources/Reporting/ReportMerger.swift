public import VerifyCore

/// Combines the JSON reports of shards into the report of one run: documents in path
/// order, counts recomputed, the duration the sum of the shards' durations.
public enum ReportMerger {
    public struct Conflict: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public static func merge(_ reports: [Report]) throws -> Report {
        guard let first = reports.first else { throw Conflict(description: "no reports to merge") }
        if let other = reports.first(where: { $0.schema != first.schema }) {
            throw Conflict(description: "reports of different schemas: \(first.schema) and \(other.schema)")
        }
        var seen: Set<String> = []
        for path in reports.flatMap({ $0.documents.map(\.path) }) where !seen.insert(path).inserted {
            throw Conflict(description: "\(path) is in more than one report; were the shards overlapping?")
        }
        let documents = reports.flatMap(\.documents).sorted { $0.path < $1.path }
        let duration = reports.reduce(0) { $0 + $1.summary.durationSeconds }
        var merged = Report(
            tool: first.tool, environment: first.environment, documents: documents,
            inputErrors: reports.flatMap(\.inputErrors).sorted { $0.path < $1.path },
            durationSeconds: (duration * 1000).rounded() / 1000,
            partial: reports.contains { $0.partial == true } ? true : nil)
        merged.baseline = nil
        return merged
    }
}
