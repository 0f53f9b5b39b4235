/// One statement of a script: its tokens and where it stands.
struct StatementSpan: Sendable, Hashable {
    /// Offset of the statement's first token.
    var start: Int
    /// Offset just past its terminating semicolon, or the end of the script.
    var end: Int
    var tokens: [SQLToken]

    /// The first word, upper-cased (`SELECT`, `WITH`, `BEGIN` …).
    var keyword: String { tokens.first?.upper ?? "" }

    /// Whether the statement changes rows: INSERT, UPDATE, DELETE or REPLACE, also after a `WITH` clause.
    var changesRows: Bool {
        if ["INSERT", "UPDATE", "DELETE", "REPLACE"].contains(keyword) { return true }
        guard keyword == "WITH" else { return false }
        var depth = 0
        for token in tokens {
            if token.isSymbol("(") { depth += 1 } else if token.isSymbol(")") { depth -= 1 }
            if depth == 0, token.kind == .word, ["INSERT", "UPDATE", "DELETE", "REPLACE", "SELECT"].contains(token.upper),
                token != tokens.first
            {
                return token.upper != "SELECT"
            }
        }
        return false
    }

    /// The kind of row change this statement makes: `UPDATE`, `INSERT` or `DELETE`, or nil.
    var changeKind: String? {
        guard changesRows else { return nil }
        let words = tokens.filter { $0.kind == .word }.map(\.upper)
        return words.first { ["INSERT", "UPDATE", "DELETE"].contains($0) } ?? (words.contains("REPLACE") ? "INSERT" : nil)
    }

    /// Whether the statement has an ORDER BY outside parentheses, so its row order is meaningful.
    var hasTopLevelOrderBy: Bool {
        var depth = 0
        for (index, token) in tokens.enumerated() {
            if token.isSymbol("(") { depth += 1 } else if token.isSymbol(")") { depth -= 1 }
            if depth == 0, token.isWord("ORDER"), index + 1 < tokens.count, tokens[index + 1].isWord("BY") { return true }
        }
        return false
    }
}

/// Splits a script into statements at the semicolons SQLite itself would end them at
/// (`sqlite3_complete` decides, so a trigger body stays whole).
enum SQLStatementSplitter {
    static func statements(_ sql: String) -> [StatementSpan] {
        let bytes = Array(sql.utf8)
        let tokens = SQLTokenizer.tokens(bytes)
        var spans: [StatementSpan] = []
        var first = 0
        for (index, token) in tokens.enumerated() where token.isSymbol(";") {
            guard index > first else {
                first = index + 1
                continue
            }
            let start = tokens[first].offset
            let text = String(decoding: bytes[start..<(token.offset + 1)], as: UTF8.self)
            guard SQLiteConnection.isComplete(text) else { continue }
            spans.append(StatementSpan(start: start, end: token.offset + 1, tokens: Array(tokens[first..<index])))
            first = index + 1
        }
        if first < tokens.count {
            spans.append(StatementSpan(start: tokens[first].offset, end: bytes.count, tokens: Array(tokens[first...])))
        }
        return spans
    }
}

extension StatementSpan {
    /// The span of a single statement's text.
    init(sql: String) {
        self.init(start: 0, end: sql.utf8.count, tokens: SQLTokenizer.tokens(sql))
    }
}
