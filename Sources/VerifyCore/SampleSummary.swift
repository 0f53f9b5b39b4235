/// What a list of samples looks like: median, range, mean and spread.
///
/// ```swift
/// let summary = SampleSummary([0.101, 0.098, 0.104])
/// summary.median                 // 0.101
/// summary.coefficientOfVariation // 0.0298…
/// ```
public struct SampleSummary: Sendable, Hashable, Codable {
    public var count: Int
    public var median: Double
    public var min: Double
    public var max: Double
    public var mean: Double
    /// Sample standard deviation (divided by n − 1); 0 for fewer than two samples.
    public var standardDeviation: Double
    /// Standard deviation over mean; 0 when the mean is 0.
    public var coefficientOfVariation: Double

    /// The middle value; the mean of the two middle values for an even count; NaN when empty.
    public static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : (sorted[(sorted.count - 1) / 2] + sorted[sorted.count / 2]) / 2
    }

    public init(_ values: [Double]) {
        count = values.count
        median = Self.median(values)
        min = values.min() ?? .nan
        max = values.max() ?? .nan
        mean = values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
        let mean = self.mean
        standardDeviation = values.count > 1
            ? (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot() : 0
        coefficientOfVariation = mean == 0 || mean.isNaN ? 0 : standardDeviation / Swift.abs(mean)
    }
}

