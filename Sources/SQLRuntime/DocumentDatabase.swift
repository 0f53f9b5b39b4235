/// Where a table of a document's database came from.
enum TableOrigin: Sendable, Hashable {
    case fixture(String)
    case snippet(Int)
}

/// One document's database: the connection its SQL snippets share, the fixtures loaded
/// into it and where each of its tables came from (so that a snippet using an earlier
/// snippet's table can be reported with `"context": "document"`).
final class DocumentDatabase {
    let connection: SQLiteConnection
    private(set) var origins: [String: TableOrigin] = [:]
    private(set) var loadedFixtures: Set<String> = []

    init(limits: SQLLimits) throws(SQLRuntimeError) {
        connection = try SQLiteConnection(limits: limits)
    }

    /// Loads a fixture unless it is loaded already; returns the failure of its SQL, if any.
    func load(_ fixture: SQLFixture) -> StatementFailure? {
        guard loadedFixtures.insert(fixture.path).inserted else { return nil }
        let run = connection.execute(fixture.sql)
        connection.rollbackOpenTransaction()
        noteNewTables(origin: .fixture(fixture.path))
        return run.failure
    }

    /// Records the tables that appeared since the last call as coming from `origin`.
    func noteNewTables(origin: TableOrigin) {
        for table in connection.tableNames() where origins[table.lowercased()] == nil {
            origins[table.lowercased()] = origin
        }
    }

    func origin(of table: String) -> TableOrigin? { origins[table.lowercased()] }

    /// Whether the database has this table (case-insensitive).
    func hasTable(_ table: String) -> Bool {
        connection.tableNames().contains { $0.caseInsensitiveCompare(table) == .orderedSame }
    }
}
