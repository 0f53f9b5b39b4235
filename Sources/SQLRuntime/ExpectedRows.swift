import Foundation

/// Rows a document shows as a query's result, compared with the rows SQLite returned the
/// way sqllogictest compares them: every value normalized (NULL, integers and reals to
/// three decimals, quotes dropped), and row order ignored unless the query sorts.
struct ExpectedRows: Sendable, Hashable {
    /// Column names, when the document shows them.
    var header: [String]?
    var rows: [[String]]

    init(header: [String]?, rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// Reads a plain text block: the sqlite3 shell's list mode (`1|Ada`), its column and
    /// box modes, or psql's aligned output. Separator lines (`---+---`), a `(2 rows)`
    /// footer and blank lines are dropped. Nil when the block holds no rows.
    init?(text: String) {
        var lines: [[String]] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.allSatisfy({ "-+=|─│┌┐└┘├┤┬┴┼ ".contains($0) }) { continue }
            if trimmed.firstMatch(of: #/^\(\d+ rows?\)$/#) != nil { continue }
            lines.append(Self.cells(of: trimmed))
        }
        guard !lines.isEmpty else { return nil }
        header = nil
        rows = lines
    }

    private static func cells(of line: String) -> [String] {
        var body = Substring(line)
        for bar in ["|", "│"] {
            if body.hasPrefix(bar) { body = body.dropFirst() }
            if body.hasSuffix(bar) { body = body.dropLast() }
        }
        let separator: Character? = body.contains("|") ? "|" : body.contains("│") ? "│" : body.contains("\t") ? "\t" : nil
        if let separator {
            return body.split(separator: separator, omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return body.split(separator: #/\s{2,}/#).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The rows one a line, cells separated by ` | `.
    var rendered: String {
        ((header.map { [$0] } ?? []) + rows).map { $0.joined(separator: " | ") }.joined(separator: "\n")
    }

    /// Compares with a result set; nil when they match, else what differs.
    func mismatch(with result: ResultSet, ordered: Bool) -> String? {
        var expected = rows
        if header == nil, let first = expected.first, first.count == result.columns.count,
            zip(first, result.columns).allSatisfy({ $0.caseInsensitiveCompare($1) == .orderedSame })
        {
            expected.removeFirst()
        }
        if let width = expected.first?.count, width != result.columns.count {
            return "the document shows \(width) columns, the query returns \(result.columns.count)"
        }
        if expected.count != result.rowCount {
            return "the document shows \(expected.count) rows, the query returns \(result.rowCount)"
        }
        var wanted = expected.map { $0.map(Self.canonical) }
        var got = result.rows.map { $0.map(Self.canonical) }
        if !ordered {
            wanted.sort { $0.lexicographicallyPrecedes($1) }
            got.sort { $0.lexicographicallyPrecedes($1) }
        }
        guard let index = wanted.indices.first(where: { wanted[$0] != got[$0] }) else { return nil }
        let which = ordered ? "row \(index + 1)" : "a row"
        return "\(which) differs: the document shows \(wanted[index].joined(separator: " | ")), "
            + "the query returns \(got[index].joined(separator: " | "))"
    }

    /// A value as written in a document, normalized for comparison.
    static func canonical(_ text: String) -> String {
        let value = Prose.unquoted(text.trimmingCharacters(in: .whitespaces))
        if ["", "null", "(null)", "<null>"].contains(value.lowercased()) { return "NULL" }
        if value == "(empty)" || text.trimmingCharacters(in: .whitespaces) == "''" { return "(empty)" }
        if let integer = Int64(value) { return String(integer) }
        if let number = Double(value), value.first?.isLetter != true { return numeric(number) }
        return value
    }

    /// A value SQLite returned, normalized the same way.
    static func canonical(_ value: SQLValue) -> String {
        switch value {
        case .text(let text): text.isEmpty ? "(empty)" : canonical(text)
        case .integer(let number): String(number)
        case .real(let number): numeric(number)
        default: value.normalized
        }
    }

    /// Integral numbers as integers, others to three decimals, so that `400`, `400.0` and
    /// an INTEGER 400 compare equal.
    private static func numeric(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return SQLValue.fixed(number)
    }
}
