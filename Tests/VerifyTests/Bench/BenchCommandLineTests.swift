import Foundation
import Testing

/// `verify bench` as CI calls it: exit statuses, baselines on disk, messages. The
/// documents measure tracemalloc peaks, which are the same in every run, so the
/// statuses do not depend on the machine's load.
@Suite("Bench command line")
struct BenchCommandLineTests {
    private func verify(_ arguments: [String], in directory: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        try runVerify(arguments, in: directory)
    }

    static let quick = ["--samples", "3", "--memory-samples", "5", "--min-sample-time", "0.002", "--scale", "0.02"]

    private func document(_ size: String) -> String {
        "# Lists\n\n<!-- verify: bench name=squares metric=memory -->\n```python\nsquares = [i * i for i in range(\(size))]\n```\n"
    }

    @Test func filterMeasuresOnlyTheBenchmarksItNames() throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            document("1_000") + "\n<!-- verify: bench name=cubes metric=memory -->\n```python\ncubes = [i ** 3 for i in range(1000)]\n```\n",
            to: "doc.md")
        let result = try verify(["bench", "doc.md", "--filter", "cubes"] + Self.quick, in: directory.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("doc.md#cubes"))
        #expect(!result.stdout.contains("doc.md#squares"))
        #expect(result.stdout.contains("1 benchmark ("))
    }

    @Test func aSlowerCopyExitsTwoAndAnUnchangedOneZero() throws {
        let directory = try TemporaryDirectory()
        try directory.write(document("10_000"), to: "doc.md")
        let saved = try verify(["bench", "doc.md", "--save-baseline", "main"] + Self.quick, in: directory.url)
        #expect(saved.status == 0)
        #expect(saved.stderr.contains("verify: baseline saved to "))
        let host = try FileManager.default.contentsOfDirectory(atPath: directory.url.appendingPathComponent(".verify/baselines").path)
        #expect(host.count == 1)

        let unchanged = try verify(["bench", "doc.md", "--compare", "main"] + Self.quick, in: directory.url)
        #expect(unchanged.status == 0)
        #expect(unchanged.stdout.contains("doc.md#squares  memory  396 KiB   396 KiB  1.00×"))

        try directory.write(document("30_000"), to: "doc.md")
        let slower = try verify(["bench", "doc.md", "--compare", "main", "--format", "markdown"] + Self.quick, in: directory.url)
        #expect(slower.status == 2)
        #expect(slower.stdout.contains("**1 regression (exit 2)**"))
        #expect(slower.stdout.contains("| `doc.md#squares` | memory | 396 KiB | 1.15 MiB |"))

        try directory.write(document("2_000"), to: "doc.md")
        let leaner = try verify(["bench", "doc.md", "--compare", "main"] + Self.quick, in: directory.url)
        #expect(leaner.status == 4)
    }

    @Test func verifyTomlSetsTheRatiosTheCommandLineAndABenchmarksOwnRatioWin() throws {
        let directory = try TemporaryDirectory()
        try directory.write(document("10_000"), to: "doc.md")
        #expect(try verify(["bench", "doc.md", "--save-baseline", "main"] + Self.quick, in: directory.url).status == 0)
        try directory.write(document("30_000"), to: "doc.md")  // 2.98 times the memory
        let compare = ["bench", "doc.md", "--compare", "main"] + Self.quick

        try directory.write("[bench]\nregression = 5.0\n", to: "verify.toml")
        let tolerated = try verify(compare, in: directory.url)
        #expect(tolerated.status == 0)
        #expect(tolerated.stdout.contains("against baseline main: 1 warning"))
        #expect(try verify(compare + ["--regression-ratio", "2"], in: directory.url).status == 2)
        #expect(try verify(compare + ["--no-config"], in: directory.url).status == 2)

        try directory.write("[bench]\nregression = 5.0\nthresholds = { \"doc.md#squares\" = 2.5 }\n", to: "verify.toml")
        #expect(try verify(compare, in: directory.url).stdout.contains("against baseline main: 1 regression"))
        try directory.write("[bench]\nthresholds = { \"doc.md#squares\" = 2.5, \"doc.md#cubes\" = 2.5 }\n", to: "verify.toml")
        let specific = try verify(compare + ["--regression-ratio", "5"], in: directory.url)
        #expect(specific.status == 2)
        #expect(specific.stderr.hasSuffix("verify.toml: [bench] thresholds names doc.md#cubes, no benchmark of this run\n"))

        // The warning ratio, from the file and from the command line.
        try directory.write("[bench]\nregression = 5.0\nwarning = 4.0\n", to: "verify.toml")
        #expect(try verify(compare, in: directory.url).stdout.contains("against baseline main: 1 unchanged"))
        try directory.write("[bench]\nregression = 5.0\n", to: "verify.toml")
        #expect(try verify(compare + ["--warning-ratio", "3.5"], in: directory.url).stdout.contains("against baseline main: 1 unchanged"))
        // A snippet that sets only its own alpha keeps the ratios of the run.
        try directory.write(document("30_000").replacingOccurrences(of: "metric=memory", with: "metric=memory alpha=0.05"), to: "doc.md")
        #expect(try verify(compare, in: directory.url).stdout.contains("against baseline main: 1 warning"))

        try directory.write("[bench]\nregression = 0.9\n", to: "verify.toml")
        let wrong = try verify(compare, in: directory.url)
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("verify.toml:2: 'bench.regression' is a ratio of current to baseline and must be above 1, not 0.9"))
    }

    @Test func usageAndInputErrorsExitSixtyFourNotTwo() throws {
        let directory = try TemporaryDirectory()
        let badOption = try verify(["bench", "--samples", "1", "x.md"], in: directory.url)
        #expect(badOption.status == 64)
        #expect(badOption.stderr == "verify: Error: --samples must be at least 3\n")
        let unknown = try verify(["bench", "--no-such-option", "x.md"], in: directory.url)
        #expect(unknown.status == 64)
        let noBaseline = try verify(["bench", "x.md", "--compare", "nightly"], in: directory.url)
        #expect(noBaseline.status == 64)
        #expect(noBaseline.stderr.hasPrefix("verify: no baseline 'nightly' for host "))
        let missing = try verify(["bench", "/no/such.md"] + Self.quick, in: directory.url)
        #expect(missing.status == 64)
        #expect(missing.stderr == "/no/such.md: error: no such file or directory\n")
        #expect(!missing.stdout.contains("/no/such.md"))
        // verify run keeps its own status for usage errors.
        #expect(try verify(["run", "--jobs", "0", "x.md"], in: directory.url).status == 2)
    }

    @Test func aFixturesFolderThatDoesNotExistIsAUsageErrorAsInVerifyRun() throws {
        let directory = try TemporaryDirectory()
        try directory.write(document("1_000"), to: "doc.md")
        let bench = try verify(["bench", "doc.md", "--fixtures", "no-such-folder"] + Self.quick, in: directory.url)
        #expect(bench.status == 64)
        #expect(bench.stdout.isEmpty)
        #expect(bench.stderr == "verify: Error: --fixtures no-such-folder: no such directory\n")
        let run = try verify(["run", "doc.md", "--fixtures", "no-such-folder"], in: directory.url)
        #expect(run.stderr == bench.stderr)
    }

    @Test func aSavedJSONReportRendersAsHTML() throws {
        let directory = try TemporaryDirectory()
        try directory.write(document("1_000"), to: "doc.md")
        let json = try verify(["bench", "doc.md", "--format", "json", "-o", "report.json"] + Self.quick, in: directory.url)
        #expect(json.status == 0)
        let html = try verify(["bench", "--from-json", "report.json", "--format", "html"], in: directory.url)
        #expect(html.status == 0)
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(html.stdout.contains("doc.md#squares"))
    }
}
