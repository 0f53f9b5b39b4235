import Foundation
public import VerifyCore

/// Recognizes statements about performance in prose ("threads do not speed up CPU-bound
/// work", "generators use less memory"). Each pattern has an identifier that
/// `verify bench` uses to pick the workloads that test it.
public struct PerformancePattern: Sendable, Hashable {
    public var identifier: String
    public var summary: String
    /// Groups of alternatives; a sentence matches when it contains one word of every group.
    /// An alternative matches where a word starts, so "set" is not found in "datasets".
    public let groups: [[String]]
    /// Whether the first group (what the sentence is about) may be found in the heading
    /// above the paragraph instead, as in "Why it matters: doesn't speed up CPU-bound
    /// tasks" under "When would you use multithreading?".
    public var subjectFromHeading: Bool

    public init(_ identifier: String, _ summary: String, _ groups: [[String]], subjectFromHeading: Bool = false) {
        self.identifier = identifier
        self.summary = summary
        self.groups = groups
        self.subjectFromHeading = subjectFromHeading
        loweredGroups = groups.map { $0.map { $0.lowercased() } }
        masks = loweredGroups.map { $0.map(PairSet.init) }
    }

    /// `groups`, lowercased once.
    private let loweredGroups: [[String]]
    /// The pairs of bytes of each word of `loweredGroups`, kept apart: looking at them
    /// copies no strings.
    private let masks: [[PairSet]]

    /// `sentence` and `heading` must already be lowercased; the pair sets are theirs. A
    /// word with a pair of bytes the text lacks is not searched for (most words in most
    /// sentences).
    func matches(lowercased sentence: String, _ sentencePairs: PairSet, heading: String, _ headingPairs: PairSet) -> Bool {
        // The last groups first: they are never taken from the heading, and most
        // sentences fail on them. (Loops, not closures: this runs for every pattern in
        // every sentence.)
        var group = masks.count
        while group > 0 {
            group -= 1
            var found = false
            for (word, mask) in masks[group].enumerated() {
                if sentencePairs.contains(mask) && Self.contains(sentence, loweredGroups[group][word])
                    || group == 0 && subjectFromHeading && headingPairs.contains(mask)
                        && Self.contains(heading, loweredGroups[group][word], unlessAfter: "without ")
                {
                    found = true
                    break
                }
            }
            if !found { return false }
        }
        return true
    }

    /// The pairs of adjacent bytes a text has, folded into 256 bits: a text that lacks one
    /// of a word's pairs cannot contain the word.
    struct PairSet: Sendable, Hashable {
        private var bits: (low: UInt64, lowMiddle: UInt64, highMiddle: UInt64, high: UInt64) = (0, 0, 0, 0)

        init(_ text: String) {
            var previous: UInt8?
            for byte in text.utf8 {
                if let previous {
                    let pair = previous &* 31 &+ byte
                    let bit = UInt64(1) << (pair & 63)
                    switch pair >> 6 {
                    case 0: bits.low |= bit
                    case 1: bits.lowMiddle |= bit
                    case 2: bits.highMiddle |= bit
                    default: bits.high |= bit
                    }
                }
                previous = byte
            }
        }

        /// Whether this set has every pair `other` has.
        func contains(_ other: PairSet) -> Bool {
            bits.low & other.bits.low == other.bits.low && bits.lowMiddle & other.bits.lowMiddle == other.bits.lowMiddle
                && bits.highMiddle & other.bits.highMiddle == other.bits.highMiddle && bits.high & other.bits.high == other.bits.high
        }

        static func == (left: PairSet, right: PairSet) -> Bool { left.contains(right) && right.contains(left) }

        func hash(into hasher: inout Hasher) {
            hasher.combine(bits.low)
            hasher.combine(bits.lowMiddle)
            hasher.combine(bits.highMiddle)
            hasher.combine(bits.high)
        }
    }

    /// Whether `word` occurs in `text` where a word starts (and, when given, not right
    /// after `negation`, as in "concurrency without threads"). Searches UTF-8 bytes:
    /// every sentence of every document is searched for every pattern's words.
    static func contains(_ text: String, _ word: String, unlessAfter negation: String? = nil) -> Bool {
        var text = text
        var word = word
        let wordStartsWithLetter = word.utf8.first.map { $0 < 0x80 ? Self.isASCIILetter($0) : word.first!.isLetter } ?? false
        return text.withUTF8 { haystack in
            word.withUTF8 { needle in
                guard let first = needle.first, needle.count <= haystack.count else { return false }
                var start = 0
                while start + needle.count <= haystack.count {
                    guard let found = haystack[start...(haystack.count - needle.count)].firstIndex(of: first) else { return false }
                    start = found + 1
                    guard needle.indices.allSatisfy({ haystack[found + $0] == needle[$0] }) else { continue }
                    if let negation, hasSuffix(haystack, before: found, negation) { continue }
                    if found == 0 || !wordStartsWithLetter || !followsWordCharacter(haystack, at: found) { return true }
                }
                return false
            }
        }
    }

    private static func hasSuffix(_ bytes: UnsafeBufferPointer<UInt8>, before end: Int, _ suffix: String) -> Bool {
        let suffix = Array(suffix.utf8)
        guard end >= suffix.count else { return false }
        return suffix.indices.allSatisfy { bytes[end - suffix.count + $0] == suffix[$0] }
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// Whether the character before byte `index` is a letter or a digit.
    private static func followsWordCharacter(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let previous = bytes[index - 1]
        if previous < 0x80 {
            return (0x30...0x39).contains(previous) || (0x41...0x5A).contains(previous) || (0x61...0x7A).contains(previous)
        }
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        let character = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self).last
        return character.map { $0.isLetter || $0.isNumber } ?? false
    }
}

public enum PerformanceClaims {
    static let faster = ["faster", "speed", "quick", "performance", "efficient", "overhead", "slow", "bypass", "parallel"]

    /// The registry of recognized performance statements.
    public static let patterns: [PerformancePattern] = [
        .init("threads-cpu-bound", "threads do not speed up CPU-bound work under the GIL",
              [["thread", "multithread"],
               ["CPU-bound", "CPU bound", "CPU-intensive", "CPU work", "one thread", "single core", "bytecode",
                "real parallelism"]],
              subjectFromHeading: true),
        .init("multiprocessing-speedup", "multiprocessing speeds up CPU-bound work",
              [["multiprocessing", "multiple processes", "process pool", "separate processes", "separate Python processes"],
               ["CPU", "parallel", "bypass", "circumvent", "faster", "GIL", "beneficial", "heavy computation"]],
              subjectFromHeading: true),
        .init("threads-io-bound", "threads help I/O-bound work",
              [["thread", "multithread"], ["I/O-bound", "I/O bound", "I/O tasks", "I/O operations", "network calls"]],
              subjectFromHeading: true),
        .init("generator-memory", "generators use less memory than lists",
              [["generator"], ["memory", "one at a time", "one by one", "lazily", "lazy"]], subjectFromHeading: true),
        .init("comprehension-vs-loop", "comprehensions beat loops",
              [["comprehension"],
               ["faster", "efficient", "performance", "optimized", "over manual loop", "over loops", "than loops",
                "than a loop", "than for loops", "than an explicit loop"]]),
        .init("builtin-vs-loop", "built-ins beat manual loops",
              [["built-in", "builtin"],
               ["faster", "optimized", "efficient", "C speed", "over manual loop", "over loops", "than loops",
                "than a loop", "than a manual loop"]]),
        .init("local-vs-global", "local lookups beat global ones",
              [["local variable", "local lookup", "local name", "global variable", "global lookup", "global name"],
               ["faster", "quicker", "slow", "lookup"]]),
        .init("index-select", "an index speeds up SELECT", [["index"], ["SELECT", "queries", "query", "lookups", "reads"], faster]),
        .init("index-insert", "an index slows INSERT", [["index"], ["INSERT", "writes", "write"], ["slow", "overhead", "cost"]]),
        .init("bulk-insert", "bulk inserts beat row-by-row inserts",
              [["bulk", "batch", "executemany", "multi-row"], ["insert"],
               faster + ["optimiz", "single-row", "row-by-row", "one row at a time", "rather than"]]),
        .init("connection-pool", "connection pooling helps",
              [["connection pool", "pooling"], faster + ["reuse", "latency", "improves", "use connection pool"]],
              subjectFromHeading: true),
        .init("set-membership", "set membership beats list membership",
              [["set membership", "in a set", "sets", "set lookup", "dict lookup", "hash table", "membership test"],
               ["O(1)", "faster", "constant", "than a list", "than list"]]),
        .init("string-join", "join beats += for strings", [["join"], ["+=", "concatenat"], faster]),
        .init("asyncio-concurrency", "asyncio runs I/O concurrently",
              [["asyncio", "async", "coroutine", "event loop"], ["concurren", "non-blocking", "many tasks", "I/O"],
               faster + ["handle", "scal"]]),
    ]

    /// Performance claims in a paragraph, one per pattern per sentence, all unchecked
    /// here: `verify bench` judges them. `heading` is the text of the heading above the
    /// paragraph, which may name what a sentence is about.
    public static func claims(in paragraph: Paragraph, heading: String? = nil) -> [Claim] {
        var claims: [Claim] = []
        var lineOffset = 0
        let loweredHeading = heading?.lowercased() ?? ""
        let headingPairs = PerformancePattern.PairSet(loweredHeading)
        for rawLine in paragraph.text.lineSlices() {
            for sentence in sentences(String(rawLine)) {
                let lowered = sentence.lowercased()
                let pairs = PerformancePattern.PairSet(lowered)
                for pattern in patterns where pattern.matches(lowercased: lowered, pairs, heading: loweredHeading, headingPairs) {
                    claims.append(Claim(
                        kind: .performance, line: paragraph.line + lineOffset, text: sentence,
                        expected: pattern.summary, check: .performance(pattern: pattern.identifier)))
                }
            }
            lineOffset += 1
        }
        return claims
    }

    /// Abbreviations whose full stop does not end a sentence.
    private static let abbreviations = ["e.g.", "i.e.", "vs.", "etc.", "cf."]

    /// The sentences of a line: a sentence ends at `.`, `!` or `?` followed by a space or
    /// the end of the line, except after an abbreviation.
    static func sentences(_ line: String) -> [String] {
        guard line.utf8.contains(where: { $0 == 0x2E || $0 == 0x21 || $0 == 0x3F }) else {
            let sentence = line.trimmingSpaces()
            return sentence.count > 12 ? [sentence] : []
        }
        var result: [String] = []
        var current = ""
        var characters = line.makeIterator()
        var next = characters.next()
        while let character = next {
            current.append(character)
            next = characters.next()
            guard ".!?".contains(character), next == nil || next!.isWhitespace else { continue }
            let lowered = current.lowercased()
            if character == ".", abbreviations.contains(where: { lowered.hasSuffix(" " + $0) || lowered == $0 }) { continue }
            result.append(current.trimmingSpaces())
            current = ""
        }
        if !current.trimmingSpaces().isEmpty { result.append(current.trimmingSpaces()) }
        return result.filter { $0.count > 12 }
    }
}
