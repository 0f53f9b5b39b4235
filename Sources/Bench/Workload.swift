public import VerifyCore

/// What a sample measures.
public enum BenchMetric: String, Sendable, Hashable, Codable, CaseIterable {
    /// Wall-clock seconds per loop.
    case wall
    /// CPU seconds per loop, of the process and the children it waited for.
    case cpu
    /// Peak bytes allocated by Python during one run (tracemalloc): deterministic.
    case memory
    /// Growth of the process's peak resident set during the measured run, in bytes.
    case rss
    /// Instructions per loop under valgrind's callgrind, with PYTHONHASHSEED=0.
    case instructions

    /// Whether the metric measures time (and so is sampled with calibrated loop counts).
    public var isTime: Bool { self == .wall || self == .cpu }
}

/// One side of a benchmark: Python that the harness runs, `setup` once per sample and
/// `body` in a calibrated loop. SQL workloads are Python over the `sqlite3` module, so
/// every sample runs in a fresh worker process the same way.
public struct Workload: Sendable, Hashable, Codable {
    /// Name of the side, e.g. `threads` or `sequential`.
    public var label: String
    public var setup: String
    public var body: String

    public init(_ label: String, setup: String = "", body: String) {
        self.label = label
        self.setup = setup
        self.body = body
    }
}

/// What a claim says about the ratio `first side / second side` of a benchmark's metric.
public enum Expectation: String, Sendable, Hashable, Codable {
    /// The first side costs less ("comprehensions are faster than loops").
    case lower
    /// The first side costs more ("an index slows INSERT").
    case higher
    /// The first side is not faster ("threads do not speed up CPU-bound work").
    case notLower = "not-lower"

    /// How the report states it, e.g. `< 1`.
    public var symbol: String {
        switch self {
        case .lower: "< 1"
        case .higher: "> 1"
        case .notLower: "≥ 0.95"
        }
    }
}

/// Where a benchmark's code came from in a document.
public struct SourceReference: Sendable, Hashable, Codable {
    public var path: String
    public var line: Int

    public init(path: String, line: Int) {
        self.path = path
        self.line = line
    }
}

/// A benchmark: one workload (a `bench` snippet) or two compared with each other (the
/// workloads of a performance pattern).
public struct BenchmarkSpec: Sendable, Hashable {
    /// Stable key, the same from run to run and between git revisions: the pattern's
    /// identifier, or `file.md#name` for a snippet.
    public var id: String
    public var title: String
    /// The performance pattern the benchmark tests, if any.
    public var pattern: String?
    public var sides: [Workload]
    /// The metric claims are judged on.
    public var metric: BenchMetric
    /// The metric comparisons with a baseline use; nil leaves it to `--metric` (CPU time
    /// by default).
    public var comparisonMetric: BenchMetric?
    /// For two sides: what the claim says about `sides[0] / sides[1]`.
    public var expectation: Expectation?
    /// Cores the claim needs to be checkable (parallel speed-up needs two).
    public var requiredCores: Int
    /// The thresholds this benchmark sets for itself (a `bench` snippet's arguments).
    public var thresholds: ThresholdOverrides?
    /// The document snippet the workload runs, when it is not the project's own.
    public var source: SourceReference?
    /// A word on how the workload stands in for the claim, e.g. what plays the I/O.
    public var note: String?
    /// Whether instruction counts say anything about it (not for waiting or parallel work).
    public var countsInstructions: Bool
    /// Fixture folder copied into each sample's working directory.
    public var fixturesDirectory: String?

    /// What each sample's working directory is seeded with: the fixture folder's files.
    var fixtures: [String] { fixturesDirectory.map { [$0] } ?? [] }

    public init(
        id: String, title: String, pattern: String? = nil, sides: [Workload], metric: BenchMetric,
        expectation: Expectation? = nil, requiredCores: Int = 1, thresholds: ThresholdOverrides? = nil,
        source: SourceReference? = nil, note: String? = nil, countsInstructions: Bool = true,
        fixturesDirectory: String? = nil
    ) {
        self.id = id
        self.title = title
        self.pattern = pattern
        self.sides = sides
        self.metric = metric
        comparisonMetric = metric == .cpu ? nil : metric
        self.expectation = expectation
        self.requiredCores = requiredCores
        self.thresholds = thresholds
        self.source = source
        self.note = note
        self.countsInstructions = countsInstructions
        self.fixturesDirectory = fixturesDirectory
    }

    /// The series a side is stored and compared under: `id/label` for pairs, `id` alone
    /// for a single workload.
    public func seriesID(_ side: Workload) -> String {
        sides.count == 1 ? id : "\(id)/\(side.label)"
    }
}

/// The thresholds a benchmark sets for itself; the run's apply to the rest.
public struct ThresholdOverrides: Sendable, Hashable {
    public var regressionRatio: Double?
    public var warningRatio: Double?
    public var alpha: Double?
    public var intervalFloor: Double?

    public init(regressionRatio: Double? = nil, warningRatio: Double? = nil, alpha: Double? = nil, intervalFloor: Double? = nil) {
        self.regressionRatio = regressionRatio
        self.warningRatio = warningRatio
        self.alpha = alpha
        self.intervalFloor = intervalFloor
    }

    /// `base` with the thresholds set here in place of its own.
    public func applied(to base: RegressionThresholds) -> RegressionThresholds {
        var thresholds = base
        thresholds.regressionRatio = regressionRatio ?? base.regressionRatio
        thresholds.warningRatio = warningRatio ?? base.warningRatio
        thresholds.alpha = alpha ?? base.alpha
        thresholds.intervalFloor = intervalFloor ?? base.intervalFloor
        return thresholds
    }
}
