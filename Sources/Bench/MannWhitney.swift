import Foundation

/// The Mann–Whitney U test of whether one sample tends to have larger values than
/// another, without assuming any distribution.
///
/// ```swift
/// let test = MannWhitney.test([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])
/// test.u       // 0
/// test.pValue  // 0.00794 (2 / 252, exact)
/// ```
public struct MannWhitney: Sendable, Hashable, Codable {
    public enum Method: String, Sendable, Hashable, Codable {
        /// The exact distribution of U: used when there are no ties and both samples are small.
        case exact
        /// The normal approximation with tie and continuity corrections.
        case asymptotic
    }

    /// U of the first sample: the number of pairs (x, y) with x > y, ties counting ½.
    public var u: Double
    /// Two-sided p-value.
    public var pValue: Double
    public var method: Method

    /// Largest sample size for which the exact distribution is used.
    static let exactLimit = 30

    public static func test(_ x: [Double], _ y: [Double]) -> MannWhitney {
        let n1 = x.count
        let n2 = y.count
        guard n1 > 0, n2 > 0 else { return MannWhitney(u: 0, pValue: 1, method: .asymptotic) }
        let pooled = (x.map { ($0, true) } + y.map { ($0, false) }).sorted { $0.0 < $1.0 }
        var rankSum = 0.0
        var tieTerm = 0.0
        var start = 0
        while start < pooled.count {
            var end = start
            while end + 1 < pooled.count && pooled[end + 1].0 == pooled[start].0 { end += 1 }
            let midrank = Double(start + end) / 2 + 1
            let tied = Double(end - start + 1)
            tieTerm += tied * tied * tied - tied
            for index in start...end where pooled[index].1 { rankSum += midrank }
            start = end + 1
        }
        let u = rankSum - Double(n1 * (n1 + 1)) / 2
        let product = Double(n1 * n2)
        if tieTerm == 0 && n1 <= exactLimit && n2 <= exactLimit {
            let smaller = Swift.min(u, product - u)
            let p = Swift.min(1, 2 * exactCumulative(Int(smaller.rounded()), n1, n2))
            return MannWhitney(u: u, pValue: p, method: .exact)
        }
        let n = Double(n1 + n2)
        let variance = product / 12 * ((n + 1) - tieTerm / (n * (n - 1)))
        guard variance > 0 else { return MannWhitney(u: u, pValue: 1, method: .asymptotic) }
        let z = Swift.max(0, Swift.abs(u - product / 2) - 0.5) / variance.squareRoot()
        return MannWhitney(u: u, pValue: Swift.min(1, erfc(z / 2.squareRoot())), method: .asymptotic)
    }

    /// P(U ≤ u) for samples of sizes m and n without ties. The counts of U are the
    /// coefficients of the Gaussian binomial [m+n choose m]_q, built up one factor
    /// (1 − q^(n+i)) / (1 − q^i) at a time.
    static func exactCumulative(_ u: Int, _ m: Int, _ n: Int) -> Double {
        var counts = [Double](repeating: 0, count: m * n + m + 1)
        counts[0] = 1
        for i in stride(from: 1, through: m, by: 1) {
            let degree = (i - 1) * n
            for k in stride(from: degree + n + i, through: n + i, by: -1) { counts[k] -= counts[k - n - i] }
            for k in stride(from: i, through: degree + n + i, by: 1) { counts[k] += counts[k - i] }
        }
        let total = counts[0...(m * n)].reduce(0, +)
        return counts[0...Swift.min(Swift.max(u, 0), m * n)].reduce(0, +) / total
    }
}
