import Foundation
import VerifyCore

/// Compares expected output with actual output the way writers mean it: trailing
/// whitespace and surrounding blank lines ignored, memory addresses and `...` as
/// wildcards, numbers within the precision the text gives, and lines as a multiset
/// when the order is not determined.
public enum OutputMatcher {
    public enum Verdict: Equatable, Sendable {
        /// Equal; the note says under which rule when it is not plain equality.
        case equal(note: String?)
        case different
    }

    public static func compare(expected: String, actual: String, unordered: Bool = false) -> Verdict {
        let expectedLines = normalizedLines(expected)
        let actualLines = normalizedLines(actual)
        if expectedLines == actualLines { return .equal(note: nil) }
        if expectedLines.count == actualLines.count {
            var notes: Set<String> = []
            let allMatch = zip(expectedLines, actualLines).allSatisfy { pair in
                guard let note = linesMatch(expected: pair.0, actual: pair.1) else { return false }
                if !note.isEmpty { notes.insert(note) }
                return true
            }
            if allMatch { return .equal(note: notes.isEmpty ? nil : notes.sorted().joined(separator: "; ")) }
        }
        if unordered, expectedLines.sorted() == actualLines.sorted() { return .equal(note: "unordered") }
        return .different
    }

    /// Lines without trailing whitespace, blank lines at both ends dropped.
    static func normalizedLines(_ text: String) -> [String] {
        var lines = text.lineSlices().map {
            String($0.hasSuffix("\r") ? $0.dropLast() : $0).replacingAddresses().trimmingTrailingSpaces()
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        return lines
    }

    /// nil when the lines differ; "" when equal outright; else the rule that made them equal.
    static func linesMatch(expected: String, actual: String) -> String? {
        if expected == actual { return "" }
        if expected.containsText("..."), wildcardMatch(expected, actual) { return "'...' matched" }
        if numbersMatch(expected: expected, actual: actual) { return "numbers within the stated precision" }
        return nil
    }

    static func wildcardMatch(_ pattern: String, _ text: String) -> Bool {
        let pieces = pattern.components(separatedBy: "...")
        guard let first = pieces.first, let last = pieces.last, text.hasPrefix(first) else { return false }
        var rest = Substring(text.dropFirst(first.count))
        for piece in pieces.dropFirst().dropLast() {
            guard let range = rest.range(of: piece) else { return false }
            rest = rest[range.upperBound...]
        }
        return pieces.count == 1 ? rest.isEmpty : rest.hasSuffix(last)
    }

    /// Same text around the numbers, and each number equal to the precision the
    /// expected one is written with (`3.14` matches `3.14159`; `3` matches `3.0` only).
    static func numbersMatch(expected: String, actual: String) -> Bool {
        let left = NumberTokens(expected)
        let right = NumberTokens(actual)
        guard left.texts == right.texts, left.numbers.count == right.numbers.count, !left.numbers.isEmpty else {
            return false
        }
        return zip(left.numbers, right.numbers).allSatisfy { written, value in
            guard let expectedValue = Double(written), let actualValue = Double(value) else { return written == value }
            let decimals = written.split(separator: ".").dropFirst().first?.prefix { $0.isNumber }.count ?? 0
            let tolerance = decimals > 0 ? 0.5 * pow(10, -Double(decimals)) : 0
            return abs(expectedValue - actualValue) <= tolerance + 1e-9 * max(abs(expectedValue), 1)
        }
    }

    /// A line split into its numbers and the text between them.
    struct NumberTokens {
        var texts: [String] = []
        var numbers: [String] = []

        init(_ line: String) {
            var text = ""
            var number = ""
            for character in line {
                if character.isNumber || (character == "." && !number.isEmpty) {
                    number.append(character)
                } else {
                    if !number.isEmpty {
                        texts.append(text)
                        numbers.append(number)
                        text = ""
                        number = ""
                    }
                    text.append(character)
                }
            }
            if !number.isEmpty {
                texts.append(text)
                numbers.append(number)
                text = ""
            }
            texts.append(text)
        }
    }
}

extension String {
    /// `0x7f3a…` memory addresses become `0x…`, since they differ from run to run.
    func replacingAddresses() -> String {
        guard containsText("0x") else { return self }
        var result = ""
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix("0x") {
                let digits = self[index...].dropFirst(2).prefix { $0.isHexDigit }
                if digits.count >= 4 {
                    result += "0x…"
                    index = digits.endIndex
                    continue
                }
            }
            result.append(self[index])
            index = self.index(after: index)
        }
        return result
    }
}
