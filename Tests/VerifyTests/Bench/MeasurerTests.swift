import Bench
import Testing
import VerifyCore

/// The order in which samples are taken, calibration, and the retry of noisy groups,
/// with a sample source that records every request instead of running anything.
@Suite("Bench sampling order")
struct MeasurerTests {
    /// Answers from a script of per-label values and writes down what was asked.
    final class RecordingSource: SampleSource {
        var log: [String] = []
        var values: [String: [Double]]
        var calibrated: [String: Int]

        init(values: [String: [Double]], calibrated: [String: Int] = [:]) {
            self.values = values
            self.calibrated = calibrated
        }

        func calibrate(_ workload: Workload, of benchmark: BenchmarkSpec, target: Double) throws(BenchError) -> Calibration {
            log.append("calibrate \(workload.label)")
            return Calibration(loops: calibrated[workload.label] ?? 10, secondsPerLoop: target / 10)
        }

        func sample(_ workload: Workload, of benchmark: BenchmarkSpec, loops: Int, metric: BenchMetric) throws(BenchError) -> Sample {
            log.append("\(workload.label)×\(loops)")
            guard var list = values[workload.label], !list.isEmpty else { throw BenchError("no value for \(workload.label)") }
            let value = list.removeFirst()
            values[workload.label] = list
            let key: BenchMetric = metric == .memory ? .memory : .wall
            return Sample(values: [key: value, .cpu: value])
        }
    }

    static let settings = BenchSettings(
        samples: 3, memorySamples: 2, minSampleSeconds: 0.1, noiseLimit: 0.10, thresholds: .init(), scale: 1)

    private func pair(metric: BenchMetric = .wall) -> BenchmarkSpec {
        BenchmarkSpec(
            id: "p", title: "pair", sides: [Workload("A", body: "a()"), Workload("B", body: "b()")], metric: metric,
            expectation: .lower)
    }

    private func group(_ spec: BenchmarkSpec, labels: [(String, String)]? = nil) -> MeasurementGroup {
        let series = (labels ?? spec.sides.map { ($0.label, "current") }).map { label, revision in
            PlannedSeries(id: "p/\(label)", label: label, revision: revision, workload: Workload(label, body: label))
        }
        return MeasurementGroup(benchmark: spec, series: series, noiseChecks: [.init(0, 1, metric: .wall)])
    }

    @Test func bothSidesAreCalibratedThenSampledInAlternation() {
        let source = RecordingSource(values: ["A": [1, 1, 1], "B": [2, 2, 2]], calibrated: ["A": 7, "B": 3])
        let spec = pair()
        let measurement = Measurer(source: source, settings: Self.settings, groups: [group(spec)])
            .measure(group(spec), index: 1, total: 1)
        #expect(source.log == ["calibrate A", "calibrate B", "A×7", "B×3", "A×7", "B×3", "A×7", "B×3"])
        #expect(measurement.values(0, .wall) == [1, 1, 1])
        #expect(measurement.calibrations.map(\.loops) == [7, 3])
        #expect(!measurement.retried)
    }

    @Test func aRefAndTheWorkingTreeAlternateSideBySide() {
        let source = RecordingSource(values: ["refA": [1, 1, 1], "A": [1, 1, 1], "refB": [2, 2, 2], "B": [2, 2, 2]])
        let spec = pair()
        let interleaved = group(spec, labels: [("refA", "ref"), ("A", "current"), ("refB", "ref"), ("B", "current")])
        _ = Measurer(source: source, settings: Self.settings, groups: [interleaved]).measure(interleaved, index: 1, total: 1)
        #expect(Array(source.log.dropFirst(4)) == [
            "refA×10", "A×10", "refB×10", "B×10", "refA×10", "A×10", "refB×10", "B×10", "refA×10", "A×10", "refB×10", "B×10",
        ])
    }

    @Test func aNoisyGroupIsSampledOnceMoreAndTheSecondSetKept() {
        // First round of ratios 0.5, 1.0, 0.5 (CV 35%), then steady 0.5.
        let source = RecordingSource(values: ["A": [1, 2, 1, 1, 1, 1], "B": [2, 2, 2, 2, 2, 2]])
        let spec = pair()
        let measurement = Measurer(source: source, settings: Self.settings, groups: [group(spec)])
            .measure(group(spec), index: 1, total: 1)
        #expect(measurement.retried)
        #expect(measurement.values(0, .wall) == [1, 1, 1])
        #expect(source.log.filter { $0.hasPrefix("A×") }.count == 6)
    }

    @Test func memoryGroupsAreNotCalibrated() {
        let source = RecordingSource(values: ["A": [100, 100], "B": [900, 900]])
        let spec = pair(metric: .memory)
        let measurement = Measurer(source: source, settings: Self.settings, groups: [group(spec)])
            .measure(group(spec), index: 1, total: 1)
        #expect(source.log == ["A×1", "B×1", "A×1", "B×1"])
        #expect(measurement.values(1, .memory) == [900, 900])
    }

    @Test func aFailingWorkloadEndsTheGroupWithItsError() {
        let source = RecordingSource(values: ["A": [1, 1, 1], "B": []])
        let spec = pair()
        let measurement = Measurer(source: source, settings: Self.settings, groups: [group(spec)])
            .measure(group(spec), index: 1, total: 1)
        #expect(measurement.error == "no value for B")
        #expect(measurement.samples.allSatisfy { $0.isEmpty })
    }

    @Test func progressCountsDownTheTimeLeft() {
        let source = RecordingSource(values: ["A": [1, 1, 1], "B": [2, 2, 2]])
        let spec = pair()
        let measurer = Measurer(source: source, settings: Self.settings, groups: [group(spec)])
        var updates: [BenchProgress] = []
        measurer.progress = { updates.append($0) }
        _ = measurer.measure(group(spec), index: 1, total: 1)
        #expect(updates.first?.sample == 0)  // calibrating
        #expect(updates.last?.series == "B" && updates.last?.sample == 3)
        let left = updates.dropFirst(2).map(\.secondsLeft)
        #expect(zip(left, left.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(left.first! > left.last!)
    }
}
