import VerifyCore

/// Something the document says a SQL snippet does, at the line where it says it.
struct SQLClaim: Sendable, Hashable {
    enum Expectation: Sendable, Hashable {
        /// The rows of the last result set: a table or a text block right after the snippet.
        case rows(ExpectedRows)
        /// "returns 2 rows": the row count of the last result set.
        case rowCount(Int)
        /// "updates 2 rows": the rows the last changing statement changed.
        case changedCount(Int)
        /// "the balance becomes 400": a value of a changed row or of the last result set.
        case value(column: String, value: String)
        /// "all or nothing", "rolled back": what a failing statement leaves behind.
        case transaction(failing: NamedStatement?)
        /// "uses the index idx_email", "does a full table scan".
        case plan(PlanExpectation)
        /// A general fact about SQL that SQLite can show, such as NULLs in UNIQUE columns.
        case engineFact(EngineFact)
    }

    var line: Int
    var text: String
    var expectation: Expectation
}

/// "the second UPDATE": an ordinal among the statements of one kind (or of all that change rows).
struct NamedStatement: Sendable, Hashable {
    /// 1-based; 0 means the last.
    var ordinal: Int
    /// `UPDATE`, `INSERT`, `DELETE`, or nil for any statement that changes rows.
    var kind: String?
}

enum PlanExpectation: Sendable, Hashable {
    /// Uses an index; the name when the text gives one (`quoted` when written in backticks).
    case usesIndex(name: String?, quoted: Bool)
    /// Reads a whole table without an index ("full table scan").
    case scansTable
    /// Uses no index at all ("does not use the index").
    case avoidsIndex
}

/// Finds the claims about a SQL snippet in the blocks right after it and in the prose
/// around it: the paragraph after it, and the paragraph before it when that one ends in
/// a colon (it introduces the block).
enum SQLClaimExtractor {
    static func claims(for snippet: Snippet, in document: Document) -> [SQLClaim] {
        var claims: [SQLClaim] = []
        if let table = snippet.tableAfter {
            let expected = ExpectedRows(header: table.header, rows: table.rows)
            claims.append(SQLClaim(line: table.line, text: expected.rendered, expectation: .rows(expected)))
        }
        if let next = document.snippets.first(where: { $0.index == snippet.index + 1 }), next.adjoinsPrevious,
            next.language == .text, let expected = ExpectedRows(text: next.code)
        {
            claims.append(SQLClaim(line: next.firstCodeLine, text: next.code.trimmingTrailingNewlines, expectation: .rows(expected)))
        }
        for paragraph in claimParagraphs(of: snippet) {
            claims += proseClaims(in: paragraph)
        }
        return claims.sorted { $0.line < $1.line }
    }

    /// The paragraphs whose claims belong to this snippet.
    static func claimParagraphs(of snippet: Snippet) -> [Paragraph] {
        var paragraphs: [Paragraph] = []
        if let before = snippet.paragraphBefore, before.text.hasSuffix(":") { paragraphs.append(before) }
        if let after = snippet.paragraphAfter { paragraphs.append(after) }
        return paragraphs
    }

    static func proseClaims(in paragraph: Paragraph) -> [SQLClaim] {
        var claims: [SQLClaim] = []
        let text = paragraph.text
        func claim(_ range: Range<String.Index>, _ expectation: SQLClaim.Expectation) {
            let sentence = text.sentenceRange(around: range)
            claims.append(SQLClaim(
                line: paragraph.line(of: sentence.lowerBound), text: Prose.oneLine(text[sentence]),
                expectation: expectation))
        }
        for match in text.matches(of: Patterns.rowCount) {
            if let count = Prose.number(String(match.output.1)) { claim(match.range, .rowCount(count)) }
        }
        for match in text.matches(of: Patterns.changedCount) {
            if let count = Prose.number(String(match.output.1)) { claim(match.range, .changedCount(count)) }
        }
        for match in text.matches(of: Patterns.value) {
            claim(match.range, .value(column: String(match.output.1), value: Prose.unquoted(String(match.output.2))))
        }
        if let match = text.firstMatch(of: Patterns.transaction) {
            claim(match.range, .transaction(failing: Prose.namedStatement(in: Prose.sentence(around: match.range, in: text))))
        }
        if let match = text.firstMatch(of: Patterns.noIndex) {
            claim(match.range, .plan(.avoidsIndex))
        } else if let match = text.firstMatch(of: Patterns.scan) {
            claim(match.range, .plan(.scansTable))
        } else if let match = text.firstMatch(of: Patterns.usesIndex) {
            let quoted = match.output.1 ?? match.output.2
            let name = quoted ?? match.output.3
            claim(match.range, .plan(.usesIndex(name: name.map(String.init), quoted: quoted != nil)))
        }
        for (fact, range) in EngineFact.stated(in: text) { claim(range, .engineFact(fact)) }
        return claims
    }
}

/// Helpers to place a claim found in a paragraph.
enum Prose {
    /// The sentence holding a range, on one line.
    static func sentence(around range: Range<String.Index>, in text: String) -> String {
        oneLine(text[text.sentenceRange(around: range)])
    }

    static func oneLine(_ text: Substring) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func number(_ word: String) -> Int? {
        let words = ["no": 0, "a single": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                     "seven": 7, "eight": 8, "nine": 9, "ten": 10]
        return Int(word) ?? words[word.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")]
    }

    static func unquoted(_ text: String) -> String {
        for quote in ["`", "'"] where text.count >= 2 && text.hasPrefix(quote) && text.hasSuffix(quote) {
            return String(text.dropFirst().dropLast())
        }
        return text
    }

    /// "the second UPDATE fails" → ordinal 2 of UPDATE statements.
    static func namedStatement(in sentence: String) -> NamedStatement? {
        guard let match = sentence.firstMatch(of: Patterns.ordinal) else { return nil }
        let ordinals = ["first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": 0]
        let word = match.output.1.lowercased()
        guard let ordinal = ordinals[word] ?? Int(word.prefix { $0.isNumber }) else { return nil }
        let kind = match.output.2.uppercased()
        return NamedStatement(ordinal: ordinal, kind: ["UPDATE", "INSERT", "DELETE"].contains(kind) ? kind : nil)
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var copy = self
        while copy.last?.isNewline == true { copy.removeLast() }
        return copy
    }
}
