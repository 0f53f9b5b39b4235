import Foundation
import VerifyCore

/// Turns measurements into the report's values: each benchmark's series and ratio, the
/// claims' verdicts and the comparison with a baseline or a ref.
struct ResultAssembly {
    let options: BenchOptions
    let groups: [MeasurementGroup]
    let measurements: [GroupMeasurement]
    let judge: ClaimJudge
    /// Each group's first / second ratio, computed once for its benchmark and its claims.
    let ratios: [BenchRatio?]

    init(options: BenchOptions, groups: [MeasurementGroup], measurements: [GroupMeasurement], judge: ClaimJudge) {
        self.options = options
        self.groups = groups
        self.measurements = measurements
        self.judge = judge
        ratios = zip(groups, measurements).map(Self.ratio)
    }

    /// The metric a benchmark is compared on: its own choice (wall time for workloads
    /// that wait), else `--metric`, else CPU time, which leaves out the time a sample
    /// waited for a core on a busy machine.
    static func comparisonMetric(_ spec: BenchmarkSpec, options: BenchOptions) -> BenchMetric {
        spec.comparisonMetric ?? options.comparisonMetric ?? .cpu
    }

    func benchmarkResults() -> [BenchmarkResult] {
        ratios.indices.map { index in
            let (group, measurement) = (groups[index], measurements[index])
            let spec = group.benchmark
            let series = group.series.enumerated().map { position, planned in
                seriesResult(planned, measurement.samples[position], loops: measurement.calibrations[safe: position]?.loops ?? 1)
            }
            var notes = [spec.note].compactMap { $0 } + measurement.notes
            if measurement.retried { notes.append("sampled twice: the first samples were too noisy") }
            return BenchmarkResult(
                id: spec.id, title: spec.title, pattern: spec.pattern, path: spec.source?.path, line: spec.source?.line,
                note: notes.isEmpty ? nil : notes.joined(separator: "; "), metric: spec.metric.rawValue, series: series,
                ratio: ratios[index], retried: measurement.retried, error: measurement.error)
        }
    }

    private func seriesResult(_ planned: PlannedSeries, _ samples: [Sample], loops: Int) -> SeriesResult {
        var values: [String: [Double]] = [:]
        for metric in BenchMetric.allCases {
            let list = samples.compactMap { $0.values[metric] }
            if !list.isEmpty { values[metric.rawValue] = list }
        }
        return SeriesResult(
            id: planned.id, label: planned.label, revision: planned.revision, loops: loops, samples: values,
            codeHash: Self.hash(planned.workload))
    }

    /// first / second on the benchmark's metric, for a benchmark with two sides.
    private static func ratio(_ group: MeasurementGroup, _ measurement: GroupMeasurement) -> BenchRatio? {
        let current = group.series.indices.filter { group.series[$0].revision == "current" }
        guard current.count == 2, measurement.error == nil else { return nil }
        let metric = group.benchmark.metric
        let first = measurement.values(current[0], metric)
        let second = measurement.values(current[1], metric)
        guard !first.isEmpty, !second.isEmpty else { return nil }
        let interval = Bootstrap.ratioOfMedians(
            first, second, paired: true, seed: RegressionJudge.seed(group.benchmark.id))
        return BenchRatio(
            metric: metric.rawValue, numerator: group.series[current[0]].label, denominator: group.series[current[1]].label,
            ratio: interval.ratio, lower: interval.lower, upper: interval.upper, confidence: interval.confidence,
            pValue: MannWhitney.test(first, second).pValue, noise: Statistics.ratioVariation(first, second))
    }

    func judge(_ claim: PlannedClaim) -> BenchClaimResult {
        guard let index = groups.firstIndex(where: { $0.benchmark.id == claim.benchmark }) else {
            return BenchClaimResult(
                path: claim.path, line: claim.line, text: claim.text, pattern: claim.pattern, benchmark: claim.benchmark,
                status: .inconclusive, expected: "", ratio: nil, reason: "not measured")
        }
        let spec = groups[index].benchmark
        let measurement = measurements[index]
        let ratio = ratios[index]
        let expectation = spec.expectation ?? .lower
        let labels = spec.sides.map(\.label)
        let expected = labels.count == 2 ? "\(labels[0]) / \(labels[1]) \(expectation.symbol) (\(spec.metric.rawValue))" : ""
        let (status, reason) = judge.judge(
            expectation, ratio: ratio, requiredCores: spec.requiredCores, error: measurement.error)
        return BenchClaimResult(
            path: claim.path, line: claim.line, text: claim.text, pattern: claim.pattern, benchmark: spec.id,
            status: status, expected: expected, ratio: ratio, reason: reason)
    }

    /// Every current series against its earlier version. Changed code was measured in
    /// alternation with its earlier code, and only that comparison can make a time
    /// regression. Unchanged code is compared with the baseline's stored samples: on a
    /// deterministic metric (tracemalloc peak, instructions) normally, on time only as
    /// drift, because time moves between runs with the machine's load.
    func compare(with target: ComparisonTarget, refBenchmarks: [String: BenchmarkSpec]) -> BenchComparison {
        var comparisons: [SeriesComparison] = []
        let judge = RegressionJudge(noiseLimit: options.noiseLimit)
        var stored: [String: SeriesResult] = [:]
        if case .baseline(let baseline) = target {
            stored = Dictionary(baseline.series.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }
        for (group, measurement) in zip(groups, measurements) {
            let spec = group.benchmark
            let thresholds = options.thresholds(for: spec)
            for (position, series) in group.series.enumerated() where series.revision == "current" {
                let unmeasured = { (metric: BenchMetric, verdict: SeriesComparison.Verdict, reason: String?) in
                    SeriesComparison(
                        series: series.id, benchmark: spec.id, metric: metric.rawValue, verdict: verdict,
                        currentSamples: measurement.values(position, metric), thresholds: thresholds, reason: reason)
                }
                if let error = measurement.error {
                    comparisons.append(unmeasured(spec.metric, .inconclusive, "could not measure: \(error)"))
                } else if let earlier = group.series.firstIndex(where: { $0.id == series.id && $0.revision != "current" }) {
                    let metric = Self.comparisonMetric(spec, options: options)
                    comparisons.append(judge.compare(
                        series: series.id, benchmark: spec.id, metric: metric, baseline: measurement.values(earlier, metric),
                        current: measurement.values(position, metric), paired: true, thresholds: thresholds))
                } else if case .ref(let ref) = target {
                    let existed = refBenchmarks[spec.id]?.sides.contains { $0.label == series.label } ?? false
                    let metric = Self.comparisonMetric(spec, options: options)
                    comparisons.append(existed
                        ? unmeasured(metric, .identical, "same code at \(ref): not measured twice")
                        : unmeasured(metric, .new, "not at \(ref)"))
                } else if let old = stored[series.id] {
                    comparisons.append(acrossRuns(series, spec, measurement.values, position, old, judge, thresholds))
                } else {
                    comparisons.append(unmeasured(spec.metric, .new, "not in the baseline"))
                }
            }
        }
        let measured = Set(groups.flatMap(\.series).map(\.id))
        let earlier: [(id: String, benchmark: String)] = switch target {
        case .baseline(let baseline): baseline.series.map { ($0.id, $0.id.split(separator: "/").first.map(String.init) ?? $0.id) }
        case .ref: refBenchmarks.values.flatMap { spec in spec.sides.map { (spec.seriesID($0), spec.id) } }
        }
        for old in earlier.sorted(by: { $0.id < $1.id }) where !measured.contains(old.id) && (options.filter.map(old.id.contains) ?? true) {
            comparisons.append(SeriesComparison(
                series: old.id, benchmark: old.benchmark, metric: "", verdict: .missing, thresholds: options.thresholds,
                reason: "in the \(target.revision), not in this run"))
        }
        let against = switch target {
        case .baseline(let baseline): "baseline \(baseline.name)"
        case .ref(let ref): "ref \(ref)"
        }
        var environment: BenchEnvironment?
        if case .baseline(let baseline) = target { environment = baseline.environment }
        return BenchComparison(against: against, baselineEnvironment: environment, series: comparisons)
    }

    /// Unchanged code against the samples stored in the baseline.
    private func acrossRuns(
        _ series: PlannedSeries, _ spec: BenchmarkSpec, _ values: (Int, BenchMetric) -> [Double], _ position: Int,
        _ stored: SeriesResult, _ judge: RegressionJudge, _ thresholds: RegressionThresholds
    ) -> SeriesComparison {
        var metric = spec.metric == .memory ? .memory : Self.comparisonMetric(spec, options: options)
        if stored.samples[BenchMetric.instructions.rawValue] != nil, !values(position, .instructions).isEmpty {
            metric = .instructions
        }
        let before = stored.samples[metric.rawValue] ?? []
        let now = values(position, metric)
        guard !before.isEmpty, !now.isEmpty else {
            return SeriesComparison(
                series: series.id, benchmark: spec.id, metric: metric.rawValue, verdict: .inconclusive,
                baselineSamples: before, currentSamples: now, thresholds: thresholds,
                reason: "no \(metric.rawValue) samples in the baseline")
        }
        var comparison = judge.compare(
            series: series.id, benchmark: spec.id, metric: metric, baseline: before, current: now, paired: false,
            thresholds: thresholds)
        guard metric.isTime, let ratio = comparison.ratio else { return comparison }
        if ratio >= thresholds.warningRatio || ratio <= 1 / thresholds.warningRatio {
            comparison.verdict = .drift
            comparison.reason = "same code as the baseline, \(BenchFormat.ratio(ratio)) its \(metric.rawValue) time now: "
                + "the machine, its load or Python changed (time decides only for changed code; --instructions compares unchanged code)"
        } else {
            comparison.verdict = .unchanged
            comparison.reason = nil
        }
        return comparison
    }

    /// FNV-1a of a workload's code, as 16 hex digits.
    static func hash(_ workload: Workload) -> String {
        FNV1a((workload.setup + "\u{0}" + workload.body).utf8).hex
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
