@testable import SQLRuntime
import Testing

/// The small SQL readers that need no database run: tokens, statements, the tables and
/// columns a script uses, and constructs of other dialects.
@Suite("SQL text analysis")
struct SQLTextAnalysisTests {
    @Test func tokensSkipCommentsAndKeepStringsWhole() {
        let tokens = SQLTokenizer.tokens("SELECT 'it''s', \"a b\" -- note\n/* c */ FROM [t] WHERE x::int = 1.5e3;")
        #expect(tokens.map(\.text) == ["SELECT", "it's", ",", "a b", "FROM", "t", "WHERE", "x", "::", "int", "=", "1.5e3", ";"])
        #expect(tokens[1].kind == .string)
        #expect(tokens[3].kind == .quotedIdentifier)
        #expect(tokens[4].offset == 38)
    }

    @Test func tokenizingGarbageNeverFails() {
        for text in ["'unterminated", "/* open", "\"", "x'", "[", "é ü ∑ ::: ;;", String(repeating: "(", count: 10_000)] {
            _ = SQLTokenizer.tokens(text)
            _ = SQLStatementSplitter.statements(text)
            _ = SchemaReferences(text)
            _ = DialectDetector.constructs(in: text)
        }
    }

    @Test func statementsEndWhereSQLiteEndsThemAndTriggerBodiesStayWhole() {
        let script = """
            CREATE TABLE t(a); ;
            CREATE TRIGGER tr AFTER INSERT ON t BEGIN
              UPDATE t SET a = a + 1; DELETE FROM t WHERE a > 9;
            END;
            SELECT ';' FROM t
            """
        let statements = SQLStatementSplitter.statements(script)
        #expect(statements.map(\.keyword) == ["CREATE", "CREATE", "SELECT"])
        #expect(statements[1].tokens.last?.upper == "END")
        #expect(statements[2].end == script.utf8.count)
    }

    @Test(arguments: [
        ("SELECT a FROM t ORDER BY a", true),
        ("SELECT a FROM (SELECT a FROM t ORDER BY a)", false),
        ("SELECT group_concat(a ORDER BY a) FROM t", false),
    ])
    func orderByCountsOnlyAtTheTopLevel(_ sql: String, _ ordered: Bool) {
        #expect(StatementSpan(sql: sql).hasTopLevelOrderBy == ordered)
    }

    @Test(arguments: [
        ("UPDATE t SET a = 1", "UPDATE"),
        ("WITH x AS (SELECT 1) DELETE FROM t", "DELETE"),
        ("REPLACE INTO t VALUES (1)", "INSERT"),
        ("WITH x AS (SELECT 1) SELECT * FROM x", nil),
        ("SELECT 1", nil),
    ] as [(String, String?)])
    func rowChangingStatementsAreRecognized(_ sql: String, _ kind: String?) {
        #expect(StatementSpan(sql: sql).changeKind == kind)
    }

    @Test(arguments: [
        ("BEGIN; UPDATE accounts SET balance = balance - 100 WHERE id = 1; COMMIT;",
         "table accounts (columns balance, id)"),
        ("SELECT o.id, o.total FROM orders AS o WHERE o.customer_id = 7",
         "table orders (columns id, total, customer_id)"),
        ("INSERT INTO logs (level, message) VALUES ('info', 'hi')", "table logs (columns level, message)"),
        ("SELECT count(*) AS n FROM events GROUP BY kind ORDER BY n", "table events (columns kind)"),
        ("WITH recent AS (SELECT id FROM posts WHERE day > 3) SELECT id FROM recent", "table posts (columns id, day)"),
        ("CREATE INDEX idx ON people (last_name)", "table people (columns last_name)"),
        ("SELECT u.name, p.title FROM users u JOIN posts p ON p.user_id = u.id",
         "table users (columns name, id), table posts (columns title, user_id)"),
        ("SELECT u.name, count(o.id) AS orders FROM users u LEFT JOIN orders o ON o.user_id = u.id GROUP BY u.name",
         "table users (columns name, id), table orders (columns id, user_id)"),
        ("SELECT a, b FROM x, y WHERE x.k = y.k", "table x (columns k), table y (columns k); also columns a, b"),
    ])
    func needsFixtureNamesTheTablesAndColumnsUsed(_ sql: String, _ description: String) {
        let references = SchemaReferences(sql)
        #expect(references.describe(tables: references.tables.map(\.name)) == description)
    }

    @Test func tablesTheScriptCreatesAreNotNeeded() {
        let references = SchemaReferences("CREATE TABLE t (a INTEGER, b TEXT); INSERT INTO t (a) VALUES (1); SELECT a FROM t JOIN u ON u.a = t.a;")
        #expect(references.tables.map(\.name) == ["u"])
        #expect(references.createdTables == ["t"])
    }

    @Test(arguments: [
        ("SELECT name FROM users WHERE name ILIKE 'a%'", "postgresql", "ILIKE", false),
        ("SELECT price::numeric FROM items", "postgresql", "::", false),
        ("SELECT DISTINCT ON (a) a, b FROM t", "postgresql", "DISTINCT ON", false),
        ("INSERT INTO t (at) VALUES (NOW())", "postgresql", "NOW()", false),
        ("CREATE TABLE t (id SERIAL PRIMARY KEY)", "postgresql", "SERIAL", true),
        ("CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY)", "mysql", "AUTO_INCREMENT", true),
        ("INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE a = 1", "mysql", "ON DUPLICATE KEY", false),
        ("CREATE TABLE t (a INT) ENGINE=InnoDB", "mysql", "ENGINE=", false),
        ("SELECT TOP 5 * FROM t", "sqlserver", "TOP", false),
        ("TRUNCATE TABLE t", "non-sqlite", "TRUNCATE", false),
    ])
    func constructsOfOtherDialects(_ sql: String, _ dialect: String, _ construct: String, _ isTrap: Bool) throws {
        let found = try #require(DialectDetector.constructs(in: sql).first)
        #expect(found.dialect == dialect)
        #expect(found.construct == construct)
        #expect(found.isTrap == isTrap)
    }

    @Test(arguments: [
        "SELECT 'a::b', \"ILIKE\" FROM top_items",
        "SELECT now FROM t -- NOW()",
        "CREATE TABLE serial (top INTEGER, engine TEXT)",
        "SELECT a FROM t WHERE b LIKE '%x%'",
    ])
    func plainSQLiteHasNoForeignConstructs(_ sql: String) {
        #expect(DialectDetector.constructs(in: sql).isEmpty)
    }

    @Test func aTrapNamesItsColumn() throws {
        let trap = try #require(DialectDetector.constructs(in: "CREATE TABLE t (name TEXT, user_id INT AUTO_INCREMENT)").first)
        #expect(trap.column == "user_id")
    }
}
