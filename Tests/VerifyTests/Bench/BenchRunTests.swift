import Bench
import Foundation
import Testing
import VerifyCore

/// `verify bench` with real workers on small workloads: the harness, claims judged end to
/// end, and baselines saved and compared. Only deterministic metrics (tracemalloc peaks)
/// decide the expectations; time samples are taken but never asserted on.
@Suite("Bench runs")
struct BenchRunTests {
    static func options(samples: Int = 3) -> BenchOptions {
        var options = BenchOptions()
        options.samples = samples
        options.memorySamples = 5
        options.minSampleSeconds = 0.002
        options.scale = 0.02
        options.timeout = 60
        options.workerExecutable = BuildProducts.worker
        return options
    }

    private func run(_ markdown: String, options: BenchOptions = options(), compare: ComparisonTarget? = nil) async throws
        -> BenchRunner.Outcome
    {
        let directory = try TemporaryDirectory()
        let path = try directory.write(markdown, to: "doc.md")
        return try await BenchRunner(options: options).run(paths: [path], compare: compare, baselineName: "main")
    }

    @Test func theHarnessCalibratesAndMeasuresInAFreshWorker() async throws {
        let outcome = try await run("""
            ```python bench
            values = sorted(range(200))
            ```
            """)
        let benchmark = try #require(outcome.report.benchmarks.first)
        #expect(benchmark.error == nil)
        let series = try #require(benchmark.series.first)
        #expect(series.loops > 1)
        #expect(series.samples["wall"]?.count == 3)
        #expect(series.samples["cpu"]?.count == 3)
        #expect(series.samples["rss"]?.count == 3)
        #expect(outcome.report.environment.python == "3.11.2")
        #expect(outcome.report.environment.hashSeed == "0")
    }

    @Test func aWorkloadThatRaisesIsReportedNotMeasured() async throws {
        let outcome = try await run("""
            ```python bench
            undefined_name + 1
            ```
            """)
        #expect(outcome.report.benchmarks.first?.error == "NameError: name 'undefined_name' is not defined")
    }

    @Test func aMemoryClaimIsJudgedAtItsLine() async throws {
        let outcome = try await run("# Memory\n\nGenerators use less memory than lists.\n")
        let claim = try #require(outcome.report.claims.first)
        #expect(claim.line == 3)
        #expect(claim.pattern == "generator-memory")
        #expect(claim.status == .holds)
        #expect(claim.expected == "generator / list < 1 (memory)")
        let ratio = try #require(claim.ratio)
        #expect(ratio.upper < 0.1)
        #expect(claim.ratio == outcome.report.benchmarks.first?.ratio)  // the ratio its benchmark reports
        #expect(outcome.report.summary.exitStatus == 0)
    }

    static let memoryDocument = """
        <!-- verify: bench name=squares metric=memory -->
        ```python
        squares = [i * i for i in range(N)]
        ```
        """

    @Test func aBaselineRoundTripsAndFindsARegression() async throws {
        let saved = try await run(Self.memoryDocument.replacingOccurrences(of: "N", with: "10_000"))
        let directory = try TemporaryDirectory()
        let store = BaselineStore(directory: directory.url, host: "test-host")
        try store.save(saved.baseline)
        let loaded = try store.load("main")
        #expect(loaded == saved.baseline)
        #expect(loaded.series.map(\.id) == ["doc.md#squares"])
        #expect(store.url("main").path.hasSuffix("test-host/main.json"))

        let same = try await run(Self.memoryDocument.replacingOccurrences(of: "N", with: "10_000"), compare: .baseline(loaded))
        #expect(same.report.comparison?.series.map(\.verdict) == [.unchanged])
        #expect(same.report.summary.exitStatus == 0)

        let slower = try await run(Self.memoryDocument.replacingOccurrences(of: "N", with: "30_000"), compare: .baseline(loaded))
        // Changed code: the baseline's code is measured again, in alternation with the new.
        #expect(slower.report.benchmarks.first?.series.map(\.revision) == ["baseline", "current"])
        let regression = try #require(slower.report.comparison?.series.first)
        #expect(regression.verdict == .regression)
        #expect(regression.metric == "memory")
        #expect((regression.ratio ?? 0) > 2)
        #expect(slower.report.summary.exitStatus == 2)

        let leaner = try await run(Self.memoryDocument.replacingOccurrences(of: "N", with: "2_000"), compare: .baseline(loaded))
        #expect(leaner.report.comparison?.series.first?.verdict == .improvement)
        #expect(leaner.report.summary.exitStatus == 4)
    }

    @Test func unchangedCodeIsNeverATimeRegressionAcrossRuns() async throws {
        let document = "<!-- verify: bench name=loop -->\n```python\ntotal = sum(range(2000))\n```\n"
        var baseline = try await run(document).baseline
        // As if the machine had been three times faster when the baseline was saved.
        baseline.series[0].samples["cpu"] = baseline.series[0].samples["cpu"]!.map { $0 / 3 }
        let outcome = try await run(document, compare: .baseline(baseline))
        let series = try #require(outcome.report.comparison?.series.first)
        #expect(series.verdict == .drift)
        #expect(series.reason?.hasPrefix("same code as the baseline") == true)
        #expect(outcome.report.benchmarks.first?.series.map(\.revision) == ["current"])
        #expect(outcome.report.summary.exitStatus == 0)
    }

    /// Runs git in `directory`, failing the test when it fails.
    private func git(_ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"] + arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "git \(arguments.joined(separator: " "))")
    }

    @Test func compareRefMeasuresTheRevisionBesideTheWorkingTree() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            Self.memoryDocument.replacingOccurrences(of: "N", with: "10_000")
                + "\n<!-- verify: bench name=same metric=memory -->\n```python\nx = list(range(100))\n```\n", to: "doc.md")
        try git(["init", "-q"], in: directory.url)
        try git(["add", "doc.md"], in: directory.url)
        try git(["commit", "-q", "-m", "doc"], in: directory.url)
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "10_000", with: "30_000")
        try text.write(toFile: path, atomically: true, encoding: .utf8)

        let outcome = try await BenchRunner(options: Self.options()).run(paths: [path], compare: .ref("HEAD"))
        let verdicts = Dictionary(uniqueKeysWithValues: (outcome.report.comparison?.series ?? []).map { ($0.series, $0.verdict) })
        #expect(verdicts == ["doc.md#squares": .regression, "doc.md#same": .identical])
        #expect(outcome.report.comparison?.against == "ref HEAD")
        #expect(outcome.report.benchmarks.first?.series.map(\.revision) == ["ref", "current"])
        #expect(outcome.report.summary.exitStatus == 2)

        await #expect(throws: BenchError.self) {
            try await BenchRunner(options: Self.options()).run(paths: [path], compare: .ref("no-such-ref"))
        }
    }

    @Test(.enabled(if: InstructionCounter.available() != nil, "valgrind is not installed"))
    func instructionCountsAreComparedAcrossRunsEvenForUnchangedCode() async throws {
        var options = Self.options()
        options.instructions = true
        let document = "<!-- verify: bench name=loop -->\n```python\ntotal = sum(range(5000))\n```\n"
        var baseline = try await run(document, options: options).baseline
        let counted = try #require(baseline.series.first?.samples["instructions"]?.first)
        #expect(counted > 5000)
        // As if the baseline had run two thirds of the instructions: unchanged code, but a
        // deterministic metric, so it regresses; on time it would only drift.
        baseline.series[0].samples["instructions"] = [counted / 1.5]
        let outcome = try await run(document, options: options, compare: .baseline(baseline))
        let series = try #require(outcome.report.comparison?.series.first)
        #expect(series.metric == "instructions")
        #expect(series.verdict == .regression)
        #expect(abs(series.ratio! - 1.5) < 0.01)  // counts agree from run to run within 1%
    }

    @Test(.enabled(if: InstructionCounter.available() != nil, "valgrind is not installed"))
    func instructionsAreCountedInAWorkingDirectorySeededWithTheFixtures() async throws {
        let fixtures = try TemporaryDirectory()
        try fixtures.write("1 2 3 4 5\n", to: "numbers.txt")
        try fixtures.write("FACTOR = 3\n", to: "factor.py")
        var options = Self.options()
        options.instructions = true
        options.fixturesDirectory = fixtures.url.path
        let outcome = try await run(
            "```python bench\nfrom factor import FACTOR\ntotal = FACTOR * sum(map(int, open('numbers.txt').read().split()))\n```\n",
            options: options)
        let benchmark = try #require(outcome.report.benchmarks.first)
        #expect(benchmark.error == nil)
        #expect(benchmark.note?.contains("not counted") != true, "\(benchmark.note ?? "")")
        #expect((benchmark.series.first?.samples["instructions"]?.first ?? 0) > 0)
    }

    @Test func aMissingBaselineNamesTheHostsThatHaveOne() throws {
        let directory = try TemporaryDirectory()
        try directory.write("{}", to: "other-host/main.json")
        let error = #expect(throws: BenchError.self) { try BaselineStore(directory: directory.url, host: "here").load("main") }
        #expect(error?.description.hasSuffix("(there is one for other-host)") == true)
    }
}
