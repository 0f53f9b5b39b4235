/// A construct of another SQL dialect found in a script.
struct DialectConstruct: Sendable, Hashable {
    /// `postgresql`, `mysql`, `sqlserver`, or `non-sqlite` for what several engines share.
    var dialect: String
    /// The construct as the reason names it: `ILIKE`, `::`, `ENGINE=` …
    var construct: String
    /// Byte offset of the construct in the script.
    var offset: Int
    /// Whether SQLite rejects it (the snippet is skipped) or accepts it with another
    /// meaning (a silent trap, reported as a warning and run anyway).
    var isTrap: Bool
    /// For a trap, the column it stands in.
    var column: String?
}

/// Finds constructs of PostgreSQL, MySQL and SQL Server that SQLite rejects (`::` casts,
/// ILIKE, DISTINCT ON, NOW(), ON DUPLICATE KEY, ENGINE=, TOP, TRUNCATE) and those it
/// accepts with another meaning (`SERIAL` and `AUTO_INCREMENT` columns, which SQLite
/// takes as plain type names, so the column is no rowid alias and stays NULL).
enum DialectDetector {
    static func constructs(in sql: String) -> [DialectConstruct] {
        var found: [DialectConstruct] = []
        for statement in SQLStatementSplitter.statements(sql) {
            let tokens = statement.tokens
            for (index, token) in tokens.enumerated() {
                let next = index + 1 < tokens.count ? tokens[index + 1] : nil
                let previous = index > 0 ? tokens[index - 1] : nil
                func add(_ dialect: String, _ construct: String, trap: Bool = false) {
                    let column = trap ? columnName(tokens, before: index) : nil
                    found.append(DialectConstruct(
                        dialect: dialect, construct: construct, offset: token.offset, isTrap: trap, column: column))
                }
                if token.isSymbol("::") { add("postgresql", "::") }
                guard token.kind == .word else { continue }
                switch token.upper {
                case "ILIKE": add("postgresql", "ILIKE")
                case "DISTINCT" where next?.isWord("ON") == true: add("postgresql", "DISTINCT ON")
                case "NOW" where next?.isSymbol("(") == true: add("postgresql", "NOW()")
                case _ where ["SERIAL", "BIGSERIAL", "SMALLSERIAL"].contains(token.upper) && isColumnType(tokens, index):
                    add("postgresql", token.upper, trap: true)
                case "AUTO_INCREMENT": add("mysql", "AUTO_INCREMENT", trap: true)
                case "DUPLICATE" where previous?.isWord("ON") == true && next?.isWord("KEY") == true:
                    add("mysql", "ON DUPLICATE KEY")
                case "ENGINE" where next?.isSymbol("=") == true: add("mysql", "ENGINE=")
                case "TOP" where isAfterSelect(tokens, index) && (next?.kind == .number || next?.isSymbol("(") == true):
                    add("sqlserver", "TOP")
                case "TRUNCATE" where index == 0: add("non-sqlite", "TRUNCATE")
                default: break
                }
            }
        }
        return found
    }

    /// The name that starts the column definition holding token `index`: the token after
    /// the nearest `(` or `,` before it.
    private static func columnName(_ tokens: [SQLToken], before index: Int) -> String? {
        guard let separator = tokens[..<index].lastIndex(where: { $0.isSymbol("(") || $0.isSymbol(",") }),
            separator + 1 < index, tokens[separator + 1].isName
        else { return nil }
        return tokens[separator + 1].text
    }

    /// Whether token `index` stands right after a column name at the start of a column definition.
    private static func isColumnType(_ tokens: [SQLToken], _ index: Int) -> Bool {
        index >= 2 && tokens[index - 1].isName && (tokens[index - 2].isSymbol("(") || tokens[index - 2].isSymbol(","))
    }

    private static func isAfterSelect(_ tokens: [SQLToken], _ index: Int) -> Bool {
        var previous = index - 1
        if previous >= 0, tokens[previous].isWord("DISTINCT") || tokens[previous].isWord("ALL") { previous -= 1 }
        return previous >= 0 && tokens[previous].isWord("SELECT")
    }
}
