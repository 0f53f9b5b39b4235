import Foundation
import VerifyCore

/// The two inline SVG charts of the HTML bench report, drawn by hand so the report is
/// one self-contained file: sample distributions (one row of dots per series, a bar at
/// the median) and ratios with their confidence intervals (a forest plot on a log scale).
enum SVGChart {
    struct DistributionRow {
        var label: String
        var values: [Double]
        var color: String
    }

    struct RatioRow {
        var label: String
        var ratio: Double
        var lower: Double
        var upper: Double
        var color: String
    }

    static let width = 860.0
    static let rowHeight = 28.0

    /// Room for the longest label (12 px text is about 7 px a character), between 90 and 330.
    static func labelWidth(_ labels: [String]) -> Double {
        min(330, max(90, Double(labels.map(\.count).max() ?? 0) * 7 + 16))
    }

    /// A label cut from the left to fit 46 characters, keeping its distinctive end.
    static func fit(_ label: String) -> String {
        label.count > 46 ? "…" + label.suffix(45) : label
    }

    /// One row per series: each sample a dot (jittered vertically so equal values stay
    /// visible), the median a vertical bar, the axis shared by all rows. Values spanning
    /// more than a factor of 20 go on a log scale, so both sides of a 100-fold difference
    /// keep their spread.
    static func distribution(_ rows: [DistributionRow], metric: String, title: String, width: Double = 540) -> String {
        let values = rows.flatMap(\.values).filter(\.isFinite)
        guard let low = values.min(), let high = values.max() else { return "" }
        let labelWidth = labelWidth(rows.map { fit($0.label) })
        let plotWidth = width - labelWidth - 24
        let logarithmic = low > 0 && high / low > 20
        let scale: (Double) -> Double = logarithmic ? { log($0) } : { $0 }
        let span = high > low ? scale(high) - scale(low) : max(abs(high) * 0.1, 1e-12)
        var domain = (scale(low) - span * 0.08, scale(high) + span * 0.08)
        if !logarithmic, low >= 0 { domain.0 = max(domain.0, 0) }
        let x = { (value: Double) in labelWidth + (scale(value) - domain.0) / (domain.1 - domain.0) * plotWidth }
        let height = Double(rows.count) * rowHeight + 34
        var svg = open(width: width, height: height, title: title)
        for (index, row) in rows.enumerated() {
            let center = 14 + Double(index) * rowHeight + rowHeight / 2
            svg += text(fit(row.label), x: labelWidth - 8, y: center + 4, anchor: "end")
            svg += "<line x1=\"\(labelWidth)\" x2=\"\(labelWidth + plotWidth)\" y1=\"\(f(center))\" y2=\"\(f(center))\" class=\"grid\"/>"
            for (sample, value) in row.values.enumerated() where value.isFinite {
                let jitter = (Double((sample * 7) % 5) - 2) * 2.2
                svg += "<circle cx=\"\(f(x(value)))\" cy=\"\(f(center + jitter))\" r=\"3.6\" fill=\"\(row.color)\" fill-opacity=\"0.55\"><title>\(escape(BenchFormat.value(value, metric: metric)))</title></circle>"
            }
            let median = SampleSummary(row.values.filter(\.isFinite)).median
            if median.isFinite {
                svg += "<line x1=\"\(f(x(median)))\" x2=\"\(f(x(median)))\" y1=\"\(f(center - 10))\" y2=\"\(f(center + 10))\" stroke=\"\(row.color)\" stroke-width=\"3\"><title>median \(escape(BenchFormat.value(median, metric: metric)))</title></line>"
            }
        }
        let axisY = 14 + Double(rows.count) * rowHeight + 4
        svg += "<line x1=\"\(labelWidth)\" x2=\"\(labelWidth + plotWidth)\" y1=\"\(f(axisY))\" y2=\"\(f(axisY))\" class=\"axis\"/>"
        for tick in 0...4 {
            let position = domain.0 + (domain.1 - domain.0) * Double(tick) / 4
            let value = logarithmic ? exp(position) : position
            svg += "<line x1=\"\(f(x(value)))\" x2=\"\(f(x(value)))\" y1=\"\(f(axisY))\" y2=\"\(f(axisY + 4))\" class=\"axis\"/>"
            svg += text(BenchFormat.value(value, metric: metric), x: x(value), y: axisY + 16, anchor: "middle", css: "tick")
        }
        if logarithmic { svg += text("log scale", x: labelWidth + plotWidth, y: 10, anchor: "end", css: "tick") }
        return svg + "</svg>"
    }

    /// One row per ratio: a whisker from the interval's lower to upper bound and a dot at
    /// the ratio, on a log scale with a line at 1; `bands` shade ranges such as the
    /// regression zone.
    static func ratios(_ rows: [RatioRow], bands: [(from: Double, to: Double, css: String)] = [], title: String) -> String {
        let finite = rows.filter { $0.lower.isFinite && $0.upper.isFinite && $0.lower > 0 && $0.upper > 0 }
        guard !finite.isEmpty else { return "" }
        let labelWidth = labelWidth(finite.map { fit($0.label) })
        let low = min(finite.map(\.lower).min()!, 1) / 1.15
        let high = max(finite.map(\.upper).max()!, bands.map(\.from).max() ?? 1, 1) * 1.15
        let plotWidth = width - labelWidth - 20
        let x = { (value: Double) in
            labelWidth + (log(max(value, low)) - log(low)) / (log(high) - log(low)) * plotWidth
        }
        let height = Double(finite.count) * rowHeight + 34
        var svg = open(width: width, height: height, title: title)
        let bottom = 14 + Double(finite.count) * rowHeight
        for band in bands where band.to > low && band.from < high {
            let left = x(max(band.from, low))
            let right = x(min(band.to, high))
            svg += "<rect x=\"\(f(left))\" y=\"10\" width=\"\(f(right - left))\" height=\"\(f(bottom - 6))\" class=\"\(band.css)\"/>"
        }
        svg += "<line x1=\"\(f(x(1)))\" x2=\"\(f(x(1)))\" y1=\"10\" y2=\"\(f(bottom + 4))\" class=\"one\"/>"
        for (index, row) in finite.enumerated() {
            let center = 14 + Double(index) * rowHeight + rowHeight / 2
            svg += text(fit(row.label), x: labelWidth - 8, y: center + 4, anchor: "end")
            svg += "<line x1=\"\(f(x(row.lower)))\" x2=\"\(f(x(row.upper)))\" y1=\"\(f(center))\" y2=\"\(f(center))\" stroke=\"\(row.color)\" stroke-width=\"2\"/>"
            for end in [row.lower, row.upper] {
                svg += "<line x1=\"\(f(x(end)))\" x2=\"\(f(x(end)))\" y1=\"\(f(center - 6))\" y2=\"\(f(center + 6))\" stroke=\"\(row.color)\" stroke-width=\"2\"/>"
            }
            let tip = "\(BenchFormat.ratio(row.ratio)) \(BenchFormat.interval(row.lower, row.upper))"
            svg += "<circle cx=\"\(f(x(row.ratio)))\" cy=\"\(f(center))\" r=\"4.5\" fill=\"\(row.color)\"><title>\(escape(tip))</title></circle>"
        }
        svg += "<line x1=\"\(labelWidth)\" x2=\"\(labelWidth + plotWidth)\" y1=\"\(f(bottom + 4))\" y2=\"\(f(bottom + 4))\" class=\"axis\"/>"
        for tick in ticks(low, high) {
            svg += "<line x1=\"\(f(x(tick)))\" x2=\"\(f(x(tick)))\" y1=\"\(f(bottom + 4))\" y2=\"\(f(bottom + 8))\" class=\"axis\"/>"
            svg += text(String(format: "%g×", tick), x: x(tick), y: bottom + 20, anchor: "middle", css: "tick")
        }
        return svg + "</svg>"
    }

    /// 1-2-5 ticks between `low` and `high`, at most seven, always including 1.
    static func ticks(_ low: Double, _ high: Double) -> [Double] {
        var candidates: [Double] = []
        var decade = pow(10, floor(log10(low)))
        while decade <= high * 10 {
            candidates += [decade, decade * 2, decade * 5]
            decade *= 10
        }
        var inside = candidates.filter { $0 >= low && $0 <= high }
        while inside.count > 7 { inside = inside.enumerated().filter { $0.offset % 2 == 0 }.map(\.element) }
        if !inside.contains(1) { inside.append(1) }
        return inside.sorted()
    }

    private static func open(width: Double, height: Double, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\"><title>\(escape(title))</title>"
    }

    private static func text(_ content: String, x: Double, y: Double, anchor: String, css: String = "label") -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\" class=\"\(css)\">\(escape(content))</text>"
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
