import Foundation
public import VerifyCore

/// Recognizes statements about performance in prose ("threads do not speed up CPU-bound
/// work", "generators use less memory"). Each pattern has an identifier that
/// `verify bench` uses to pick the workloads that test it.
public struct PerformancePattern: Sendable, Hashable {
    public var identifier: String
    public var summary: String
    /// Groups of alternatives; a sentence matches when it contains one word of every group.
    public var groups: [[String]]
    /// The groups lowercased, as UTF-8, for a search that does not go through Foundation.
    private let needles: [[[UInt8]]]

    public init(_ identifier: String, _ summary: String, _ groups: [[String]]) {
        self.identifier = identifier
        self.summary = summary
        self.groups = groups
        needles = groups.map { $0.map { Array($0.lowercased().utf8) } }
    }

    /// `sentence` must already be lowercased.
    func matches(lowercased sentence: String) -> Bool {
        let bytes = Array(sentence.utf8)
        return needles.allSatisfy { group in group.contains { Self.contains(bytes, $0) } }
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}

public enum PerformanceClaims {
    static let faster = ["faster", "speed", "quick", "performance", "efficient", "overhead", "slow", "bypass", "parallel"]

    /// The registry of recognized performance statements.
    public static let patterns: [PerformancePattern] = [
        .init("threads-cpu-bound", "threads do not speed up CPU-bound work under the GIL",
              [["GIL", "thread"], ["CPU-bound", "CPU bound", "one thread", "single core", "bytecode"]]),
        .init("multiprocessing-speedup", "multiprocessing speeds up CPU-bound work",
              [["multiprocessing", "multiple processes", "process pool"], ["CPU", "parallel", "bypass", "faster", "GIL"]]),
        .init("threads-io-bound", "threads help I/O-bound work", [["thread"], ["I/O-bound", "I/O bound", "I/O tasks", "I/O operations"]]),
        .init("generator-memory", "generators use less memory than lists",
              [["generator"], ["memory", "one at a time", "lazily", "lazy"]]),
        .init("comprehension-vs-loop", "comprehensions beat loops", [["comprehension"], ["faster", "efficient", "performance", "optimized"]]),
        .init("builtin-vs-loop", "built-ins beat manual loops", [["built-in", "builtin"], ["faster", "optimized", "efficient", "C speed"]]),
        .init("local-vs-global", "local lookups beat global ones", [["local variable", "local lookup", "local name"], ["faster", "quicker"]]),
        .init("index-select", "an index speeds up SELECT", [["index"], ["SELECT", "queries", "query", "lookups", "reads"], faster]),
        .init("index-insert", "an index slows INSERT", [["index"], ["INSERT", "writes", "write"], ["slow", "overhead", "cost"]]),
        .init("bulk-insert", "bulk inserts beat row-by-row inserts", [["bulk", "batch", "executemany"], ["insert"], faster]),
        .init("connection-pool", "connection pooling helps", [["connection pool", "pooling"], faster + ["reuse", "latency"]]),
        .init("set-membership", "set membership beats list membership", [["set", "dict"], ["membership", "lookup"], ["O(1)", "faster", "constant"]]),
        .init("string-join", "join beats += for strings", [["join"], ["+=", "concatenat"], faster]),
        .init("asyncio-concurrency", "asyncio runs I/O concurrently", [["asyncio", "async"], ["concurren", "non-blocking", "many tasks", "I/O"], faster + ["handle", "scal"]]),
    ]

    /// Performance claims in a paragraph, one per pattern per sentence, all unchecked
    /// here: `verify bench` judges them.
    public static func claims(in paragraph: Paragraph) -> [Claim] {
        var claims: [Claim] = []
        var lineOffset = 0
        for rawLine in paragraph.text.split(separator: "\n", omittingEmptySubsequences: false) {
            for sentence in sentences(String(rawLine)) {
                let lowered = sentence.lowercased()
                for pattern in patterns where pattern.matches(lowercased: lowered) {
                    claims.append(Claim(
                        kind: .performance, line: paragraph.line + lineOffset, text: sentence,
                        expected: pattern.summary, check: .performance(pattern: pattern.identifier)))
                }
            }
            lineOffset += 1
        }
        return claims
    }

    private static func sentences(_ line: String) -> [String] {
        var result: [String] = []
        var current = ""
        for character in line {
            current.append(character)
            if ".!?".contains(character) {
                result.append(current.trimmingSpaces())
                current = ""
            }
        }
        if !current.trimmingSpaces().isEmpty { result.append(current.trimmingSpaces()) }
        return result.filter { $0.count > 12 }
    }
}
