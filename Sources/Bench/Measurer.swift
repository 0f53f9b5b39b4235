import Foundation
public import VerifyCore

/// One series to sample: a side of a benchmark in one revision.
public struct PlannedSeries: Sendable, Hashable {
    public var id: String
    public var label: String
    /// `current`; `ref` for the documents at `--compare-ref`, or `baseline` for the code
    /// a changed snippet had in the baseline `--compare` reads.
    public var revision: String
    public var workload: Workload

    public init(id: String, label: String, revision: String, workload: Workload) {
        self.id = id
        self.label = label
        self.revision = revision
        self.workload = workload
    }
}

/// Series measured together, in alternation, because they are compared with each other.
public struct MeasurementGroup: Sendable, Hashable {
    /// A variation to watch: the per-round ratio of two series, or one series alone.
    public struct NoiseCheck: Sendable, Hashable {
        public var first: Int
        public var second: Int?
        public var metric: BenchMetric
        public init(_ first: Int, _ second: Int?, metric: BenchMetric) {
            self.first = first
            self.second = second
            self.metric = metric
        }
    }

    public var benchmark: BenchmarkSpec
    public var series: [PlannedSeries]
    public var noiseChecks: [NoiseCheck]

    public init(benchmark: BenchmarkSpec, series: [PlannedSeries], noiseChecks: [NoiseCheck]) {
        self.benchmark = benchmark
        self.series = series
        self.noiseChecks = noiseChecks
    }

    /// Whether the group is sampled for memory rather than time.
    var isMemory: Bool { benchmark.metric == .memory }

    /// Samples each series gets in one set: `memorySamples` for memory, else `samples`.
    func samplesPerSeries(_ settings: BenchSettings) -> Int {
        isMemory ? settings.memorySamples : settings.samples
    }
}

/// The samples of a group, one list per series in the group's order.
public struct GroupMeasurement: Sendable {
    public var samples: [[Sample]]
    public var calibrations: [Calibration]
    public var retried: Bool
    public var error: String?
    /// Things worth saying that do not stop the benchmark from being judged.
    public var notes: [String] = []

    /// The values of one metric of one series.
    public func values(_ series: Int, _ metric: BenchMetric) -> [Double] {
        samples[series].compactMap { $0.values[metric] }
    }

    /// The largest of the group's noise checks.
    func noise(_ checks: [MeasurementGroup.NoiseCheck]) -> Double {
        checks.map { check in
            let first = values(check.first, check.metric)
            guard let second = check.second else { return SampleSummary(first).coefficientOfVariation }
            return Statistics.ratioVariation(first, values(second, check.metric))
        }.max() ?? 0
    }
}

/// A point in a run, for a progress line: what is being measured and the time left.
public struct BenchProgress: Sendable {
    public var benchmark: String
    public var series: String
    public var index: Int
    public var total: Int
    public var sample: Int
    public var samples: Int
    public var secondsLeft: Double
}

/// Takes the samples of measurement groups: warmup and calibration of each time series,
/// then rounds in which every series of the group gives one sample in turn (A B A B …),
/// each in a fresh process. When a group's noise exceeds the limit, all its samples are
/// taken once more and the second set is kept.
public final class Measurer {
    let source: any SampleSource
    let settings: BenchSettings
    public var progress: (BenchProgress) -> Void = { _ in }
    private var estimate: TimeEstimate

    public init(source: any SampleSource, settings: BenchSettings, groups: [MeasurementGroup]) {
        self.source = source
        self.settings = settings
        estimate = TimeEstimate(groups: groups, settings: settings)
    }

    public func measure(_ group: MeasurementGroup, index: Int, total: Int) -> GroupMeasurement {
        var calibrations: [Calibration] = []
        do {
            for (position, series) in group.series.enumerated() {
                if group.isMemory {
                    calibrations.append(Calibration(loops: 1, secondsPerLoop: 0))
                    continue
                }
                report(group, series, index: index, total: total, sample: 0)
                let calibration = try source.calibrate(series.workload, of: group.benchmark, target: settings.minSampleSeconds)
                calibrations.append(calibration)
                estimate.calibrated(group.benchmark.id, position, calibration)
            }
            var measurement = try rounds(group, calibrations, index: index, total: total)
            if measurement.noise(group.noiseChecks) > settings.noiseLimit {
                estimate.addRetry(group)
                measurement = try rounds(group, calibrations, index: index, total: total)
                measurement.retried = true
            }
            estimate.finished(group.benchmark.id)
            return measurement
        } catch {
            estimate.finished(group.benchmark.id)
            return GroupMeasurement(
                samples: group.series.map { _ in [] }, calibrations: calibrations, retried: false, error: error.description)
        }
    }

    private func rounds(_ group: MeasurementGroup, _ calibrations: [Calibration], index: Int, total: Int) throws(BenchError) -> GroupMeasurement {
        var samples = group.series.map { _ in [Sample]() }
        for round in 0..<group.samplesPerSeries(settings) {
            for (position, series) in group.series.enumerated() {
                report(group, series, index: index, total: total, sample: round + 1)
                let sample = try source.sample(
                    series.workload, of: group.benchmark, loops: calibrations[position].loops,
                    metric: group.isMemory ? .memory : .wall)
                samples[position].append(sample)
                estimate.sampled(group.benchmark.id, position, sample)
            }
        }
        return GroupMeasurement(samples: samples, calibrations: calibrations, retried: false, error: nil)
    }

    private func report(_ group: MeasurementGroup, _ series: PlannedSeries, index: Int, total: Int, sample: Int) {
        progress(BenchProgress(
            benchmark: group.benchmark.id,
            series: SeriesResult.displayLabel(series.label, revision: series.revision),
            index: index, total: total, sample: sample,
            samples: group.samplesPerSeries(settings), secondsLeft: estimate.secondsLeft))
    }
}

/// The time a run has left: every sample still to take, at the duration its series'
/// last sample took (or, before that, its calibration plus a worker start).
struct TimeEstimate {
    private var remaining: [String: [Int]] = [:]
    private var perSample: [String: [Double]] = [:]
    private let settings: BenchSettings
    private let workerStart = 0.2

    init(groups: [MeasurementGroup], settings: BenchSettings) {
        self.settings = settings
        for group in groups {
            remaining[group.benchmark.id] = group.series.map { _ in group.samplesPerSeries(settings) }
            perSample[group.benchmark.id] = group.series.map { _ in
                group.isMemory ? 0.5 : settings.minSampleSeconds * 2.2 + workerStart
            }
        }
    }

    mutating func calibrated(_ id: String, _ position: Int, _ calibration: Calibration) {
        perSample[id]?[position] = Double(calibration.loops) * calibration.secondsPerLoop * 1.1 + workerStart
    }

    mutating func sampled(_ id: String, _ position: Int, _ sample: Sample) {
        remaining[id]?[position] -= 1
        if sample.elapsed > 0 { perSample[id]?[position] = sample.elapsed }
    }

    mutating func addRetry(_ group: MeasurementGroup) {
        remaining[group.benchmark.id] = group.series.map { _ in group.samplesPerSeries(settings) }
    }

    mutating func finished(_ id: String) {
        remaining[id] = remaining[id]?.map { _ in 0 }
    }

    var secondsLeft: Double {
        remaining.reduce(0) { total, entry in
            let times = perSample[entry.key] ?? []
            return total + zip(entry.value, times).reduce(0) { $0 + Double(max($1.0, 0)) * $1.1 }
        }
    }
}
