import Bench
import Benchmark
import Claims
import Foundation
import Markdown
import Pipeline
import VerifyCore

/// Extraction, claim extraction and the per-snippet cost of `verify run` (supervised
/// workers with an embedded CPython, process isolation and timeouts on), and what
/// `verify bench` computes on top of its samples.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(5), maxIterations: 200,
        thresholds: [
            .wallClock: .init(relative: [.p50: 25], absolute: [:]),
            .mallocCountTotal: .init(relative: [.p50: 5], absolute: [:]),
        ])

    let documents = BenchmarkInputs.documents()

    Benchmark("Extract snippets (\(documents.count) documents)") { benchmark in
        for _ in benchmark.scaledIterations {
            for (path, source) in documents {
                blackHole(MarkdownParser().parse(source, path: path))
            }
        }
    }

    let parsed = documents.map { MarkdownParser().parse($0.source, path: $0.path) }
    Benchmark("Extract claims (\(parsed.reduce(0) { $0 + $1.snippets.count }) snippets)") { benchmark in
        let extractor = ClaimExtractor()
        for _ in benchmark.scaledIterations {
            for document in parsed {
                for snippet in document.snippets where snippet.language == .python {
                    blackHole(extractor.claims(for: snippet, in: document))
                }
                blackHole(extractor.performanceClaims(in: document))
            }
        }
    }

    // One comparison of verify bench: the paired bootstrap (2000 resamples) and the
    // Mann–Whitney test of 10 samples a side, as for every claim and compared series.
    let first = (0..<10).map { 0.100 + Double($0 % 4) * 0.002 }
    let second = (0..<10).map { 0.120 + Double($0 % 3) * 0.003 }
    Benchmark("Bench statistics, 10 + 10 samples") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Bootstrap.ratioOfMedians(first, second, paired: true))
            blackHole(MannWhitney.test(first, second))
        }
    }

    Benchmark("Plan the benchmarks of \(parsed.count) documents") { benchmark in
        let planner = BenchPlanner(workloads: PatternWorkloads(cores: 2))
        for _ in benchmark.scaledIterations {
            blackHole(planner.plan(parsed))
        }
    }

    Benchmark(
        "verify run, 100 trivial snippets",
        configuration: .init(metrics: [.wallClock, .cpuTotal], maxDuration: .seconds(10), maxIterations: 20)
    ) { benchmark in
        let corpus = try BenchmarkInputs.trivialCorpus(files: 5, blocksPerFile: 20)
        let options = RunOptions(jobs: 2, timeout: 10)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await Verifier(options: options).run(paths: [corpus]))
        }
        benchmark.stopMeasurement()
    }
}

/// The documents the benchmarks read: the seeds when present, and Fixtures/.
enum BenchmarkInputs {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func documents() -> [(path: String, source: String)] {
        let folders = [root.appendingPathComponent("Fixtures"), root.deletingLastPathComponent().appendingPathComponent("shared/seeds")]
        return folders.flatMap { folder -> [(path: String, source: String)] in
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return files.filter { $0.hasSuffix(".md") || $0.hasSuffix(".txt") }.sorted().compactMap { name in
                let path = folder.appendingPathComponent(name).path
                return (try? String(contentsOfFile: path, encoding: .utf8)).map { (path, $0) }
            }
        }
    }

    /// Markdown files of trivial Python blocks, as Scripts/generate_corpus.py writes them.
    static func trivialCorpus(files: Int, blocksPerFile: Int) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("verify-bench-corpus-\(files)x\(blocksPerFile)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in 0..<files {
            var text = "# Generated document \(file)\n"
            for block in 0..<blocksPerFile {
                let n = 10 + (file * blocksPerFile + block) % 90
                let total = (0..<n).reduce(0) { $0 + $1 * $1 }
                text += "\n## Block \(block)\n\n```python\nn = \(n)\nx = [i*i for i in range(n)]\nprint(sum(x))  # \(total)\n```\n"
            }
            try text.write(to: folder.appendingPathComponent("doc\(file).md"), atomically: true, encoding: .utf8)
        }
        return folder.path
    }
}
