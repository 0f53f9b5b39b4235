/// The tables a script uses and the columns it uses of each, read from its tokens, so
/// that a script which fails for want of a schema can say what the writer should create.
/// It is not a parser: it follows the clauses that name tables (FROM, JOIN, UPDATE, INTO,
/// ON of CREATE INDEX, REFERENCES, ALTER/DROP TABLE) and takes every other name that is
/// not a keyword, function, alias or type as a column.
struct SchemaReferences: Sendable, Hashable {
    struct TableUse: Sendable, Hashable {
        var name: String
        var columns: [String]
    }

    /// Tables used but not created by the script, in order of first use.
    var tables: [TableUse] = []
    /// Tables and views the script creates (lower-cased).
    var createdTables: Set<String> = []
    /// Columns used in statements that name several tables, without a qualifier.
    var unattributedColumns: [String] = []

    init(_ sql: String) {
        for statement in SQLStatementSplitter.statements(sql) {
            add(statement)
        }
    }

    /// Whether the script uses this table (case-insensitive) without creating it.
    func uses(_ table: String) -> Bool {
        tables.contains { $0.name.caseInsensitiveCompare(table) == .orderedSame }
    }

    private mutating func add(_ statement: StatementSpan) {
        let tokens = statement.tokens
        var consumed: Set<Int> = []
        var aliases: [String: String] = [:]
        var statementTables: [String] = []
        /// Names of common table expressions (`WITH recent AS (…)`), which are no tables.
        var cteNames: Set<String> = []
        /// Names given with AS to result columns and types, which are no columns.
        var aliasNames: Set<String> = []

        func tableName(at index: Int, columnsMayFollow: Bool) -> (name: String, next: Int)? {
            guard index < tokens.count, tokens[index].isName, !isReserved(tokens[index]) else { return nil }
            var index = index
            if index + 2 < tokens.count, tokens[index + 1].isSymbol("."), tokens[index + 2].isName {
                consumed.insert(index)
                index += 2
            }
            if !columnsMayFollow, index + 1 < tokens.count, tokens[index + 1].isSymbol("(") { return nil }
            consumed.insert(index)
            return (tokens[index].text, index + 1)
        }

        /// Notes the table named at `start`; in a FROM clause, also those after commas; after
        /// INTO, REFERENCES and ON the table's column list may follow.
        func noteTable(at start: Int, allowList: Bool, columnsMayFollow: Bool = false) {
            var index = start
            while let (name, next) = tableName(at: index, columnsMayFollow: columnsMayFollow) {
                statementTables.append(name)
                aliases[name.lowercased()] = name
                var after = next
                if after < tokens.count, tokens[after].isWord("AS") { after += 1 }
                if after < tokens.count, tokens[after].isName, !isReserved(tokens[after]) {
                    aliases[tokens[after].text.lowercased()] = name
                    consumed.insert(after)
                    after += 1
                }
                guard allowList, after < tokens.count, tokens[after].isSymbol(",") else { return }
                index = after + 1
            }
        }

        let keyword = statement.keyword
        let createsTable = keyword == "CREATE" && tokens.prefix(4).contains { $0.isWord("TABLE") || $0.isWord("VIEW") }
        for (index, token) in tokens.enumerated() where token.kind == .word {
            switch token.upper {
            case "FROM", "JOIN": noteTable(at: index + 1, allowList: token.upper == "FROM")
            case "INTO", "REFERENCES": noteTable(at: index + 1, allowList: false, columnsMayFollow: true)
            case "UPDATE" where index == 0 || tokens[index - 1].isSymbol(")") || tokens[index - 1].isWord("BEGIN"):
                var start = index + 1
                if start + 1 < tokens.count, tokens[start].isWord("OR") { start += 2 }
                noteTable(at: start, allowList: false)
            case "ON" where keyword == "CREATE" && tokens.prefix(4).contains { $0.isWord("INDEX") }:
                noteTable(at: index + 1, allowList: false, columnsMayFollow: true)
            case "TABLE" where keyword == "ALTER" || keyword == "DROP" || createsTable,
                "VIEW" where createsTable,
                "INDEX", "TRIGGER", "SAVEPOINT", "RELEASE", "TO":
                var start = index + 1
                while start < tokens.count, ["IF", "NOT", "EXISTS"].contains(tokens[start].upper) { start += 1 }
                guard start < tokens.count else { continue }
                if start + 2 < tokens.count, tokens[start + 1].isSymbol(".") { start += 2 }
                consumed.insert(start)
                if createsTable, ["TABLE", "VIEW"].contains(token.upper) {
                    createdTables.insert(tokens[start].text.lowercased())
                } else if token.upper == "TABLE" {
                    statementTables.append(tokens[start].text)
                }
            case "AS":
                if index + 1 < tokens.count, tokens[index + 1].isSymbol("("), index > 0 {
                    cteNames.insert(tokens[index - 1].text.lowercased())
                } else if index + 1 < tokens.count, tokens[index + 1].isName {
                    aliasNames.insert(tokens[index + 1].text.lowercased())
                    consumed.insert(index + 1)
                }
            default: break
            }
        }
        for (index, token) in tokens.enumerated() where token.isSymbol(")") && index + 2 < tokens.count {
            if tokens[index + 1].isWord("AS"), tokens[index + 2].isSymbol("("),
                let open = tokens[..<index].lastIndex(where: { $0.isSymbol("(") }), open > 0
            {
                cteNames.insert(tokens[open - 1].text.lowercased())
            }
        }
        statementTables.removeAll { cteNames.contains($0.lowercased()) || createdTables.contains($0.lowercased()) }
        for table in statementTables { use(table) }
        guard !createsTable || tokens.contains(where: { $0.isWord("SELECT") }) else { return }

        for (index, token) in tokens.enumerated() where token.isName && !consumed.contains(index) {
            let lowered = token.text.lowercased()
            if isReserved(token) || cteNames.contains(lowered) || aliasNames.contains(lowered) { continue }
            if index + 1 < tokens.count, tokens[index + 1].isSymbol("(") { continue }
            if index + 1 < tokens.count, tokens[index + 1].isSymbol(".") { continue }
            if index > 0, tokens[index - 1].isSymbol(".") {
                let qualifier = index > 1 ? tokens[index - 2].text.lowercased() : ""
                if let table = aliases[qualifier], !cteNames.contains(table.lowercased()),
                    !createdTables.contains(table.lowercased())
                {
                    addColumn(token.text, to: table)
                }
                continue
            }
            if aliases[token.text.lowercased()] != nil { continue }
            let distinct = Set(statementTables.map { $0.lowercased() })
            if distinct.count == 1, let table = statementTables.first {
                addColumn(token.text, to: table)
            } else if distinct.count > 1, !unattributedColumns.contains(where: { $0.caseInsensitiveCompare(token.text) == .orderedSame }) {
                unattributedColumns.append(token.text)
            }
        }
    }

    private func isReserved(_ token: SQLToken) -> Bool {
        guard token.kind == .word else { return false }
        return SQLiteConnection.isKeyword(token.text) || ["TRUE", "FALSE"].contains(token.upper)
    }

    private mutating func use(_ table: String) {
        if !uses(table) { tables.append(TableUse(name: table, columns: [])) }
    }

    private mutating func addColumn(_ column: String, to table: String) {
        use(table)
        guard let index = tables.firstIndex(where: { $0.name.caseInsensitiveCompare(table) == .orderedSame }) else { return }
        if !tables[index].columns.contains(where: { $0.caseInsensitiveCompare(column) == .orderedSame }) {
            tables[index].columns.append(column)
        }
    }

    /// `table accounts (columns balance, id)` for each of these tables, joined by commas.
    func describe(tables names: [String]) -> String {
        var parts: [String] = []
        for name in names {
            let columns = tables.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.columns ?? []
            parts.append(columns.isEmpty ? "table \(name)" : "table \(name) (columns \(columns.joined(separator: ", ")))")
        }
        var text = parts.joined(separator: ", ")
        if names.count > 1, !unattributedColumns.isEmpty {
            text += "; also columns \(unattributedColumns.joined(separator: ", "))"
        }
        return text
    }
}
