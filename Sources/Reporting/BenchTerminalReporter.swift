public import Foundation
public import VerifyCore

/// `verify bench` at a terminal: the claims at their lines, a table of the benchmarks,
/// the comparison when there is one, and a summary line.
public struct BenchTerminalReporter: BenchReporter {
    public static let identifier = "text"

    public var colors: Bool

    public init(colors: Bool = false) { self.colors = colors }

    public func report(_ report: BenchReport) -> String {
        var out = ""
        for error in report.inputErrors {
            out += "\(error.path): \(paint("input-error", "31")): \(error.message)\n"
        }
        if !report.claims.isEmpty {
            out += "Claims\n"
            for claim in report.claims {
                let detail = [BenchFormat.claimRatio(claim.ratio), claim.reason].compactMap { $0?.isEmpty == false ? $0 : nil }
                out += "\(claim.path):\(claim.line): \(paint(claim.status.rawValue, color(claim.status))) [\(claim.pattern)] "
                out += detail.joined(separator: "; ") + "\n"
                out += "    \(claim.text.prefix(110))\n"
            }
            out += "\n"
        }
        if !report.benchmarks.isEmpty {
            out += "Benchmarks\n" + benchmarkTable(report).render(indent: "  ")
            for benchmark in report.benchmarks where benchmark.note != nil {
                out += "  \(benchmark.id): \(benchmark.note!)\n"
            }
            out += "\n"
        }
        if let comparison = report.comparison {
            out += "Compared with \(comparison.against)\n" + comparisonTable(comparison).render(indent: "  ")
            for series in comparison.series where series.reason != nil && series.verdict != .identical {
                out += "  \(series.series): \(series.reason!)\n"
            }
            out += "\n"
        }
        out += BenchFormat.environmentLine(report.environment) + "\n"
        return out + BenchFormat.summaryLine(report) + "\n"
    }

    private func benchmarkTable(_ report: BenchReport) -> TextTable {
        let pairs = report.benchmarks.contains { $0.ratio != nil }
        var table = TextTable(
            header: ["benchmark", "side", "metric", "median", "min–max", "CV", "loops"] + (pairs ? ["ratio", "95% CI"] : []))
        for benchmark in report.benchmarks {
            if let error = benchmark.error {
                table.rows.append([benchmark.id, "–", benchmark.metric, "not measured: \(error)"])
                continue
            }
            // A long id stands on a line of its own, so that it does not widen the table.
            let ownLine = benchmark.id.count > 40
            if ownLine { table.rows.append([benchmark.id]) }
            for (index, series) in benchmark.series.enumerated() {
                let summary = series.summaries[benchmark.metric]
                let name = index == 0 && !ownLine ? benchmark.id : ""
                let ratio = index == 0 ? BenchFormat.ratio(benchmark.ratio?.ratio) : ""
                let interval = index == 0 ? BenchFormat.interval(benchmark.ratio?.lower, benchmark.ratio?.upper) : ""
                table.rows.append([
                    name, series.displayLabel, benchmark.metric, BenchFormat.median(summary, metric: benchmark.metric),
                    summary.map { "\(BenchFormat.value($0.min, metric: benchmark.metric))–\(BenchFormat.value($0.max, metric: benchmark.metric))" } ?? "–",
                    BenchFormat.percent(summary?.coefficientOfVariation), "\(series.loops)",
                ] + (pairs ? [benchmark.ratio == nil ? "" : ratio, benchmark.ratio == nil ? "" : interval] : []))
            }
        }
        return table
    }

    private func comparisonTable(_ comparison: BenchComparison) -> TextTable {
        var table = TextTable(header: ["series", "metric", "baseline", "current", "ratio", "95% CI", "p", "verdict"])
        for series in comparison.series {
            table.rows.append([
                series.series, series.metric,
                BenchFormat.median(series.baseline, metric: series.metric),
                BenchFormat.median(series.current, metric: series.metric),
                BenchFormat.ratio(series.ratio), BenchFormat.interval(series.lower, series.upper),
                BenchFormat.pValue(series.pValue), paint(series.verdict.rawValue, color(series.verdict)),
            ])
        }
        return table
    }

    private func color(_ status: BenchClaimResult.Status) -> String {
        switch status {
        case .holds: "32"
        case .fails: "31"
        case .inconclusive: "33"
        case .notCheckable: "2"
        }
    }

    private func color(_ verdict: SeriesComparison.Verdict) -> String {
        switch verdict {
        case .regression: "31"
        case .warning, .inconclusive: "33"
        case .improvement: "32"
        default: "2"
        }
    }

    private func paint(_ text: String, _ code: String) -> String {
        colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

/// `--format json`: the report as schema `verify-bench/1`, keys sorted.
public struct BenchJSONReporter: BenchReporter {
    public static let identifier = "json"

    public init() {}

    public func report(_ report: BenchReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let data = try? encoder.encode(report) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    public static func decode(_ data: Data) throws -> BenchReport {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(BenchReport.self, from: data)
    }
}
