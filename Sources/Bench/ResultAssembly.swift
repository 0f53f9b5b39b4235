import Foundation
import VerifyCore

/// Turns measurements into the report's values: each benchmark's series and ratio, the
/// claims' verdicts and the comparison with a baseline or a ref.
struct ResultAssembly {
    let options: BenchOptions
    let groups: [MeasurementGroup]
    let measurements: [GroupMeasurement]
    let judge: ClaimJudge

    /// The metric a benchmark is compared on: its own choice, else `--metric`, else CPU
    /// time against a stored baseline (wall time there moves with the machine's load)
    /// and wall time against a ref (measured in alternation, so load cancels out).
    static func comparisonMetric(_ spec: BenchmarkSpec, options: BenchOptions, target: ComparisonTarget?) -> BenchMetric {
        if let metric = spec.comparisonMetric ?? options.comparisonMetric { return metric }
        if case .ref = target { return .wall }
        return .cpu
    }

    func benchmarkResults() -> [BenchmarkResult] {
        zip(groups, measurements).map { group, measurement in
            let spec = group.benchmark
            let series = group.series.enumerated().map { position, planned in
                seriesResult(planned, measurement.samples[position], loops: measurement.calibrations[safe: position]?.loops ?? 1)
            }
            var notes = [spec.note].compactMap { $0 } + measurement.notes
            if measurement.retried { notes.append("sampled twice: the first samples were too noisy") }
            return BenchmarkResult(
                id: spec.id, title: spec.title, pattern: spec.pattern, path: spec.source?.path, line: spec.source?.line,
                note: notes.isEmpty ? nil : notes.joined(separator: "; "), metric: spec.metric.rawValue, series: series,
                ratio: ratio(group, measurement), retried: measurement.retried, error: measurement.error)
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
    private func ratio(_ group: MeasurementGroup, _ measurement: GroupMeasurement) -> BenchRatio? {
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
        let ratio = ratio(groups[index], measurement)
        let expectation = spec.expectation ?? .lower
        let labels = spec.sides.map(\.label)
        let expected = labels.count == 2 ? "\(labels[0]) / \(labels[1]) \(expectation.symbol) (\(spec.metric.rawValue))" : ""
        let (status, reason) = judge.judge(
            expectation, ratio: ratio, requiredCores: spec.requiredCores, error: measurement.error)
        return BenchClaimResult(
            path: claim.path, line: claim.line, text: claim.text, pattern: claim.pattern, benchmark: spec.id,
            status: status, expected: expected, ratio: ratio, reason: reason)
    }

    /// Every current series against the baseline's series of the same id.
    func compare(with baseline: Baseline, filter: String?) -> BenchComparison {
        var comparisons: [SeriesComparison] = []
        let stored = Dictionary(baseline.series.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var seen: Set<String> = []
        let judge = RegressionJudge(noiseLimit: options.noiseLimit)
        for (group, measurement) in zip(groups, measurements) {
            let spec = group.benchmark
            let thresholds = spec.thresholds ?? options.thresholds
            for (position, series) in group.series.enumerated() {
                seen.insert(series.id)
                var metric = Self.comparisonMetric(spec, options: options, target: .baseline(baseline))
                guard let old = stored[series.id] else {
                    comparisons.append(SeriesComparison(
                        series: series.id, benchmark: spec.id, metric: metric.rawValue, verdict: .new,
                        currentSamples: measurement.values(position, metric), thresholds: thresholds))
                    continue
                }
                if old.samples[BenchMetric.instructions.rawValue] != nil, !measurement.values(position, .instructions).isEmpty {
                    metric = .instructions
                }
                let before = old.samples[metric.rawValue] ?? []
                let now = measurement.values(position, metric)
                guard measurement.error == nil, !before.isEmpty, !now.isEmpty else {
                    comparisons.append(SeriesComparison(
                        series: series.id, benchmark: spec.id, metric: metric.rawValue, verdict: .inconclusive,
                        baselineSamples: before, currentSamples: now, thresholds: thresholds,
                        reason: measurement.error.map { "could not measure: \($0)" } ?? "no \(metric.rawValue) samples in the baseline"))
                    continue
                }
                comparisons.append(judge.compare(
                    series: series.id, benchmark: spec.id, metric: metric, baseline: before, current: now, paired: false,
                    thresholds: thresholds))
            }
        }
        for old in baseline.series where !seen.contains(old.id) && (filter.map(old.id.contains) ?? true) {
            comparisons.append(SeriesComparison(
                series: old.id, benchmark: old.id, metric: "", verdict: .missing, thresholds: options.thresholds,
                reason: "in the baseline, not in this run"))
        }
        return BenchComparison(against: "baseline \(baseline.name)", baselineEnvironment: baseline.environment, series: comparisons)
    }

    /// Every series whose code changed against its version at the ref, sampled in
    /// alternation with it; the others are identical, new, or gone.
    func compare(withRef ref: String, refBenchmarks: [String: BenchmarkSpec]) -> BenchComparison {
        var comparisons: [SeriesComparison] = []
        let judge = RegressionJudge(noiseLimit: options.noiseLimit)
        for (group, measurement) in zip(groups, measurements) {
            let spec = group.benchmark
            let thresholds = spec.thresholds ?? options.thresholds
            let metric = Self.comparisonMetric(spec, options: options, target: .ref(ref))
            for (position, series) in group.series.enumerated() where series.revision == "current" {
                let refPosition = group.series.firstIndex { $0.revision == "ref" && $0.id == series.id }
                let now = measurement.values(position, metric)
                guard let refPosition else {
                    let existed = refBenchmarks[spec.id]?.sides.contains { $0.label == series.label } ?? false
                    comparisons.append(SeriesComparison(
                        series: series.id, benchmark: spec.id, metric: metric.rawValue, verdict: existed ? .identical : .new,
                        currentSamples: now, thresholds: thresholds,
                        reason: existed ? "same code at \(ref): not measured twice" : "not at \(ref)"))
                    continue
                }
                let before = measurement.values(refPosition, metric)
                guard measurement.error == nil, !before.isEmpty, !now.isEmpty else {
                    comparisons.append(SeriesComparison(
                        series: series.id, benchmark: spec.id, metric: metric.rawValue, verdict: .inconclusive,
                        baselineSamples: before, currentSamples: now, thresholds: thresholds,
                        reason: "could not measure: \(measurement.error ?? "no samples")"))
                    continue
                }
                comparisons.append(judge.compare(
                    series: series.id, benchmark: spec.id, metric: metric, baseline: before, current: now, paired: true,
                    thresholds: thresholds))
            }
        }
        let current = Set(groups.map(\.benchmark.id))
        for (id, spec) in refBenchmarks.sorted(by: { $0.key < $1.key }) where !current.contains(id) {
            for side in spec.sides where options.filter.map(id.contains) ?? true {
                comparisons.append(SeriesComparison(
                    series: spec.seriesID(side), benchmark: id, metric: "", verdict: .missing, thresholds: options.thresholds,
                    reason: "at \(ref), not in the working tree"))
            }
        }
        return BenchComparison(against: "ref \(ref)", baselineEnvironment: nil, series: comparisons)
    }

    /// FNV-1a of a workload's code, as 16 hex digits.
    static func hash(_ workload: Workload) -> String {
        let value = (workload.setup + "\u{0}" + workload.body).utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) {
            ($0 ^ UInt64($1)) &* 0x100_0000_01b3
        }
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
