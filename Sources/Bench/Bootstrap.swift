/// A ratio with its confidence interval.
public struct RatioInterval: Sendable, Hashable, Codable {
    public var ratio: Double
    public var lower: Double
    public var upper: Double
    /// 0.95 for a 95% interval.
    public var confidence: Double

    public init(ratio: Double, lower: Double, upper: Double, confidence: Double) {
        self.ratio = ratio
        self.lower = lower
        self.upper = upper
        self.confidence = confidence
    }
}

/// Percentile bootstrap of the ratio of two medians.
///
/// The resampling is seeded, so the same samples always give the same interval.
/// Samples taken in alternation (A B A B …) are resampled in pairs, which keeps what
/// each pair shared (the machine's load at that moment) out of the interval's width.
public enum Bootstrap {
    /// `median(a) / median(b)` with a `confidence` interval from `resamples` resamples.
    /// `paired` requires `a.count == b.count`.
    public static func ratioOfMedians(
        _ a: [Double], _ b: [Double], paired: Bool, resamples: Int = 2000, confidence: Double = 0.95,
        seed: UInt64 = 0x5eed
    ) -> RatioInterval {
        let ratio = ratio(Statistics.median(a), Statistics.median(b))
        guard !a.isEmpty, !b.isEmpty else { return RatioInterval(ratio: .nan, lower: .nan, upper: .nan, confidence: confidence) }
        let pairs = paired && a.count == b.count
        var generator = SplitMix64(seed: seed)
        var ratios: [Double] = []
        ratios.reserveCapacity(resamples)
        var left = [Double](repeating: 0, count: a.count)
        var right = [Double](repeating: 0, count: b.count)
        for _ in 0..<resamples {
            if pairs {
                for slot in 0..<a.count {
                    let index = Int(generator.next(below: UInt64(a.count)))
                    left[slot] = a[index]
                    right[slot] = b[index]
                }
            } else {
                for slot in 0..<a.count { left[slot] = a[Int(generator.next(below: UInt64(a.count)))] }
                for slot in 0..<b.count { right[slot] = b[Int(generator.next(below: UInt64(b.count)))] }
            }
            ratios.append(Self.ratio(Statistics.median(left), Statistics.median(right)))
        }
        ratios.sort()
        let tail = (1 - confidence) / 2
        return RatioInterval(
            ratio: ratio, lower: Statistics.quantile(ratios, tail), upper: Statistics.quantile(ratios, 1 - tail),
            confidence: confidence)
    }

    /// `a / b`, with 0 / 0 read as 1 (two equal empty measurements).
    static func ratio(_ a: Double, _ b: Double) -> Double {
        if a == 0 && b == 0 { return 1 }
        return a / b
    }
}

/// Steele, Lea and Flood's SplitMix64: a small, fast generator whose sequence is fixed
/// by its seed, so bootstrap intervals are reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound`, without modulo bias (Lemire's method).
    public mutating func next(below bound: UInt64) -> UInt64 {
        precondition(bound > 0)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
        }
        return product.high
    }
}
