public import VerifyCore

/// Judges a performance claim from its benchmark's ratio.
///
/// A claim holds only when the confidence interval of `first / second` lies wholly on
/// the claimed side: below 1 for "faster" and "less memory", above 1 for "slower", and
/// above 0.95 for "no speed-up" (a speed-up of more than 5% is ruled out). It fails when
/// the interval lies wholly on the other side, or within 5% of 1 when a difference was
/// claimed. Anything else is inconclusive.
///
/// When the per-round ratios vary by more than the noise limit even after a retry, the
/// interval is widened by that variation (bounds divided and multiplied by 1 + CV) and a
/// verdict is given only if the widened interval still decides it: 14% noise does not
/// make a 200-fold difference doubtful, but it does make a 5% one.
public struct ClaimJudge: Sendable {
    public var noiseLimit: Double
    public var cores: Int
    /// The 1-minute load average when the run started.
    public var load: Double

    /// Differences within this factor of 1 count as no difference.
    static let equivalence = 1.05

    public init(noiseLimit: Double, cores: Int, load: Double) {
        self.noiseLimit = noiseLimit
        self.cores = cores
        self.load = load
    }

    public func judge(
        _ expectation: Expectation, ratio: BenchRatio?, requiredCores: Int = 1, error: String? = nil
    ) -> (status: BenchClaimResult.Status, reason: String?) {
        if requiredCores > cores {
            return (.notCheckable, "a parallel speed-up needs \(requiredCores) cores; with \(cores) it is not checkable here")
        }
        if let error { return (.inconclusive, "could not measure: \(error)") }
        guard let ratio, ratio.lower.isFinite, ratio.upper.isFinite else { return (.inconclusive, "no ratio") }
        var verdict = verdict(expectation, ratio)
        if ratio.noise > noiseLimit {
            var widened = ratio
            widened.lower = ratio.lower / (1 + ratio.noise)
            widened.upper = ratio.upper * (1 + ratio.noise)
            verdict = self.verdict(expectation, widened)
            if verdict.status == .inconclusive {
                return (.inconclusive, "too noisy: the per-round ratios vary by \(percent(ratio.noise)) (limit \(percent(noiseLimit)))")
            }
            verdict.reason = [verdict.reason, "decided despite noise of \(percent(ratio.noise))"].compactMap { $0 }.joined(separator: "; ")
        }
        if verdict.status != .holds, requiredCores > 1, load > Double(cores - 1) {
            let shown = (load * 100).rounded() / 100
            return (.inconclusive, "the machine was busy (load \(shown) on \(cores) cores): no core was free for a parallel speed-up")
        }
        return verdict
    }

    private func verdict(_ expectation: Expectation, _ ratio: BenchRatio) -> (status: BenchClaimResult.Status, reason: String?) {
        let same = ratio.lower >= 1 / Self.equivalence && ratio.upper <= Self.equivalence
        switch expectation {
        case .lower:
            if ratio.upper < 1 { return (.holds, nil) }
            if ratio.lower > 1 { return (.fails, "\(ratio.numerator) costs more than \(ratio.denominator)") }
            if same { return (.fails, "no difference beyond 5%") }
        case .higher:
            if ratio.lower > 1 { return (.holds, nil) }
            if ratio.upper < 1 { return (.fails, "\(ratio.numerator) costs less than \(ratio.denominator)") }
            if same { return (.fails, "no difference beyond 5%") }
        case .notLower:
            if ratio.lower >= 1 / Self.equivalence { return (.holds, nil) }
            if ratio.upper < 1 / Self.equivalence { return (.fails, "\(ratio.numerator) is faster by more than 5%") }
        }
        return (.inconclusive, "the confidence interval includes both outcomes")
    }
}

/// Decides whether a series regressed between a baseline and now.
///
/// A regression needs all three: a median ratio of at least `regressionRatio`, a
/// Mann–Whitney p-value below `alpha`, and a confidence interval whose lower bound is
/// above `intervalFloor` (a ratio alone raises false alarms on a shared machine, and
/// so does a p-value alone). Deterministic metrics (tracemalloc peaks, instruction
/// counts) need no p-value: there a difference is a difference.
public struct RegressionJudge: Sendable {
    public var noiseLimit: Double

    public init(noiseLimit: Double) { self.noiseLimit = noiseLimit }

    public func compare(
        series: String, benchmark: String, metric: BenchMetric, baseline: [Double], current: [Double], paired: Bool,
        thresholds: RegressionThresholds
    ) -> SeriesComparison {
        let interval = Bootstrap.ratioOfMedians(current, baseline, paired: paired, seed: Self.seed(series))
        let test = MannWhitney.test(current, baseline)
        let noise = paired
            ? Statistics.ratioVariation(current, baseline)
            : max(SampleSummary(current).coefficientOfVariation, SampleSummary(baseline).coefficientOfVariation)
        let deterministic = metric == .memory || metric == .instructions
        let significant = deterministic || test.pValue < thresholds.alpha
        let ratio = interval.ratio
        let noisy = noise > noiseLimit
        // Too much noise widens the interval by it, as for claims.
        let lower = noisy ? interval.lower / (1 + noise) : interval.lower
        let upper = noisy ? interval.upper * (1 + noise) : interval.upper
        var verdict: SeriesComparison.Verdict
        var reason: String?
        if ratio >= thresholds.regressionRatio && significant && lower > thresholds.intervalFloor {
            verdict = .regression
        } else if ratio <= 1 / thresholds.regressionRatio && significant && upper < 1 / thresholds.intervalFloor {
            verdict = .improvement
        } else if noisy {
            verdict = .inconclusive
            reason = "the samples vary by \(percent(noise)) (limit \(percent(noiseLimit)))"
        } else if ratio >= thresholds.warningRatio {
            verdict = .warning
            reason = "slower by \(percent(ratio - 1)), below the regression criteria"
        } else {
            verdict = .unchanged
        }
        if noisy, verdict == .regression || verdict == .improvement {
            reason = "decided despite noise of \(percent(noise)): the interval widened by it still clears the thresholds"
        }
        return SeriesComparison(
            series: series, benchmark: benchmark, metric: metric.rawValue, verdict: verdict, ratio: ratio,
            lower: interval.lower, upper: interval.upper, pValue: deterministic ? nil : test.pValue, noise: noise,
            baselineSamples: baseline, currentSamples: current, thresholds: thresholds, reason: reason)
    }

    /// A bootstrap seed fixed by the series name, so a report can be reproduced.
    static func seed(_ name: String) -> UInt64 {
        FNV1a(name.utf8).value
    }
}

/// `0.123` as `12.3%`.
func percent(_ value: Double) -> String {
    let tenths = (value * 1000).rounded() / 10
    return tenths == tenths.rounded() ? "\(Int(tenths))%" : "\(tenths)%"
}
