import Bench
import Claims
import Foundation
import Markdown
import Testing
import VerifyCore

/// What `verify bench` finds to measure in documents: pattern benchmarks shared by their
/// claims, the document's own snippet where it fits, and `bench` snippets.
@Suite("Bench plans")
struct BenchPlanTests {
    let planner = BenchPlanner(workloads: PatternWorkloads(scale: 0.01, cores: 2))

    private func plan(_ markdown: String, path: String = "guide.md") -> BenchPlan {
        planner.plan([MarkdownParser().parse(markdown, path: path)])
    }

    @Test func claimsOfOnePatternShareItsBenchmark() {
        let plan = plan("""
            List comprehensions are faster than loops.

            Again: a comprehension is more efficient than a loop.

            Built-in functions are faster than manual loops.
            """)
        #expect(plan.benchmarks.map(\.id) == ["comprehension-vs-loop", "builtin-vs-loop"])
        #expect(plan.claims.map(\.line) == [1, 3, 5])
        #expect(plan.claims.map(\.benchmark) == ["comprehension-vs-loop", "comprehension-vs-loop", "builtin-vs-loop"])
    }

    @Test func everyPatternHasAPairOfWorkloads() {
        let workloads = PatternWorkloads(scale: 0.01, cores: 2)
        #expect(PerformanceClaims.patterns.map(\.identifier) == PerformanceClaimsList.identifiers, "identifiers are stable")
        for pattern in PerformanceClaimsList.identifiers {
            let spec = workloads.benchmark(for: pattern)
            #expect(spec?.sides.count == 2, "\(pattern)")
            #expect(spec?.expectation != nil, "\(pattern)")
            #expect(spec?.id == pattern)
        }
        #expect(workloads.benchmark(for: "multiprocessing-speedup")?.requiredCores == 2)
        #expect(workloads.benchmark(for: "generator-memory")?.metric == .memory)
        #expect(workloads.benchmark(for: "threads-io-bound")?.comparisonMetric == .wall)
        #expect(workloads.benchmark(for: "builtin-vs-loop")?.comparisonMetric == nil)
    }

    @Test func theSeedsGeneratorSnippetIsItsOwnWorkload() throws {
        let path = try #require(SeedGoldenTests.seedPaths.last)
        let document = MarkdownParser().parse(try String(contentsOfFile: path, encoding: .utf8), path: path)
        let plan = planner.plan([document])
        let own = try #require(plan.benchmarks.first { $0.id.hasPrefix("generator-memory@") })
        #expect(own.id == "generator-memory@002_2666fa4965e823bf.txt#12-explain-generator-expressions-vs-list-comprehensions")
        #expect(own.source?.line == 203)
        #expect(own.sides.map(\.body) == [
            "for _ in (x*x for x in range(1000000)):\n    pass\n", "for _ in [x*x for x in range(1000000)]:\n    pass\n",
        ])
        #expect(plan.claims.filter { [199, 200, 201].contains($0.line) }.allSatisfy { $0.benchmark == own.id })
        // Elsewhere in the document, generator claims use the project's workload.
        #expect(plan.claims.first { $0.line == 1158 }?.benchmark == "generator-memory")
    }

    @Test func benchSnippetsAreNamedByDirectiveOrHeading() throws {
        let plan = plan("""
            # Loops

            <!-- verify: bench name=squares metric=cpu regression=1.3 -->
            ```python
            s = sum(i * i for i in range(100))
            ```

            ```python bench
            sorted(range(100))
            ```

            ```python bench
            sorted(range(50))
            ```

            ```sql bench
            SELECT 1;
            ```
            """)
        #expect(plan.benchmarks.map(\.id) == ["guide.md#squares", "guide.md#loops", "guide.md#loops-2", "guide.md#loops-3"])
        let squares = plan.benchmarks[0]
        #expect(squares.comparisonMetric == .cpu)
        #expect(squares.thresholds?.regressionRatio == 1.3)
        #expect(squares.source == SourceReference(path: "guide.md", line: 4))
        #expect(plan.benchmarks[1].comparisonMetric == nil)
        #expect(plan.benchmarks[3].sides[0].body.contains("executescript(SCRIPT)"))
        #expect(plan.problems.isEmpty)
    }

    @Test func aSQLSnippetReachesPythonUnchanged() throws {
        let sql = "SELECT 1/2; /* a comment */ SELECT 'it''s \\ \"quoted\"\ttabbed';\nSELECT 'naïve';"
        let plan = plan("```sql bench\n\(sql)\n```\n")
        let setup = try #require(plan.benchmarks.first?.sides.first?.setup)
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/python3.11")
        python.arguments = ["-I", "-c", setup + "import sys\nsys.stdout.buffer.write(SCRIPT.encode())\n"]
        let output = Pipe()
        python.standardOutput = output
        try python.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        python.waitUntilExit()
        #expect(String(decoding: printed, as: UTF8.self) == sql + "\n")
    }

    @Test func badBenchArgumentsAreInputErrorsAtTheirLine() {
        let plan = plan("""
            <!-- verify: bench metric=speed -->
            ```python
            pass
            ```

            <!-- verify: bench loops=3 -->
            ```python
            pass
            ```
            """)
        #expect(plan.benchmarks.isEmpty)
        #expect(plan.problems.map(\.path) == ["guide.md:1", "guide.md:6"])
        #expect(plan.problems[0].message == "bench: metric must be wall, cpu or memory, not 'speed'")
        #expect(plan.problems[1].message.hasPrefix("bench: unknown argument 'loops'"))
    }
}

/// The identifiers of the pattern registry.
enum PerformanceClaimsList {
    static let identifiers = [
        "threads-cpu-bound", "multiprocessing-speedup", "threads-io-bound", "generator-memory", "comprehension-vs-loop",
        "builtin-vs-loop", "local-vs-global", "index-select", "index-insert", "bulk-insert", "connection-pool",
        "set-membership", "string-join", "asyncio-concurrency",
    ]
}
