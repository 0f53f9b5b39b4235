import Bench
import Testing
import VerifyCore

/// Verdicts on claims and on comparisons, from ratios and samples given directly.
@Suite("Bench verdicts")
struct JudgeTests {
    let judge = ClaimJudge(noiseLimit: 0.10, cores: 2, load: 0.3)

    private func ratio(_ value: Double, _ lower: Double, _ upper: Double, noise: Double = 0.02) -> BenchRatio {
        BenchRatio(
            metric: "cpu", numerator: "A", denominator: "B", ratio: value, lower: lower, upper: upper, confidence: 0.95,
            pValue: 0.001, noise: noise)
    }

    @Test func aClaimHoldsOnlyWhenTheIntervalIsOnItsSide() {
        #expect(judge.judge(.lower, ratio: ratio(0.8, 0.75, 0.86)).status == .holds)
        #expect(judge.judge(.lower, ratio: ratio(1.3, 1.2, 1.4)).status == .fails)
        #expect(judge.judge(.lower, ratio: ratio(1.0, 0.97, 1.02)).status == .fails)  // no difference beyond 5%
        #expect(judge.judge(.lower, ratio: ratio(0.9, 0.8, 1.1)).status == .inconclusive)
        #expect(judge.judge(.higher, ratio: ratio(1.7, 1.5, 2.0)).status == .holds)
        #expect(judge.judge(.higher, ratio: ratio(0.7, 0.6, 0.8)).status == .fails)
        #expect(judge.judge(.notLower, ratio: ratio(1.02, 0.99, 1.06)).status == .holds)
        #expect(judge.judge(.notLower, ratio: ratio(0.6, 0.55, 0.66)).status == .fails)
        #expect(judge.judge(.notLower, ratio: ratio(0.95, 0.85, 1.05)).status == .inconclusive)
    }

    @Test func noiseWidensTheIntervalBeforeItDecides() {
        // 30% noise: [0.004, 0.005] widened to [0.0031, 0.0065] still decides.
        let clear = judge.judge(.lower, ratio: ratio(0.0045, 0.004, 0.005, noise: 0.3))
        #expect(clear.status == .holds)
        #expect(clear.reason?.contains("despite noise of 30%") == true)
        // [0.85, 0.95] widened by 20% reaches 1.14: undecided.
        let unclear = judge.judge(.lower, ratio: ratio(0.9, 0.85, 0.95, noise: 0.2))
        #expect(unclear.status == .inconclusive)
        #expect(unclear.reason == "too noisy: the per-round ratios vary by 20% (limit 10%)")
    }

    @Test func parallelSpeedUpNeedsCoresAndAQuietMachine() {
        let single = ClaimJudge(noiseLimit: 0.1, cores: 1, load: 0)
        let verdict = single.judge(.lower, ratio: ratio(0.6, 0.5, 0.7), requiredCores: 2)
        #expect(verdict.status == .notCheckable)
        #expect(verdict.reason?.hasSuffix("not checkable here") == true)
        let busy = ClaimJudge(noiseLimit: 0.1, cores: 2, load: 3.5)
        #expect(busy.judge(.lower, ratio: ratio(1.1, 1.05, 1.2), requiredCores: 2).status == .inconclusive)
        #expect(busy.judge(.lower, ratio: ratio(0.6, 0.5, 0.7), requiredCores: 2).status == .holds)
        #expect(judge.judge(.lower, ratio: ratio(1.1, 1.05, 1.2), requiredCores: 2).status == .fails)
        #expect(judge.judge(.lower, ratio: nil, error: "NameError: x").status == .inconclusive)
    }

    private func compare(_ baseline: [Double], _ current: [Double], metric: BenchMetric = .cpu, paired: Bool = false)
        -> SeriesComparison
    {
        RegressionJudge(noiseLimit: 0.10).compare(
            series: "s", benchmark: "b", metric: metric, baseline: baseline, current: current, paired: paired,
            thresholds: RegressionThresholds())
    }

    static let steady = [1.00, 1.01, 0.99, 1.02, 0.98, 1.00, 1.01, 0.99, 1.00, 1.02]

    @Test func regressionNeedsRatioSignificanceAndInterval() {
        let slower = Self.steady.map { $0 * 1.5 }
        let regression = compare(Self.steady, slower)
        #expect(regression.verdict == .regression)
        #expect(abs(regression.ratio! - 1.5) < 1e-9)
        #expect(regression.pValue! < 0.01)
        #expect(compare(Self.steady, Self.steady).verdict == .unchanged)
        #expect(compare(Self.steady, Self.steady.map { $0 * 1.07 }).verdict == .warning)
        #expect(compare(Self.steady, Self.steady.map { $0 * 0.6 }).verdict == .improvement)
        // Three samples a side cannot reach p < 0.01 for a time metric…
        #expect(compare([1, 1.01, 0.99], [2, 2.02, 1.98]).verdict != .regression)
        // …but a deterministic metric needs no p-value.
        let memory = compare([4000, 4000, 4000], [9000, 9000, 9000], metric: .memory)
        #expect(memory.verdict == .regression)
        #expect(memory.pValue == nil)
    }

    @Test func noisySamplesAreInconclusiveUnlessTheChangeIsLarge() {
        let noisy = [1.0, 1.3, 0.8, 1.2, 0.9, 1.25, 0.85, 1.1, 0.95, 1.15]
        #expect(compare(noisy, noisy.map { $0 * 1.08 }).verdict == .inconclusive)
        let large = compare(noisy, noisy.map { $0 * 3 })
        #expect(large.verdict == .regression)
        #expect(large.reason?.hasPrefix("decided despite noise") == true)
    }

    @Test func exitStatusesFollowTheWorstVerdict() {
        func status(_ verdicts: [SeriesComparison.Verdict]) -> Int32 {
            let series = verdicts.map { SeriesComparison(series: "s", benchmark: "b", metric: "cpu", verdict: $0, thresholds: .init()) }
            return BenchSummary.exitStatus(claims: [], comparison: BenchComparison(against: "x", baselineEnvironment: nil, series: series))
        }
        #expect(status([.unchanged, .warning, .identical, .new, .missing]) == 0)
        #expect(status([.improvement, .unchanged]) == 4)
        #expect(status([.improvement, .inconclusive]) == 5)
        #expect(status([.regression, .inconclusive, .improvement]) == 2)
        func claims(_ statuses: [BenchClaimResult.Status]) -> Int32 {
            BenchSummary.exitStatus(
                claims: statuses.map {
                    BenchClaimResult(path: "d.md", line: 1, text: "", pattern: "p", benchmark: "p", status: $0, expected: "", ratio: nil, reason: nil)
                }, comparison: nil)
        }
        #expect(claims([.holds, .notCheckable]) == 0)
        #expect(claims([.holds, .inconclusive]) == 5)
        #expect(claims([.fails, .inconclusive]) == 1)
    }
}
