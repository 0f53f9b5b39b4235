import Foundation
import FoundationXML
import Reporting
import Testing
import VerifyCore

/// The four formats of a bench report, from one canned report: text and Markdown against
/// golden files (re-record with VERIFY_RECORD=1), JSON read back, and the HTML checked
/// as a structure and, when Chromium is installed, as a page a browser renders.
@Suite("Bench reports")
struct BenchReportTests {
    static let environment = BenchEnvironment(
        python: "3.11.2", sqlite: "3.40.1", cpus: 2, hashSeed: "0", loadAverage: [1.5, 1.2, 0.9],
        gitCommit: "0123456789abcdef", host: "ci-runner", date: "2026-01-01T00:00:00Z")

    static let pair = BenchRatio(
        metric: "cpu", numerator: "builtin", denominator: "loop", ratio: 0.21, lower: 0.19, upper: 0.23, confidence: 0.95,
        pValue: 0.0002, noise: 0.04)

    static let report: BenchReport = {
        let builtin = SeriesResult(
            id: "builtin-vs-loop/builtin", label: "builtin", revision: "current", loops: 2400,
            samples: ["cpu": [4.2e-5, 4.1e-5, 4.3e-5], "wall": [4.4e-5, 4.2e-5, 4.6e-5]], codeHash: "a1")
        let loop = SeriesResult(
            id: "builtin-vs-loop/loop", label: "loop", revision: "current", loops: 600,
            samples: ["cpu": [2.0e-4, 2.02e-4, 1.98e-4], "wall": [2.1e-4, 2.2e-4, 2.0e-4]], codeHash: "b2")
        let snippet = SeriesResult(
            id: "guide.md#squares", label: "snippet", revision: "current", loops: 40,
            samples: ["cpu": [3.4e-3, 3.5e-3, 3.45e-3]], codeHash: "c3")
        let earlier = SeriesResult(
            id: "guide.md#squares", label: "snippet", revision: "baseline", loops: 80,
            samples: ["cpu": [1.7e-3, 1.72e-3, 1.69e-3]], codeHash: "d4")
        let benchmarks = [
            BenchmarkResult(
                id: "builtin-vs-loop", title: "sum() vs. a for loop adding up", pattern: "builtin-vs-loop", path: nil,
                line: nil, note: nil, metric: "cpu", series: [builtin, loop], ratio: pair, retried: false, error: nil),
            BenchmarkResult(
                id: "guide.md#squares", title: "Squares", pattern: nil, path: "docs/guide.md", line: 12, note: nil,
                metric: "cpu", series: [earlier, snippet], ratio: nil, retried: true, error: nil),
        ]
        let claims = [
            BenchClaimResult(
                path: "docs/guide.md", line: 7, text: "Built-in functions are faster than manual loops.",
                pattern: "builtin-vs-loop", benchmark: "builtin-vs-loop", status: .holds,
                expected: "builtin / loop < 1 (cpu)", ratio: pair, reason: nil),
            BenchClaimResult(
                path: "docs/guide.md", line: 9, text: "Multiprocessing speeds up CPU-bound work.",
                pattern: "multiprocessing-speedup", benchmark: "multiprocessing-speedup", status: .notCheckable,
                expected: "pool / sequential < 1 (wall)", ratio: nil,
                reason: "a parallel speed-up needs 2 cores; with 1 it is not checkable here"),
        ]
        let comparison = BenchComparison(against: "baseline main", baselineEnvironment: environment, series: [
            SeriesComparison(
                series: "guide.md#squares", benchmark: "guide.md#squares", metric: "cpu", verdict: .regression, ratio: 2.03,
                lower: 1.98, upper: 2.07, pValue: 0.0079, noise: 0.02, baselineSamples: [1.7e-3, 1.72e-3, 1.69e-3],
                currentSamples: [3.4e-3, 3.5e-3, 3.45e-3], thresholds: .init()),
            SeriesComparison(
                series: "builtin-vs-loop/loop", benchmark: "builtin-vs-loop", metric: "cpu", verdict: .drift, ratio: 1.31,
                lower: 1.2, upper: 1.4, pValue: 0.0079, noise: 0.03, baselineSamples: [1.5e-4, 1.52e-4, 1.55e-4],
                currentSamples: [2.0e-4, 2.02e-4, 1.98e-4], thresholds: .init(),
                reason: "same code as the baseline, 1.31× its cpu time now"),
            SeriesComparison(
                series: "builtin-vs-loop/builtin", benchmark: "builtin-vs-loop", metric: "cpu", verdict: .unchanged,
                ratio: 1.01, lower: 0.98, upper: 1.03, pValue: 0.7, noise: 0.03, baselineSamples: [4.2e-5, 4.15e-5, 4.2e-5],
                currentSamples: [4.2e-5, 4.1e-5, 4.3e-5], thresholds: .init()),
        ])
        let settings = BenchSettings(
            samples: 3, memorySamples: 5, minSampleSeconds: 0.1, noiseLimit: 0.1, thresholds: .init(), scale: 1)
        return BenchReport(
            tool: .init(version: "0.1.0"), environment: environment, settings: settings, benchmarks: benchmarks,
            claims: claims, comparison: comparison, durationSeconds: 12.5)
    }()

    static func golden(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Golden/\(name)")
    }

    private func compare(_ actual: String, with name: String) throws {
        if ProcessInfo.processInfo.environment["VERIFY_RECORD"] != nil {
            try actual.write(to: Self.golden(name), atomically: true, encoding: .utf8)
        }
        #expect(actual == (try String(contentsOf: Self.golden(name), encoding: .utf8)))
    }

    @Test func terminalTableMatchesItsGoldenFile() throws {
        try compare(BenchTerminalReporter().report(Self.report), with: "bench-report.txt")
    }

    @Test func markdownCommentMatchesItsGoldenFile() throws {
        let markdown = BenchMarkdownReporter().report(Self.report)
        try compare(markdown, with: "bench-report.md")
        #expect(markdown.hasPrefix("### verify bench\n\n**1 regression (exit 2)**"))
    }

    @Test func jsonReadsBackAsTheSameReport() throws {
        let text = BenchJSONReporter().report(Self.report)
        #expect(try BenchJSONReporter.decode(Data(text.utf8)) == Self.report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "verify-bench/1")
        #expect((object["summary"] as? [String: Any])?["exitStatus"] as? Int == 2)
    }

    /// Elements, their classes and text, read with Foundation's XML parser.
    final class Outline: NSObject, XMLParserDelegate {
        var elements: [String: Int] = [:]
        var classes: [String: Int] = [:]
        var attributes: [String] = []
        var text = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements[name, default: 0] += 1
            for word in (attributes["class"] ?? "").split(separator: " ") { classes[String(word), default: 0] += 1 }
            self.attributes += attributes.keys
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    @Test func htmlIsOneSelfContainedWellFormedPage() throws {
        let html = BenchHTMLReporter().report(Self.report)
        let parser = XMLParser(data: Data(html.utf8))
        let outline = Outline()
        parser.delegate = outline
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        // One ratio chart for the comparison, one for the claims, one distribution per
        // compared series and per benchmark.
        #expect(outline.elements["svg"] == 2 + 3 + 2)
        // Every sample is a dot: 3 series × (3 baseline + 3 current), then 2 × 2 × 3 in the benchmarks.
        let ratioDots = 3 + 1
        #expect(outline.elements["circle"] == 18 + 12 + ratioDots)
        #expect(outline.elements["script"] == nil && outline.elements["img"] == nil && outline.elements["link"] == nil)
        #expect(!outline.attributes.contains("src") && !outline.attributes.contains("href"))
        #expect(outline.classes["regression"] == 3)  // its table row, its badge there and on its chart
        #expect(outline.text.contains("1 regression, 1 drift, 1 unchanged"))
        #expect(outline.text.contains("a parallel speed-up needs 2 cores; with 1 it is not checkable here"))
    }

    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: chromium != nil, "Chromium is not installed"), .timeLimit(.minutes(2)))
    func chromiumRendersTheCharts() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(BenchHTMLReporter().report(Self.report), to: "report.html")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.chromium!)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(directory.url.path)/profile",
            "--dump-dom", URL(fileURLWithPath: path).absoluteString,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // The DOM the browser built: every chart became an SVG element with its dots.
        #expect(dom.components(separatedBy: "<svg").count - 1 == 7)
        #expect(dom.components(separatedBy: "<circle").count - 1 == 34)
        #expect(dom.contains("<h2>Compared with baseline main</h2>"))
        #expect(dom.contains("class=\"verdict regression\""))
    }
}
