import Foundation
import Markdown
import Pipeline
import SQLRuntime
import Supervisor
public import VerifyCore

/// Everything `verify bench` can be told, as plain values.
public struct BenchOptions: Sendable {
    public var samples = 10
    public var memorySamples = 5
    public var minSampleSeconds = 0.1
    public var noiseLimit = 0.10
    public var thresholds = RegressionThresholds()
    /// Regression ratios of single benchmarks, by benchmark id (verify.toml's
    /// `[bench] thresholds`); a `bench` snippet's own `regression=` argument wins over them.
    public var regressionRatios: [String: Double] = [:]
    /// Workload size factor; tests shrink the workloads with it.
    public var scale = 1.0
    /// Seconds one calibration or sample may take.
    public var timeout = 300.0
    /// Also count instructions under callgrind.
    public var instructions = false
    /// The metric comparisons use where the benchmark does not fix one.
    public var comparisonMetric: BenchMetric?
    /// Only benchmarks whose id contains this text.
    public var filter: String?
    public var fixturesDirectory: String?
    public var workerExecutable: String?
    public var cores = HostFacts.cores

    public init() {}

    /// The thresholds `benchmark` is judged by: the run's, its ratio in `regressionRatios`,
    /// then those it sets itself.
    func thresholds(for benchmark: BenchmarkSpec) -> RegressionThresholds {
        var thresholds = self.thresholds
        if let ratio = regressionRatios[benchmark.id] { thresholds.regressionRatio = ratio }
        return benchmark.thresholds?.applied(to: thresholds) ?? thresholds
    }

    var settings: BenchSettings {
        BenchSettings(
            samples: samples, memorySamples: memorySamples, minSampleSeconds: minSampleSeconds, noiseLimit: noiseLimit,
            thresholds: thresholds, scale: scale)
    }
}

/// What the current run is compared with.
public enum ComparisonTarget: Sendable {
    /// A stored baseline of this host: its samples, and its code for code changed since.
    case baseline(Baseline)
    /// The documents as they are at a git revision, measured in the same run.
    case ref(String)

    /// How the earlier code's series are labelled.
    var revision: String {
        switch self {
        case .baseline: "baseline"
        case .ref: "ref"
        }
    }
}

/// The whole of `verify bench`: plan the benchmarks of the documents, sample them in
/// fresh worker processes one at a time, judge the claims and compare with a baseline.
///
/// ```swift
/// let outcome = try await BenchRunner(options: BenchOptions()).run(paths: ["docs/"])
/// print(outcome.report.summary.exitStatus)
/// ```
public struct BenchRunner: Sendable {
    public var options: BenchOptions
    /// Called from the measuring thread before each calibration and sample.
    public var progress: (@Sendable (BenchProgress) -> Void)?

    public init(options: BenchOptions, progress: (@Sendable (BenchProgress) -> Void)? = nil) {
        self.options = options
        self.progress = progress
    }

    /// The report, and the baseline `--save-baseline` would store.
    public struct Outcome: Sendable {
        public var report: BenchReport
        public var baseline: Baseline
    }

    /// Throws only for failures of the tool itself (no worker, a ref that is no revision);
    /// unreadable documents are input errors in the report.
    public func run(paths: [String], compare target: ComparisonTarget? = nil, baselineName: String = "baseline") async throws -> Outcome {
        let started = Date()
        let loadAverage = HostFacts.loadAverage
        var inputErrors: [Report.InputError] = []
        let documents = documents(paths, errors: &inputErrors)
        let plan = planner.plan(documents)
        inputErrors += plan.problems
        let benchmarks = plan.benchmarks.filter { options.filter.map($0.id.contains) ?? true }
        var refBenchmarks: [String: BenchmarkSpec]?
        if case .ref(let ref) = target {
            refBenchmarks = try refBenchmarksAt(ref, paths: documents.map(\.path))
        }
        let groups = benchmarks.map { spec in
            group(for: spec, earlier: earlierCode(of: spec, target: target, refBenchmarks: refBenchmarks), target: target)
        }
        let measurements = try await measure(groups)

        let samples = measurements.lazy.flatMap(\.samples).flatMap { $0 }
        // The SQL workloads run through Python's sqlite3: its SQLite is the one measured.
        let environment = BenchEnvironment(
            python: samples.compactMap(\.python).first,
            sqlite: samples.compactMap(\.sqlite).first ?? SQLiteConnection.version, cpus: options.cores, hashSeed: "0", loadAverage: loadAverage,
            gitCommit: Git.commit(in: FileManager.default.currentDirectoryPath), host: HostFacts.hostName,
            date: ISO8601DateFormatter().string(from: started),
            valgrind: options.instructions ? HostFacts.valgrindVersion : nil)
        let assembly = ResultAssembly(
            options: options, groups: groups, measurements: measurements,
            judge: ClaimJudge(noiseLimit: options.noiseLimit, cores: options.cores, load: loadAverage.first ?? 0))
        let results = assembly.benchmarkResults()
        let claims = plan.claims.filter { claim in benchmarks.contains { $0.id == claim.benchmark } }.map(assembly.judge)
        let comparison = target.map { assembly.compare(with: $0, refBenchmarks: refBenchmarks ?? [:]) }
        let report = BenchReport(
            tool: .init(version: Verifier.version), environment: environment, settings: options.settings,
            benchmarks: results, claims: claims, comparison: comparison, inputErrors: inputErrors,
            durationSeconds: (Date().timeIntervalSince(started) * 1000).rounded() / 1000)
        let current = results.flatMap(\.series).filter { $0.revision == "current" && !$0.samples.isEmpty }
        let code = groups.flatMap(\.series).filter { $0.revision == "current" }.map { ($0.id, $0.workload) }
        let baseline = Baseline(
            name: baselineName, environment: environment, settings: options.settings, series: current,
            workloads: Dictionary(code, uniquingKeysWith: { first, _ in first }))
        return Outcome(report: report, baseline: baseline)
    }

    private var planner: BenchPlanner {
        let runOptions = RunOptions(fixturesDirectory: options.fixturesDirectory)
        return BenchPlanner(
            workloads: PatternWorkloads(scale: options.scale, cores: options.cores),
            fixtures: { Verifier.fixtures(for: $0, runOptions) })
    }

    private func documents(_ paths: [String], errors: inout [Report.InputError]) -> [Document] {
        DocumentLoader().collect(paths).compactMap { input in
            switch input {
            case .document(let path, let source): return MarkdownParser().parse(source, path: path)
            case .failure(let error):
                errors.append(error)
                return nil
            }
        }
    }

    /// The benchmarks of the documents as they are at `ref`, by id.
    private func refBenchmarksAt(_ ref: String, paths: [String]) throws -> [String: BenchmarkSpec] {
        var documents: [Document] = []
        for path in paths {
            guard let source = try Git.show(ref, path: path) else { continue }
            documents.append(MarkdownParser().parse(source, path: path))
        }
        return Dictionary(planner.plan(documents).benchmarks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The earlier code of a benchmark's series whose code changed, by series id: from
    /// the documents at the ref, or from the stored baseline.
    private func earlierCode(
        of spec: BenchmarkSpec, target: ComparisonTarget?, refBenchmarks: [String: BenchmarkSpec]?
    ) -> [String: Workload] {
        var earlier: [String: Workload] = [:]
        for side in spec.sides {
            let id = spec.seriesID(side)
            switch target {
            case .ref:
                if let old = refBenchmarks?[spec.id]?.sides.first(where: { $0.label == side.label }), old != side {
                    earlier[id] = old
                }
            case .baseline(let baseline):
                if let old = baseline.workloads[id], old != side { earlier[id] = old }
            case nil:
                break
            }
        }
        return earlier
    }

    /// The series of a benchmark, with the earlier code of those whose code changed
    /// interleaved (earlier A, current A, earlier B, current B), and what noise to watch.
    private func group(for spec: BenchmarkSpec, earlier: [String: Workload], target: ComparisonTarget?) -> MeasurementGroup {
        let metric = ResultAssembly.comparisonMetric(spec, options: options)
        var series: [PlannedSeries] = []
        var checks: [MeasurementGroup.NoiseCheck] = []
        var current: [Int] = []
        for side in spec.sides {
            let id = spec.seriesID(side)
            if let old = earlier[id], let target {
                series.append(PlannedSeries(id: id, label: side.label, revision: target.revision, workload: old))
                checks.append(.init(series.count - 1, series.count, metric: metric))
            }
            current.append(series.count)
            series.append(PlannedSeries(id: id, label: side.label, revision: "current", workload: side))
        }
        if current.count == 2 { checks.append(.init(current[0], current[1], metric: spec.metric)) }
        if checks.isEmpty { checks = current.map { .init($0, nil, metric: spec.metric) } }
        return MeasurementGroup(benchmark: spec, series: series, noiseChecks: checks)
    }

    /// Samples every group on one worker lane, one sample at a time, then counts
    /// instructions when asked.
    private func measure(_ groups: [MeasurementGroup]) async throws -> [GroupMeasurement] {
        let scratch = Verifier.scratchRoot()
            .appendingPathComponent("verify-bench-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let configuration = WorkerConfiguration(
            executable: try options.workerExecutable ?? WorkerConfiguration.locateWorker(),
            scratchDirectory: scratch.path, outputLimit: 1 << 20, hashSeed: 0)
        let options = self.options
        let progress = self.progress
        let counter = options.instructions ? InstructionCounter.available() : nil
        let results = await Supervisor(configuration: configuration, jobs: 1).map([groups]) { groups, lane in
            let measurer = Measurer(
                source: WorkerSampleSource(lane: lane, timeout: options.timeout), settings: options.settings, groups: groups)
            if let progress { measurer.progress = progress }
            var measurements = groups.enumerated().map { index, group in
                measurer.measure(group, index: index + 1, total: groups.count)
            }
            if let counter {
                for (index, group) in groups.enumerated() where group.benchmark.countsInstructions {
                    measurements[index] = Self.countInstructions(group, measurements[index], counter, in: scratch, progress)
                }
            }
            return measurements
        }
        return (results.first ?? nil) ?? []
    }

    /// Adds an `instructions` value to the first sample of each series of a measured
    /// group: loops enough for about 20 ms of native run time.
    private static func countInstructions(
        _ group: MeasurementGroup, _ measurement: GroupMeasurement, _ counter: InstructionCounter, in directory: URL,
        _ progress: (@Sendable (BenchProgress) -> Void)?
    ) -> GroupMeasurement {
        guard measurement.error == nil else { return measurement }
        var measurement = measurement
        for (position, series) in group.series.enumerated() {
            progress?(BenchProgress(
                benchmark: group.benchmark.id, series: "\(series.label) (instructions)", index: 0, total: 0, sample: 1,
                samples: 1, secondsLeft: 0))
            let perLoop = measurement.calibrations[position].secondsPerLoop
            let loops = perLoop > 0 ? max(1, Int(0.02 / perLoop)) : 1
            do {
                let count = try counter.instructionsPerLoop(series.workload, of: group.benchmark, loops: loops, in: directory)
                if !measurement.samples[position].isEmpty {
                    measurement.samples[position][0].values[.instructions] = count
                }
            } catch {
                measurement.notes.append("instructions of \(series.label) not counted: \(error)")
            }
        }
        return measurement
    }
}
