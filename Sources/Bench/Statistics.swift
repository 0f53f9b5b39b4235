public import VerifyCore

/// Order statistics and moments of plain `Double` samples.
public enum Statistics {
    /// The middle value; the mean of the two middle values for an even count; NaN when empty.
    public static func median(_ values: [Double]) -> Double { SampleSummary.median(values) }

    /// The `p`-quantile of already sorted values, interpolating linearly between
    /// neighbours (Hyndman and Fan's type 7, the default of R and NumPy).
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = p * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = Swift.min(below + 1, sorted.count - 1)
        let fraction = position - Double(below)
        return sorted[below] + (sorted[above] - sorted[below]) * fraction
    }

    /// The coefficient of variation of the per-round ratios `a[i] / b[i]` of two series
    /// sampled in alternation: what matters for a comparison is how much the ratio moves,
    /// not how much each side moves with the machine's load.
    public static func ratioVariation(_ a: [Double], _ b: [Double]) -> Double {
        let ratios = zip(a, b).compactMap { $1 == 0 ? nil : $0 / $1 }
        return SampleSummary(ratios).coefficientOfVariation
    }
}
