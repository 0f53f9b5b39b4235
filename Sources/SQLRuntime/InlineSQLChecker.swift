import VerifyCore

/// Checks the SQL statements written inline in the prose (a backticked
/// `CREATE INDEX index_name ON table_name (column_name);`) for syntax, each at its line.
///
/// A code span counts as a statement when it starts with a statement keyword and either
/// ends with a semicolon or has at least four tokens, so that `SELECT *` or `GROUP BY` in a
/// sentence are left alone. Each is prepared against an empty database: a missing table
/// or column is expected there; only a syntax error is a finding. Spans written in
/// another dialect are not checked.
enum InlineSQLChecker {
    static let rule = "sql-inline-syntax"
    private static let starters: Set<String> = [
        "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "DROP", "WITH", "REPLACE", "EXPLAIN",
    ]

    static func findings(in paragraphs: [Paragraph], limits: SQLLimits) -> [Finding] {
        var findings: [Finding] = []
        var database: SQLiteConnection?
        for paragraph in paragraphs where paragraph.text.containsText("`") {
            for match in paragraph.text.matches(of: Patterns.codeSpan) {
                let statement = String(match.output.1).trimmingCharacters(in: .whitespaces)
                guard isStatement(statement) else { continue }
                if database == nil { database = try? SQLiteConnection(limits: limits) }
                guard let database,
                    let failure = database.prepareEach(statement).first(where: { $0.kind == .syntax })
                else { continue }
                if failure.message == "incomplete input", !statement.hasSuffix(";") { continue }
                findings.append(Finding(
                    rule: rule, severity: .error, line: paragraph.line(of: match.range.lowerBound),
                    message: "inline SQL `\(statement)` does not parse: \(failure.message)"))
            }
        }
        return findings
    }

    static func isStatement(_ text: String) -> Bool {
        let tokens = SQLTokenizer.tokens(text)
        guard let first = tokens.first, first.kind == .word, starters.contains(first.upper) else { return false }
        guard text.hasSuffix(";") || tokens.count >= 4 else { return false }
        return !DialectDetector.constructs(in: text).contains { !$0.isTrap }
    }
}
