/// The result of `verify bench`: schema `verify-bench/1`. Field names are stable:
/// fields may be added, never renamed.
public struct BenchReport: Sendable, Hashable, Codable {
    public static let schemaIdentifier = "verify-bench/1"

    public var schema: String
    public var tool: Report.Tool
    public var environment: BenchEnvironment
    public var settings: BenchSettings
    public var benchmarks: [BenchmarkResult]
    /// Performance claims of the documents, each judged by its pattern's benchmark.
    public var claims: [BenchClaimResult]
    /// Present with `--compare NAME` or `--compare-ref REF`.
    public var comparison: BenchComparison?
    public var inputErrors: [Report.InputError]
    public var summary: BenchSummary

    public init(
        tool: Report.Tool, environment: BenchEnvironment, settings: BenchSettings, benchmarks: [BenchmarkResult],
        claims: [BenchClaimResult], comparison: BenchComparison?, inputErrors: [Report.InputError] = [],
        durationSeconds: Double
    ) {
        schema = Self.schemaIdentifier
        self.tool = tool
        self.environment = environment
        self.settings = settings
        self.benchmarks = benchmarks
        self.claims = claims
        self.comparison = comparison
        self.inputErrors = inputErrors
        summary = BenchSummary(benchmarks: benchmarks, claims: claims, comparison: comparison, durationSeconds: durationSeconds)
    }
}

/// Facts about the machine and the run that explain its numbers.
public struct BenchEnvironment: Sendable, Hashable, Codable {
    public var python: String?
    public var sqlite: String?
    public var cpus: Int
    /// `PYTHONHASHSEED` of the measured processes.
    public var hashSeed: String
    /// 1, 5 and 15 minute load averages when the run started.
    public var loadAverage: [Double]
    /// `git rev-parse HEAD` where verify ran, when it ran in a git checkout.
    public var gitCommit: String?
    public var host: String
    /// ISO 8601 time the run started.
    public var date: String
    /// valgrind's version, when instructions were counted.
    public var valgrind: String?

    public init(
        python: String?, sqlite: String?, cpus: Int, hashSeed: String, loadAverage: [Double], gitCommit: String?,
        host: String, date: String, valgrind: String? = nil
    ) {
        self.python = python
        self.sqlite = sqlite
        self.cpus = cpus
        self.hashSeed = hashSeed
        self.loadAverage = loadAverage
        self.gitCommit = gitCommit
        self.host = host
        self.date = date
        self.valgrind = valgrind
    }
}

/// When a change counts as a regression, a warning or an improvement.
public struct RegressionThresholds: Sendable, Hashable, Codable {
    /// Current / baseline median ratio from which a change is a regression (1.10).
    public var regressionRatio: Double
    /// Ratio from which a change is worth a warning (1.05).
    public var warningRatio: Double
    /// Mann–Whitney p-value below which a change is significant (0.01).
    public var alpha: Double
    /// The confidence interval's lower bound must exceed this for a regression (1.05).
    public var intervalFloor: Double

    public init(regressionRatio: Double = 1.10, warningRatio: Double = 1.05, alpha: Double = 0.01, intervalFloor: Double = 1.05) {
        self.regressionRatio = regressionRatio
        self.warningRatio = warningRatio
        self.alpha = alpha
        self.intervalFloor = intervalFloor
    }
}

public struct BenchSettings: Sendable, Hashable, Codable {
    /// Samples per side of a time benchmark.
    public var samples: Int
    /// Samples per side of a memory benchmark.
    public var memorySamples: Int
    /// Seconds a time sample lasts at least.
    public var minSampleSeconds: Double
    /// Coefficient of variation above which a measurement is retried once, then inconclusive.
    public var noiseLimit: Double
    public var thresholds: RegressionThresholds
    /// Workload size factor (1 unless a test shrinks the workloads).
    public var scale: Double

    public init(
        samples: Int, memorySamples: Int, minSampleSeconds: Double, noiseLimit: Double, thresholds: RegressionThresholds,
        scale: Double
    ) {
        self.samples = samples
        self.memorySamples = memorySamples
        self.minSampleSeconds = minSampleSeconds
        self.noiseLimit = noiseLimit
        self.thresholds = thresholds
        self.scale = scale
    }
}

/// One benchmark's measurements.
public struct BenchmarkResult: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var pattern: String?
    /// The document and line whose snippet was measured, when it was one.
    public var path: String?
    public var line: Int?
    public var note: String?
    /// The metric its claims are judged on.
    public var metric: String
    public var series: [SeriesResult]
    /// For two sides: first / second on `metric`.
    public var ratio: BenchRatio?
    /// Whether the samples were taken a second time because the first were too noisy.
    public var retried: Bool
    /// Why it could not be measured.
    public var error: String?

    public init(
        id: String, title: String, pattern: String?, path: String?, line: Int?, note: String?, metric: String,
        series: [SeriesResult], ratio: BenchRatio?, retried: Bool, error: String?
    ) {
        self.id = id
        self.title = title
        self.pattern = pattern
        self.path = path
        self.line = line
        self.note = note
        self.metric = metric
        self.series = series
        self.ratio = ratio
        self.retried = retried
        self.error = error
    }
}

/// The samples of one side of a benchmark in one revision.
public struct SeriesResult: Sendable, Hashable, Codable {
    /// `benchmark/side`, or the benchmark's id when it has one side.
    public var id: String
    public var label: String
    /// `current`; `ref` for the documents at `--compare-ref`, or `baseline` for the code
    /// a changed snippet had in the baseline `--compare` reads.
    public var revision: String
    public var loops: Int
    /// Raw samples by metric name (`wall`, `cpu`, `memory`, `rss`, `instructions`).
    public var samples: [String: [Double]]
    public var summaries: [String: SampleSummary]
    /// A hash of the workload's code, to tell whether two revisions run the same code.
    public var codeHash: String

    public init(id: String, label: String, revision: String, loops: Int, samples: [String: [Double]], codeHash: String) {
        self.id = id
        self.label = label
        self.revision = revision
        self.loops = loops
        self.samples = samples
        self.codeHash = codeHash
        summaries = samples.mapValues { SampleSummary($0) }
    }

    /// How reports name the series: `label`, or `label@revision` for earlier code.
    public var displayLabel: String { Self.displayLabel(label, revision: revision) }

    public static func displayLabel(_ label: String, revision: String) -> String {
        revision == "current" ? label : "\(label)@\(revision)"
    }
}

/// A ratio of medians with its bootstrap interval and Mann–Whitney p-value.
public struct BenchRatio: Sendable, Hashable, Codable {
    public var metric: String
    public var numerator: String
    public var denominator: String
    public var ratio: Double
    public var lower: Double
    public var upper: Double
    public var confidence: Double
    public var pValue: Double
    /// Coefficient of variation of the per-round ratios.
    public var noise: Double

    public init(
        metric: String, numerator: String, denominator: String, ratio: Double, lower: Double, upper: Double,
        confidence: Double, pValue: Double, noise: Double
    ) {
        self.metric = metric
        self.numerator = numerator
        self.denominator = denominator
        self.ratio = ratio
        self.lower = lower
        self.upper = upper
        self.confidence = confidence
        self.pValue = pValue
        self.noise = noise
    }
}

/// A performance claim at its line, judged.
public struct BenchClaimResult: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case holds, fails, inconclusive
        case notCheckable = "not-checkable"
    }

    public var path: String
    public var line: Int
    public var text: String
    public var pattern: String
    public var benchmark: String
    public var status: Status
    /// What the claim needs, e.g. `threads / sequential < 1`.
    public var expected: String
    public var ratio: BenchRatio?
    public var reason: String?

    public init(
        path: String, line: Int, text: String, pattern: String, benchmark: String, status: Status, expected: String,
        ratio: BenchRatio?, reason: String?
    ) {
        self.path = path
        self.line = line
        self.text = text
        self.pattern = pattern
        self.benchmark = benchmark
        self.status = status
        self.expected = expected
        self.ratio = ratio
        self.reason = reason
    }
}

/// The comparison with a stored baseline or a git revision.
public struct BenchComparison: Sendable, Hashable, Codable {
    /// `baseline NAME` or `ref REF`.
    public var against: String
    /// The baseline's environment, for a stored baseline.
    public var baselineEnvironment: BenchEnvironment?
    public var series: [SeriesComparison]

    public init(against: String, baselineEnvironment: BenchEnvironment?, series: [SeriesComparison]) {
        self.against = against
        self.baselineEnvironment = baselineEnvironment
        self.series = series
    }
}

/// One series, baseline against current.
public struct SeriesComparison: Sendable, Hashable, Codable {
    public enum Verdict: String, Sendable, Hashable, Codable, CaseIterable {
        case regression, warning, improvement, inconclusive
        /// The same code as the stored baseline, but a different time now: the machine,
        /// its load or the Python changed. Reported, never a regression (time is only
        /// compared within one run).
        case drift
        case unchanged
        /// Only in the current run.
        case new
        /// Only in the baseline.
        case missing
        /// The same code at the ref: not measured twice.
        case identical
    }

    public var series: String
    public var benchmark: String
    public var metric: String
    public var verdict: Verdict
    /// current / baseline.
    public var ratio: Double?
    public var lower: Double?
    public var upper: Double?
    public var pValue: Double?
    public var noise: Double?
    public var baseline: SampleSummary?
    public var current: SampleSummary?
    public var baselineSamples: [Double]
    public var currentSamples: [Double]
    public var thresholds: RegressionThresholds
    public var reason: String?

    public init(
        series: String, benchmark: String, metric: String, verdict: Verdict, ratio: Double? = nil, lower: Double? = nil,
        upper: Double? = nil, pValue: Double? = nil, noise: Double? = nil, baselineSamples: [Double] = [],
        currentSamples: [Double] = [], thresholds: RegressionThresholds, reason: String? = nil
    ) {
        self.series = series
        self.benchmark = benchmark
        self.metric = metric
        self.verdict = verdict
        self.ratio = ratio
        self.lower = lower
        self.upper = upper
        self.pValue = pValue
        self.noise = noise
        self.baselineSamples = baselineSamples
        self.currentSamples = currentSamples
        baseline = baselineSamples.isEmpty ? nil : SampleSummary(baselineSamples)
        current = currentSamples.isEmpty ? nil : SampleSummary(currentSamples)
        self.thresholds = thresholds
        self.reason = reason
    }
}

public struct BenchSummary: Sendable, Hashable, Codable {
    public var benchmarks: Int
    public var errors: Int
    /// Claims by status (`holds`, `fails`, `inconclusive`, `not-checkable`).
    public var claims: [String: Int]
    /// Compared series by verdict.
    public var comparisons: [String: Int]
    public var exitStatus: Int32
    public var durationSeconds: Double

    public init(benchmarks: [BenchmarkResult], claims: [BenchClaimResult], comparison: BenchComparison?, durationSeconds: Double) {
        self.benchmarks = benchmarks.count
        errors = benchmarks.count { $0.error != nil }
        self.claims = Dictionary(grouping: claims, by: \.status.rawValue).mapValues(\.count)
        comparisons = Dictionary(grouping: comparison?.series ?? [], by: \.verdict.rawValue).mapValues(\.count)
        exitStatus = Self.exitStatus(claims: claims, comparison: comparison)
        self.durationSeconds = durationSeconds
    }

    /// With a comparison: 2 when a series regressed, else 5 when one is inconclusive,
    /// else 4 when one improved, else 0. Without one: 1 when a claim fails, else 5 when
    /// one is inconclusive, else 0.
    public static func exitStatus(claims: [BenchClaimResult], comparison: BenchComparison?) -> Int32 {
        if let comparison {
            let verdicts = Set(comparison.series.map(\.verdict))
            if verdicts.contains(.regression) { return 2 }
            if verdicts.contains(.inconclusive) { return 5 }
            if verdicts.contains(.improvement) { return 4 }
            return 0
        }
        let statuses = Set(claims.map(\.status))
        if statuses.contains(.fails) { return 1 }
        if statuses.contains(.inconclusive) { return 5 }
        return 0
    }
}
