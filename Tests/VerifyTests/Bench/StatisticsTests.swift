import Bench
import Testing
import VerifyCore

/// Summaries, the bootstrap and the Mann–Whitney test against values worked out by hand
/// (each computation is shown next to its expectation).
@Suite("Bench statistics")
struct StatisticsTests {
    @Test func summaryOfAKnownSample() {
        // mean 40/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32; sd = sqrt(32/7) = 2.138090
        let summary = SampleSummary([2, 4, 4, 4, 5, 5, 7, 9])
        #expect(summary.count == 8)
        #expect(summary.median == 4.5)
        #expect(summary.min == 2 && summary.max == 9)
        #expect(summary.mean == 5)
        #expect(abs(summary.standardDeviation - 2.138090) < 1e-6)
        #expect(abs(summary.coefficientOfVariation - 0.427618) < 1e-6)
        #expect(SampleSummary([3]).standardDeviation == 0)
        #expect(SampleSummary([]).median.isNaN)
    }

    @Test func quantilesInterpolateBetweenNeighbours() {
        // type 7: position p·(n−1); 0.25·3 = 0.75 → 1 + 0.75·(2 − 1)
        #expect(Statistics.quantile([1, 2, 3, 4], 0.25) == 1.75)
        #expect(Statistics.quantile([1, 2, 3, 4], 1) == 4)
        #expect(Statistics.median([5, 1, 3]) == 3)
        #expect(Statistics.median([4, 1, 3, 2]) == 2.5)
    }

    @Test func ratioVariationIsTheSpreadOfPerRoundRatios() {
        // Both sides double together in round 2: the ratios are 0.5, 0.5, 0.5.
        #expect(Statistics.ratioVariation([1, 2, 1], [2, 4, 2]) == 0)
        // ratios 0.5 and 1.0: mean 0.75, sd sqrt(0.125) = 0.353553, CV 0.471405
        #expect(abs(Statistics.ratioVariation([1, 2], [2, 2]) - 0.471405) < 1e-6)
    }

    @Test func splitMixMatchesTheReferenceSequence() {
        // Vigna's splitmix64.c with x = 0.
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func pairedBootstrapOfTwoRounds() {
        // Resampling two pairs: (0,0) gives median(1,1)/2 = 0.5, (1,1) gives 3/2 = 1.5 and
        // the mixed ones 2/2 = 1, so the 95% interval runs from 0.5 to 1.5.
        let interval = Bootstrap.ratioOfMedians([1, 3], [2, 2], paired: true)
        #expect(interval.ratio == 1)
        #expect(interval.lower == 0.5)
        #expect(interval.upper == 1.5)
        #expect(interval.confidence == 0.95)
    }

    @Test func bootstrapIsReproducibleAndDegenerateForConstantSamples() {
        let a = [10.2, 9.8, 10.5, 10.1, 9.9, 10.4]
        let b = [20.1, 19.7, 20.6, 20.0, 20.3, 19.9]
        #expect(Bootstrap.ratioOfMedians(a, b, paired: false) == Bootstrap.ratioOfMedians(a, b, paired: false))
        let interval = Bootstrap.ratioOfMedians(a, b, paired: false)
        #expect(interval.lower <= interval.ratio && interval.ratio <= interval.upper)
        #expect(interval.upper < 0.53 && interval.lower > 0.47)
        let constant = Bootstrap.ratioOfMedians([2, 2, 2], [4, 4, 4], paired: true)
        #expect(constant.ratio == 0.5 && constant.lower == 0.5 && constant.upper == 0.5)
    }

    @Test func mannWhitneyExactWithoutTies() {
        // Complete separation of 5 and 5: U = 0, P(U ≤ 0) = 1 / C(10, 5) = 1/252, two-sided 2/252.
        let separated = MannWhitney.test([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])
        #expect(separated.u == 0)
        #expect(separated.method == .exact)
        #expect(abs(separated.pValue - 2.0 / 252) < 1e-12)
        // x ranks 1, 3, 5: R = 9, U = 9 − 3·4/2 = 3. For m = n = 3 the counts of U = 0…9 are
        // 1 1 2 3 3 3 3 2 1 1 (of 20), so P(U ≤ 3) = 7/20 and p = 0.7.
        let mixed = MannWhitney.test([1, 3, 5], [2, 4, 6])
        #expect(mixed.u == 3)
        #expect(abs(mixed.pValue - 0.7) < 1e-12)
    }

    @Test func mannWhitneyWithTiesUsesTheCorrectedNormalApproximation() {
        // Pooled: 1x 2x 2x 2y 3x 3y 4y 5y; midranks 1, 3, 3, 3, 5.5, 5.5, 7, 8.
        // R(x) = 1 + 3 + 3 + 5.5 = 12.5, U = 12.5 − 10 = 2.5. Ties: (3³−3) + (2³−2) = 30.
        // var = 16/12 · (9 − 30/56) = 11.285714; z = (|2.5 − 8| − 0.5) / 3.359422 = 1.488351;
        // p = erfc(z/√2) = 0.136658.
        let test = MannWhitney.test([1, 2, 2, 3], [2, 3, 4, 5])
        #expect(test.u == 2.5)
        #expect(test.method == .asymptotic)
        #expect(abs(test.pValue - 0.136658) < 1e-6)
        // All values equal: nothing to tell apart.
        #expect(MannWhitney.test([1, 1, 1], [1, 1, 1]).pValue == 1)
    }
}
