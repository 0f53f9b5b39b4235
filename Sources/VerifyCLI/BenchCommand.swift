import ArgumentParser
import Bench
import Foundation
import Pipeline
import Reporting
import VerifyCore

/// `verify bench PATH...`
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the performance claims and `bench` snippets of the documents; compare with a baseline.",
        discussion: """
            Each sample runs in a fresh worker process; the two sides of a comparison are
            sampled in alternation (A B A B) after a warmup, with loop counts calibrated so
            that a sample lasts at least --min-sample-time.

            Exit status with --compare or --compare-ref: 0 no change, 2 regression, 4
            improvements only, 5 inconclusive. Without: 0 when no claim fails, 1 when one
            fails, 5 when one is inconclusive. A usage or input error exits with 64
            (EX_USAGE) and a message on stderr, so it is never mistaken for a regression.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown, html
    }

    enum ComparisonMetric: String, ExpressibleByArgument, CaseIterable {
        case wall, cpu
    }

    @Argument(help: "Markdown files or directories (searched for .md and .markdown).")
    var paths: [String] = []

    @Option(help: "Render a report written earlier with --format json instead of measuring, e.g. as HTML.")
    var fromJSON: String?

    @Option(help: "Report format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .text

    @Option(name: [.short, .long], help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(help: "Store this run's samples as the baseline NAME of this host.")
    var saveBaseline: String?

    @Option(help: "Compare with the stored baseline NAME of this host.")
    var compare: String?

    @Option(help: "Compare with the documents at this git revision, measured in the same run.")
    var compareRef: String?

    @Option(help: "Folder of baselines, one subfolder per host.")
    var baselineDir = ".verify/baselines"

    @Option(help: "Samples per side of a time benchmark.")
    var samples = BenchOptions().samples

    @Option(help: "Samples per side of a memory benchmark.")
    var memorySamples = BenchOptions().memorySamples

    @Option(help: "Seconds a time sample lasts at least; loop counts are calibrated to it.")
    var minSampleTime = BenchOptions().minSampleSeconds

    @Option(help: "Coefficient of variation above which a measurement is retried once, then inconclusive.")
    var noiseLimit = BenchOptions().noiseLimit

    @Option(help: "Metric of comparisons where a benchmark does not fix one (default: cpu).")
    var metric: ComparisonMetric?

    @Option(help: "Current / baseline ratio from which a change is a regression (default: verify.toml's [bench] regression, else \(Self.defaultRatio(\.regressionRatio))).")
    var regressionRatio: Double?

    @Option(help: "Ratio from which a slower result is a warning (default: verify.toml's [bench] warning, else \(Self.defaultRatio(\.warningRatio))).")
    var warningRatio: Double?

    @Option(help: "Mann–Whitney p-value below which a change is significant.")
    var alpha = RegressionThresholds().alpha

    @Option(help: "Lower bound the ratio's 95% confidence interval must exceed for a regression.")
    var intervalFloor = RegressionThresholds().intervalFloor

    @Flag(help: "Also count instructions per loop under valgrind's callgrind (PYTHONHASHSEED=0).")
    var instructions = false

    @Option(help: "Only benchmarks whose id contains this text.")
    var filter: String?

    @Option(help: "Seconds one calibration or sample may take.")
    var timeout = BenchOptions().timeout

    @Option(help: "Folder whose files every workload finds in its working directory.")
    var fixtures: String?

    @Option(help: .hidden)
    var scale = BenchOptions().scale

    @OptionGroup var configurationOptions: ConfigurationOptions

    func validate() throws {
        guard !paths.isEmpty || fromJSON != nil else { throw ValidationError("Missing expected argument '<paths> ...'") }
        guard samples >= 3 else { throw ValidationError("--samples must be at least 3") }
        guard memorySamples >= 1 else { throw ValidationError("--memory-samples must be at least 1") }
        guard minSampleTime > 0, timeout > 0, scale > 0, [minSampleTime, timeout, scale].allSatisfy({ $0 <= 86_400 }) else {
            throw ValidationError("--min-sample-time, --timeout and --scale must be above 0 and at most 86400")
        }
        guard noiseLimit > 0, alpha > 0, alpha < 1 else { throw ValidationError("--noise-limit and --alpha must be in (0, 1)") }
        guard regressionRatio.map({ $0 > 1 }) ?? true, warningRatio.map({ $0 >= 1 }) ?? true, intervalFloor >= 1 else {
            throw ValidationError("--regression-ratio must exceed 1; --warning-ratio and --interval-floor must be at least 1")
        }
        try DirectoryOption.require(fixtures, option: "fixtures")
        guard compare == nil || compareRef == nil else { throw ValidationError("--compare and --compare-ref exclude each other") }
        for name in [saveBaseline, compare].compactMap({ $0 }) where name.isEmpty || name.contains("/") {
            throw ValidationError("a baseline name must be non-empty and without '/': '\(name)'")
        }
    }

    func run() async throws {
        if let fromJSON {
            guard let data = FileManager.default.contents(atPath: fromJSON) else { throw ToolFailure("\(fromJSON): cannot read") }
            do {
                try write(try BenchJSONReporter.decode(data))
            } catch let error as DecodingError {
                throw ToolFailure("\(fromJSON): not a verify-bench/1 report: \(error)")
            }
            return
        }
        let configuration = try configurationOptions.load()
        var options = BenchOptions()
        options.samples = samples
        options.memorySamples = memorySamples
        options.minSampleSeconds = minSampleTime
        options.noiseLimit = noiseLimit
        // The command line wins over verify.toml, and a benchmark's own ratio in verify.toml
        // over both (a `bench` snippet's own arguments win over everything).
        options.thresholds = RegressionThresholds(
            regressionRatio: regressionRatio ?? configuration?.bench.regression ?? options.thresholds.regressionRatio,
            warningRatio: warningRatio ?? configuration?.bench.warning ?? options.thresholds.warningRatio, alpha: alpha,
            intervalFloor: intervalFloor)
        options.regressionRatios = configuration?.bench.perBenchmark ?? [:]
        options.scale = scale
        options.timeout = timeout
        options.filter = filter
        options.fixturesDirectory = fixtures
        options.comparisonMetric = metric.map { $0 == .wall ? .wall : .cpu }
        options.instructions = instructions
        if instructions, InstructionCounter.available() == nil {
            Console.err("verify: valgrind is not installed; --instructions ignored\n")
            options.instructions = false
        }

        let store = BaselineStore(directory: URL(fileURLWithPath: baselineDir))
        var target: ComparisonTarget?
        do {
            if let compare { target = .baseline(try store.load(compare)) }
        } catch {
            throw ToolFailure("\(error)")
        }
        if let compareRef { target = .ref(compareRef) }

        let progress = BenchProgressLine.forStandardError()
        var runner = BenchRunner(options: options)
        if let progress { runner.progress = { @Sendable update in progress.update(update) } }
        let outcome: BenchRunner.Outcome
        do {
            outcome = try await runner.run(paths: paths, compare: target, baselineName: saveBaseline ?? "baseline")
        } catch {
            progress?.clear()
            throw ToolFailure("\(error)")
        }
        progress?.clear()
        let report = outcome.report
        Console.err(report.inputErrors)
        try write(report)
        if let configuration, filter == nil {
            let measured = Set(report.benchmarks.map(\.id))
            for id in configuration.bench.perBenchmark.keys.sorted() where !measured.contains(id) {
                Console.err(
                    "verify: \(configuration.file ?? "verify.toml"): [bench] thresholds names \(id), no benchmark of this run\n")
            }
        }
        if let saveBaseline {
            do {
                try store.save(outcome.baseline)
            } catch {
                throw ToolFailure("cannot save baseline \(saveBaseline): \(error)")
            }
            Console.err("verify: baseline saved to \(store.url(saveBaseline).path)\n")
        }
        if !report.inputErrors.isEmpty { throw ExitCode(BenchCommand.usageStatus) }
        if report.summary.exitStatus != 0 { throw ExitCode(report.summary.exitStatus) }
    }

    /// A default ratio of `RegressionThresholds` as the help writes it, e.g. `1.10`.
    private static func defaultRatio(_ ratio: KeyPath<RegressionThresholds, Double>) -> String {
        String(format: "%.2f", RegressionThresholds()[keyPath: ratio])
    }

    /// Exit status of a usage or input error: EX_USAGE from sysexits.h, apart from the
    /// statuses that report measurements.
    static let usageStatus: Int32 = 64

    private func write(_ report: BenchReport) throws {
        let text: String
        switch format {
        case .text:
            let colors = output == nil && Terminal.isInteractive(STDOUT_FILENO) && Terminal.colorsAllowed
            var shown = report
            if output == nil { shown.inputErrors = [] }
            text = BenchTerminalReporter(colors: colors).report(shown)
        case .json: text = BenchJSONReporter().report(report)
        case .markdown: text = BenchMarkdownReporter().report(report)
        case .html: text = BenchHTMLReporter().report(report)
        }
        if let output {
            try AtomicFile.write(Data(text.utf8), to: output)
        } else {
            Console.out(text)
        }
    }
}
