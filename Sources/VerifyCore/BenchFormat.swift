import Foundation

/// How bench reports write numbers: values in their unit with three significant digits,
/// ratios as `1.23×`, intervals as `[1.10, 1.37]`.
public enum BenchFormat {
    public static func value(_ value: Double, metric: String) -> String {
        guard value.isFinite else { return "–" }
        switch metric {
        case "wall", "cpu":
            let magnitude = abs(value)
            if magnitude >= 1 { return "\(significant(value)) s" }
            if magnitude >= 1e-3 { return "\(significant(value * 1e3)) ms" }
            if magnitude >= 1e-6 { return "\(significant(value * 1e6)) µs" }
            return "\(significant(value * 1e9)) ns"
        case "memory", "rss":
            let magnitude = abs(value)
            let (kibi, mebi, gibi) = (1024.0, 1024.0 * 1024, 1024.0 * 1024 * 1024)
            if magnitude >= gibi { return "\(significant(value / gibi)) GiB" }
            if magnitude >= mebi { return "\(significant(value / mebi)) MiB" }
            if magnitude >= kibi { return "\(significant(value / kibi)) KiB" }
            return "\(Int(value)) B"
        case "instructions":
            if abs(value) >= 1e9 { return "\(significant(value / 1e9)) G Ir" }
            if abs(value) >= 1e6 { return "\(significant(value / 1e6)) M Ir" }
            if abs(value) >= 1e3 { return "\(significant(value / 1e3)) k Ir" }
            return "\(Int(value)) Ir"
        default:
            return significant(value)
        }
    }

    /// The median of `summary` in its unit, or `–` when there is none.
    public static func median(_ summary: SampleSummary?, metric: String) -> String {
        summary.map { value($0.median, metric: metric) } ?? "–"
    }

    /// `value` with three significant digits, trailing zeros kept off.
    public static func significant(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        if value == 0 { return "0" }
        let digits = max(0, 2 - Int(floor(log10(abs(value)))))
        return String(format: "%.\(min(digits, 6))f", value)
    }

    public static func ratio(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        if value >= 100 { return String(format: "%.0f×", value) }
        if value >= 0.1 || value == 0 { return String(format: "%.2f×", value) }
        return significant(value) + "×"
    }

    public static func interval(_ lower: Double?, _ upper: Double?) -> String {
        guard let lower, let upper, lower.isFinite, upper.isFinite else { return "–" }
        let bound = { (value: Double) in value >= 0.1 || value == 0 ? String(format: "%.2f", value) : significant(value) }
        return "[\(bound(lower)), \(bound(upper))]"
    }

    public static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.1f%%", value * 100)
    }

    public static func pValue(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return value < 0.0001 ? "<0.0001" : String(format: "%.4f", value)
    }

    /// A claim's ratio in words: `threads / sequential = 1.02× [0.99, 1.05] wall`.
    public static func claimRatio(_ ratio: BenchRatio?) -> String {
        guard let ratio else { return "" }
        return "\(ratio.numerator) / \(ratio.denominator) = \(self.ratio(ratio.ratio)) \(interval(ratio.lower, ratio.upper)) \(ratio.metric)"
    }

    /// The one-line summary that ends every format.
    public static func summaryLine(_ report: BenchReport) -> String {
        var parts = ["\(report.summary.benchmarks) benchmark\(report.summary.benchmarks == 1 ? "" : "s")"]
        if report.summary.errors > 0 { parts.append("\(report.summary.errors) not measured") }
        let claims = BenchClaimResult.Status.allCases.compactMap { status -> String? in
            guard let count = report.summary.claims[status.rawValue], count > 0 else { return nil }
            return "\(count) \(status.rawValue)"
        }
        if !claims.isEmpty { parts.append("claims: " + claims.joined(separator: ", ")) }
        let verdicts = SeriesComparison.Verdict.allCases.compactMap { verdict -> String? in
            guard let count = report.summary.comparisons[verdict.rawValue], count > 0 else { return nil }
            return "\(count) \(verdict.rawValue)"
        }
        if let comparison = report.comparison {
            parts.append("against \(comparison.against): " + (verdicts.isEmpty ? "nothing compared" : verdicts.joined(separator: ", ")))
        }
        return parts.joined(separator: "; ") + " (\(String(format: "%.1f", report.summary.durationSeconds)) s, exit \(report.summary.exitStatus))"
    }

    /// The environment in one line.
    public static func environmentLine(_ environment: BenchEnvironment) -> String {
        var parts = [
            "Python \(environment.python ?? "?")", "SQLite \(environment.sqlite ?? "?")", "\(environment.cpus) cores",
            "load \(environment.loadAverage.map { String(format: "%.2f", $0) }.joined(separator: " "))",
            "PYTHONHASHSEED=\(environment.hashSeed)", "host \(environment.host)",
        ]
        if let commit = environment.gitCommit { parts.append("commit \(commit.prefix(10))") }
        if let valgrind = environment.valgrind { parts.append(valgrind) }
        return parts.joined(separator: " · ")
    }
}
