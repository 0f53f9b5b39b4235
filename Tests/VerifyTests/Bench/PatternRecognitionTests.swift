@testable import Claims
import Foundation
import Markdown
import Testing
import VerifyCore

/// The performance statements of the seeds, each recognized at its line with the
/// pattern `verify bench` judges it by; and the registry's matching rules.
@Suite("Performance patterns")
struct PatternRecognitionTests {
    static var seedPaths: [String] { SeedGoldenTests.seedPaths }

    private func claims(_ path: String) throws -> Set<String> {
        let source = try String(contentsOfFile: path, encoding: .utf8)
        let document = MarkdownParser().parse(source, path: path)
        let found = ClaimExtractor().performanceClaims(in: document)
        let all = found.bySnippet.values.flatMap { $0 } + found.unattached
        return Set(all.compactMap { claim in
            guard case .performance(let pattern) = claim.check else { return nil }
            return "\(claim.line) \(pattern)"
        })
    }

    @Test(.enabled(if: seedPaths.count == 2, "../shared/seeds is not present"))
    func everyNamedClaimOfTheSeedsIsRecognizedAtItsLine() throws {
        let first = try claims(Self.seedPaths[0])
        let expectedFirst = [
            "32 threads-cpu-bound",  // "limiting CPU-bound threads to a single core"
            "32 multiprocessing-speedup", "32 threads-io-bound",
            "68 generator-memory",  // "use generators and chunking to manage memory"
            "82 multiprocessing-speedup",  // "multiprocessing is preferred to bypass the GIL"
            "93 multiprocessing-speedup",  // "multiple processes running in parallel"
            "304 index-select", "304 index-insert",
            "612 connection-pool",  // "Use connection pooling."
            "637 comprehension-vs-loop", "637 builtin-vs-loop",  // "built-in functions and comprehensions over manual loops"
            "639 local-vs-global",  // "Avoiding global variables, which can slow down lookups."
            "664 bulk-insert",  // "use bulk inserts rather than single-row inserts"
        ]
        for claim in expectedFirst { #expect(first.contains(claim), "\(claim)") }
        #expect(!first.contains("82 threads-cpu-bound"), "the sentence is about multiprocessing, not threads")

        let second = try claims(Self.seedPaths[1])
        let expectedSecond = [
            "107 threads-cpu-bound", "108 threads-io-bound", "110 threads-cpu-bound", "110 multiprocessing-speedup",
            "200 generator-memory", "201 generator-memory", "389 asyncio-concurrency", "411 multiprocessing-speedup",
            "412 threads-cpu-bound",
            "431 threads-cpu-bound",  // "doesn't speed up CPU-bound tasks" under "When would you use multithreading"
            "431 threads-io-bound", "818 index-select", "818 index-insert", "876 connection-pool",
            "877 connection-pool",  // "Significantly improves performance" under "What is connection pooling"
        ]
        for claim in expectedSecond { #expect(second.contains(claim), "\(claim)") }
        #expect(!second.contains("390 threads-io-bound"), "the heading says concurrency *without* threads")
    }

    @Test func alternativesMatchWhereAWordStarts() {
        #expect(PerformancePattern.contains("sets are fast", "set"))
        #expect(!PerformancePattern.contains("on large datasets", "set"))
        #expect(PerformancePattern.contains("use `+=` in a loop", "+="))
        #expect(!PerformancePattern.contains("concurrency without threads", "thread", unlessAfter: "without "))
    }

    @Test func sentencesDoNotEndAtAbbreviations() {
        #expect(PerformanceClaims.sentences("Great for I/O (e.g., network calls) work. Threads wait.")
            == ["Great for I/O (e.g., network calls) work.", "Threads wait."])
    }

    @Test func theHeadingCanNameTheSubject() {
        let paragraph = Paragraph(line: 5, endLine: 5, text: "Simplifies I/O-bound work but doesn't speed up CPU-bound tasks.")
        let withHeading = PerformanceClaims.claims(in: paragraph, heading: "When would you use multithreading?")
        #expect(Set(withHeading.map(\.check)) == [.performance(pattern: "threads-cpu-bound"), .performance(pattern: "threads-io-bound")])
        #expect(PerformanceClaims.claims(in: paragraph, heading: "Generators").isEmpty)
        // Patterns whose subject words are common do not take it from the heading.
        let efficient = Paragraph(line: 9, endLine: 9, text: "Generators are more memory-efficient for large data.")
        let found = PerformanceClaims.claims(in: efficient, heading: "Generator expressions vs. list comprehensions")
        #expect(found.map(\.check) == [.performance(pattern: "generator-memory")])
    }
}
