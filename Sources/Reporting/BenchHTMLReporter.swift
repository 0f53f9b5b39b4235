import Foundation
public import VerifyCore

/// `--format html`: one self-contained page (inline CSS and SVG, no scripts, nothing
/// fetched) with, per compared series, the baseline and current sample distributions,
/// every ratio with its confidence interval, the claims and every benchmark's samples.
/// Every element is closed, so the page is also well-formed XML that tools can read.
public struct BenchHTMLReporter: BenchReporter {
    public static let identifier = "html"

    public init() {}

    static let colors = (baseline: "#7a869a", current: "#1f6feb", holds: "#1a7f37", fails: "#cf222e", neutral: "#9a6700")

    public func report(_ report: BenchReport) -> String {
        var body = "<header><h1>verify bench</h1><p class=\"summary\">\(e(BenchFormat.summaryLine(report)))</p>"
        body += "<p class=\"environment\">\(e(BenchFormat.environmentLine(report.environment)))</p></header>\n"
        for error in report.inputErrors {
            body += "<p class=\"error\">\(e(error.path)): \(e(error.message))</p>\n"
        }
        if let comparison = report.comparison { body += section(comparison) }
        if !report.claims.isEmpty { body += section(claims: report.claims) }
        if !report.benchmarks.isEmpty { body += section(benchmarks: report.benchmarks) }
        return """
            <!DOCTYPE html>
            <html lang="en" xmlns="http://www.w3.org/1999/xhtml"><head><meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>verify bench</title>
            <style>\(Self.style)</style></head>
            <body>
            \(body)</body></html>

            """
    }

    private func section(_ comparison: BenchComparison) -> String {
        var html = "<section id=\"comparison\"><h2>Compared with \(e(comparison.against))</h2>\n"
        if let environment = comparison.baselineEnvironment {
            html += "<p class=\"environment\">Baseline: \(e(BenchFormat.environmentLine(environment))) · \(e(environment.date))</p>\n"
        }
        let measured = comparison.series.filter { $0.ratio != nil }
        if let first = measured.first {
            let thresholds = first.thresholds
            html += "<h3>Ratios, current / baseline, with 95% confidence intervals</h3>\n"
            html += "<p class=\"legend\"><span class=\"swatch warn\"></span> warning from \(BenchFormat.ratio(thresholds.warningRatio)) "
            html += "<span class=\"swatch regress\"></span> regression from \(BenchFormat.ratio(thresholds.regressionRatio))</p>\n"
            html += figure(SVGChart.ratios(
                measured.map { SVGChart.RatioRow(label: $0.series, ratio: $0.ratio!, lower: $0.lower!, upper: $0.upper!, color: color($0.verdict)) },
                bands: [
                    (thresholds.warningRatio, thresholds.regressionRatio, "band-warn"), (thresholds.regressionRatio, 1e9, "band-regress"),
                ], title: "current / baseline ratios"))
        }
        html += "<table><thead><tr><th>Series</th><th>Metric</th><th>Baseline</th><th>Current</th><th>Ratio</th><th>95% CI</th><th>p</th><th>Verdict</th></tr></thead><tbody>\n"
        for series in comparison.series {
            html += "<tr class=\"\(series.verdict.rawValue)\"><td><code>\(e(series.series))</code></td><td>\(e(series.metric))</td>"
            html += "<td class=\"num\">\(e(BenchFormat.median(series.baseline, metric: series.metric)))</td>"
            html += "<td class=\"num\">\(e(BenchFormat.median(series.current, metric: series.metric)))</td>"
            html += "<td class=\"num\">\(e(BenchFormat.ratio(series.ratio)))</td><td class=\"num\">\(e(BenchFormat.interval(series.lower, series.upper)))</td>"
            html += "<td class=\"num\">\(e(BenchFormat.pValue(series.pValue)))</td><td><span class=\"verdict \(series.verdict.rawValue)\">\(series.verdict.rawValue)</span>"
            html += series.reason.map { " <small>\(e($0))</small>" } ?? ""
            html += "</td></tr>\n"
        }
        html += "</tbody></table>\n<h3>Sample distributions</h3>\n<div class=\"cards\">\n"
        for series in comparison.series where !series.baselineSamples.isEmpty || !series.currentSamples.isEmpty {
            html += "<div class=\"card\"><h4><code>\(e(series.series))</code> <span class=\"verdict \(series.verdict.rawValue)\">\(series.verdict.rawValue)</span></h4>"
            html += figure(SVGChart.distribution(
                [
                    .init(label: "baseline", values: series.baselineSamples, color: Self.colors.baseline),
                    .init(label: "current", values: series.currentSamples, color: Self.colors.current),
                ].filter { !$0.values.isEmpty }, metric: series.metric, title: "\(series.series): baseline and current samples"))
            html += "</div>\n"
        }
        return html + "</div></section>\n"
    }

    private func section(claims: [BenchClaimResult]) -> String {
        var html = "<section id=\"claims\"><h2>Performance claims</h2>\n"
        var seen: Set<String> = []
        let rows = claims.compactMap { claim -> SVGChart.RatioRow? in
            guard let ratio = claim.ratio, seen.insert(claim.benchmark).inserted else { return nil }
            return SVGChart.RatioRow(
                label: claim.benchmark, ratio: ratio.ratio, lower: ratio.lower, upper: ratio.upper, color: color(claim.status))
        }
        if !rows.isEmpty {
            html += "<h3>Ratio of the two sides of each pattern, with 95% confidence intervals</h3>\n"
            html += figure(SVGChart.ratios(rows, title: "pattern ratios"))
        }
        html += "<table><thead><tr><th>Line</th><th>Claim</th><th>Pattern</th><th>Ratio</th><th>95% CI</th><th>Needs</th><th>Verdict</th></tr></thead><tbody>\n"
        for claim in claims {
            let file = (claim.path as NSString).lastPathComponent
            html += "<tr class=\"\(claim.status.rawValue)\"><td><code>\(e(file)):\(claim.line)</code></td><td>\(e(claim.text))</td>"
            html += "<td>\(e(claim.pattern))</td><td class=\"num\">\(e(claim.ratio.map { "\($0.numerator) / \($0.denominator) \(BenchFormat.ratio($0.ratio))" } ?? "–"))</td>"
            html += "<td class=\"num\">\(e(BenchFormat.interval(claim.ratio?.lower, claim.ratio?.upper)))</td><td>\(e(claim.expected))</td>"
            html += "<td><span class=\"verdict \(claim.status.rawValue)\">\(claim.status.rawValue)</span>"
            html += claim.reason.map { " <small>\(e($0))</small>" } ?? ""
            html += "</td></tr>\n"
        }
        return html + "</tbody></table></section>\n"
    }

    private func section(benchmarks: [BenchmarkResult]) -> String {
        var html = "<section id=\"benchmarks\"><h2>Benchmarks</h2>\n<div class=\"cards\">\n"
        for benchmark in benchmarks {
            html += "<div class=\"card\"><h4><code>\(e(benchmark.id))</code></h4><p>\(e(benchmark.title))"
            if let path = benchmark.path, let line = benchmark.line {
                html += " · <code>\(e((path as NSString).lastPathComponent)):\(line)</code>"
            }
            html += "</p>"
            if let note = benchmark.note { html += "<p class=\"note\">\(e(note))</p>" }
            if let error = benchmark.error {
                html += "<p class=\"error\">not measured: \(e(error))</p></div>\n"
                continue
            }
            let palette = [Self.colors.current, Self.colors.holds, Self.colors.baseline, Self.colors.neutral]
            html += figure(SVGChart.distribution(
                benchmark.series.enumerated().map { index, series in
                    .init(
                        label: series.displayLabel, values: series.samples[benchmark.metric] ?? [],
                        color: palette[index % palette.count])
                }, metric: benchmark.metric, title: "\(benchmark.id) samples (\(benchmark.metric))"))
            if let ratio = benchmark.ratio {
                html += "<p>\(e(ratio.numerator)) / \(e(ratio.denominator)) = <strong>\(e(BenchFormat.ratio(ratio.ratio)))</strong> "
                html += "\(e(BenchFormat.interval(ratio.lower, ratio.upper))) · p \(e(BenchFormat.pValue(ratio.pValue))) · "
                html += "ratio CV \(e(BenchFormat.percent(ratio.noise)))</p>"
            }
            html += "</div>\n"
        }
        return html + "</div></section>\n"
    }

    private func figure(_ svg: String) -> String {
        svg.isEmpty ? "" : "<figure>\(svg)</figure>\n"
    }

    private func color(_ verdict: SeriesComparison.Verdict) -> String {
        switch verdict {
        case .regression: Self.colors.fails
        case .improvement: Self.colors.holds
        case .warning, .inconclusive: Self.colors.neutral
        default: Self.colors.baseline
        }
    }

    private func color(_ status: BenchClaimResult.Status) -> String {
        switch status {
        case .holds: Self.colors.holds
        case .fails: Self.colors.fails
        case .inconclusive: Self.colors.neutral
        case .notCheckable: Self.colors.baseline
        }
    }

    private func e(_ text: String) -> String { SVGChart.escape(text) }

    static let style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;margin:0 auto;max-width:1180px;padding:24px}
        h1{margin:0 0 4px;font-size:24px}h2{margin:32px 0 8px;font-size:19px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
        h3{font-size:15px;margin:18px 0 6px}h4{margin:0 0 6px;font-size:14px}
        .summary{font-weight:600;margin:0}.environment,.legend,.note{color:#59636e;margin:4px 0}
        table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border-bottom:1px solid #d0d7de;padding:5px 8px;text-align:left;vertical-align:top}
        th{background:#f6f8fa;font-weight:600}td.num,td code{white-space:nowrap}td small{color:#59636e}code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
        .verdict{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;background:#eaeef2}
        .verdict.regression,.verdict.fails{background:#ffebe9;color:#cf222e}.verdict.improvement,.verdict.holds{background:#dafbe1;color:#1a7f37}
        .verdict.warning,.verdict.inconclusive,.verdict.drift{background:#fff8c5;color:#9a6700}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(540px,1fr));gap:12px}
        .card{border:1px solid #d0d7de;border-radius:6px;padding:10px 12px;overflow-x:auto}.card p{margin:4px 0}
        figure{margin:6px 0}svg{max-width:100%;height:auto}
        svg .label{font-size:12px;fill:#1f2328}svg .tick{font-size:10px;fill:#59636e}
        svg .axis{stroke:#8c959f}svg .grid{stroke:#eaeef2}svg .one{stroke:#1f2328;stroke-dasharray:4 3}
        svg .band-warn{fill:#fff8c5}svg .band-regress{fill:#ffebe9}
        .swatch{display:inline-block;width:12px;height:12px;vertical-align:-2px;border:1px solid #d0d7de}
        .swatch.warn{background:#fff8c5}.swatch.regress{background:#ffebe9}.error{color:#cf222e}
        """
}
