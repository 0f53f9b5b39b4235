import Foundation
import SQLRuntime
import Testing

@Suite("SQL connection")
struct SQLiteConnectionTests {
    @Test func versionIsTheLinkedLibrary() {
        #expect(SQLiteConnection.version.hasPrefix("3."))
    }

    @Test func runsStatementByStatementAndKeepsTypedResultSets() throws {
        let database = try SQLiteConnection()
        let run = database.execute("""
            CREATE TABLE t(a INTEGER, b TEXT, c REAL, d BLOB);
            INSERT INTO t VALUES (1, 'x', 2.5, x'00ff'), (NULL, '', 1e3, NULL);
            SELECT a, b, c, d FROM t ORDER BY rowid;
            """)
        #expect(run.failure == nil)
        #expect(run.statements.count == 3)
        #expect(run.statements[1].changes == 2)
        let result = try #require(run.statements[2].result)
        #expect(result.columns == ["a", "b", "c", "d"])
        #expect(result.rows[0] == [.integer(1), .text("x"), .real(2.5), .blob([0, 255])])
        #expect(result.rows[1].map(\.normalized) == ["NULL", "(empty)", "1000.000", "NULL"])
        #expect(run.writtenTables == ["t"])
    }

    @Test func changesAreZeroForAStatementThatChangesNothing() throws {
        let database = try SQLiteConnection()
        let run = database.execute("""
            CREATE TABLE t(a);
            INSERT INTO t VALUES (1), (2), (3);
            SELECT * FROM t;
            UPDATE t SET a = 0 WHERE a > 10;
            """)
        #expect(run.statements.map(\.changes) == [0, 3, 0, 0])
    }

    @Test func aSyntaxErrorCarriesSQLitesOffsetInTheScript() throws {
        let database = try SQLiteConnection()
        let script = "SELECT 1;\nSELECT * FORM t;\n"
        let run = database.execute(script)
        let failure = try #require(run.failure)
        #expect(failure.kind == .syntax)
        #expect(failure.message.contains("FORM"))
        let offset = Array(script.utf8).firstIndex(of: UInt8(ascii: "F"))!
        #expect(failure.offset == offset)
        #expect(run.statements.count == 2)
    }

    @Test func stopsAtTheFirstFailureUnlessToldToGoOn() throws {
        let database = try SQLiteConnection()
        let script = "CREATE TABLE t(a PRIMARY KEY); INSERT INTO t VALUES (1); INSERT INTO t VALUES (1); INSERT INTO t VALUES (2);"
        #expect(database.execute(script).statements.count == 3)
        let again = try SQLiteConnection()
        let run = again.execute(script, continueAfterErrors: true)
        #expect(run.statements.count == 4)
        #expect(run.statements.compactMap(\.failure).count == 1)
    }

    @Test func theScriptsOwnTransactionBehavesAsWritten() throws {
        let database = try SQLiteConnection()
        let run = database.execute("""
            CREATE TABLE t(a);
            BEGIN;
            INSERT INTO t VALUES (1);
            ROLLBACK;
            BEGIN;
            INSERT INTO t VALUES (2);
            COMMIT;
            SELECT a FROM t;
            """)
        #expect(run.failure == nil)
        #expect(run.resultSets.last?.rows == [[.integer(2)]])
        #expect(!database.inTransaction)
    }

    @Test func aRunawayRecursiveQueryStopsAtTheDeadline() throws {
        let database = try SQLiteConnection(limits: .init(timeoutSeconds: 0.3))
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            let run = database.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c;")
            #expect(run.failure?.kind == .timeout)
        }
        #expect(elapsed < .seconds(3))
    }

    @Test func aHugeValueHitsTheLengthLimit() throws {
        let database = try SQLiteConnection(limits: .init(valueBytes: 1 << 16))
        let run = database.execute("SELECT zeroblob(1000000);")
        #expect(run.failure?.kind == .limit)
    }

    @Test func theHeapLimitIsInForce() throws {
        _ = try SQLiteConnection()
        #expect(SQLiteConnection.heapLimit == SQLLimits().heapBytes)
    }

    @Test(arguments: ["ATTACH DATABASE '%@' AS other;", "CREATE TABLE t(a); VACUUM INTO '%@';"])
    func noStatementCreatesAFile(_ template: String) throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("created.db").path
        let database = try SQLiteConnection()
        let run = database.execute(template.replacingOccurrences(of: "%@", with: path))
        #expect(run.failure != nil)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func copiesAndRestoresTheDatabase() throws {
        let database = try SQLiteConnection()
        _ = database.execute("CREATE TABLE t(a); INSERT INTO t VALUES (1);")
        let snapshot = try database.copy()
        _ = database.execute("CREATE TABLE u(b); DELETE FROM t;")
        #expect(database.tableNames() == ["t", "u"])
        try database.restore(from: snapshot)
        #expect(database.tableNames() == ["t"])
        #expect(database.execute("SELECT count(*) FROM t;").resultSets.first?.rows == [[.integer(1)]])
    }

    @Test func missingSchemaIsRecognized() throws {
        let database = try SQLiteConnection()
        #expect(database.execute("SELECT * FROM accounts;").failure?.kind == .missingTable("accounts"))
        _ = database.execute("CREATE TABLE accounts(id);")
        #expect(database.execute("SELECT balance FROM accounts;").failure?.kind == .missingColumn("balance"))
    }
}
