import Foundation
public import VerifyCore

/// `--format markdown`: a pull-request comment. The comparison comes first (what a
/// reviewer needs), the claims and the environment folded below it.
public struct BenchMarkdownReporter: BenchReporter {
    public static let identifier = "markdown"

    public init() {}

    public func report(_ report: BenchReport) -> String {
        var out = "### verify bench\n\n"
        out += "**\(headline(report))**\n\n"
        for error in report.inputErrors {
            out += "- ⚠️ `\(error.path)`: \(escape(error.message))\n"
        }
        if let comparison = report.comparison {
            out += "Compared with \(code(comparison.against)).\n\n"
            out += "| Series | Metric | Baseline | Current | Ratio | 95% CI | p | Verdict |\n"
            out += "|---|---|--:|--:|--:|---|--:|---|\n"
            for series in comparison.series.sorted(by: { rank($0.verdict) < rank($1.verdict) }) {
                let baseline = BenchFormat.median(series.baseline, metric: series.metric)
                let current = BenchFormat.median(series.current, metric: series.metric)
                out += "| \(code(series.series)) | \(series.metric) | \(baseline) | \(current) | "
                out += "\(BenchFormat.ratio(series.ratio)) | \(BenchFormat.interval(series.lower, series.upper)) | "
                out += "\(BenchFormat.pValue(series.pValue)) | \(mark(series.verdict)) \(series.verdict.rawValue) |\n"
            }
            out += "\n"
        }
        if !report.claims.isEmpty {
            let counts = BenchClaimResult.Status.allCases.compactMap { status -> String? in
                report.summary.claims[status.rawValue].map { "\($0) \(status.rawValue)" }
            }.joined(separator: ", ")
            out += "<details><summary>Performance claims: \(counts)</summary>\n\n"
            out += "| Line | Claim | Pattern | Ratio | 95% CI | Verdict |\n|---|---|---|--:|---|---|\n"
            for claim in report.claims {
                let file = (claim.path as NSString).lastPathComponent
                let ratio = claim.ratio.map { "\($0.numerator) / \($0.denominator) \(BenchFormat.ratio($0.ratio))" } ?? "–"
                let verdict = claim.status.rawValue + (claim.reason.map { ": \(escape($0))" } ?? "")
                out += "| \(code("\(file):\(claim.line)")) | \(escape(String(claim.text.prefix(90)))) | \(claim.pattern) | "
                out += "\(ratio) | \(BenchFormat.interval(claim.ratio?.lower, claim.ratio?.upper)) | \(verdict) |\n"
            }
            out += "\n</details>\n\n"
        }
        out += "<sub>\(escape(BenchFormat.environmentLine(report.environment)))</sub>\n"
        return out
    }

    private func headline(_ report: BenchReport) -> String {
        if report.comparison != nil {
            let count = { (verdict: SeriesComparison.Verdict) in report.summary.comparisons[verdict.rawValue] ?? 0 }
            let (regressions, improvements, inconclusive) = (count(.regression), count(.improvement), count(.inconclusive))
            var text = regressions == 0 ? "No regression" : "\(regressions) regression\(regressions == 1 ? "" : "s")"
            if improvements > 0 { text += ", \(improvements) improvement\(improvements == 1 ? "" : "s")" }
            if inconclusive > 0 { text += ", \(inconclusive) inconclusive" }
            return text + " (exit \(report.summary.exitStatus))"
        }
        return BenchFormat.summaryLine(report)
    }

    private func rank(_ verdict: SeriesComparison.Verdict) -> Int {
        SeriesComparison.Verdict.allCases.firstIndex(of: verdict) ?? 0
    }

    private func mark(_ verdict: SeriesComparison.Verdict) -> String {
        switch verdict {
        case .regression: "🔴"
        case .warning, .inconclusive: "🟡"
        case .improvement: "🟢"
        default: "⚪"
        }
    }

    private func code(_ text: String) -> String { "`\(text.replacingOccurrences(of: "`", with: "'"))`" }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "<", with: "&lt;")
    }
}
