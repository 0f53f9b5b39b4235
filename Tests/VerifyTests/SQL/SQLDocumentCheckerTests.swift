import Foundation
import Markdown
import SQLRuntime
import Testing
import VerifyCore

/// Checks a Markdown text's SQL; the document lives in `directory` (none by default).
func checkSQL(_ markdown: String, options: SQLOptions = .init(), directory: String = "/nonexistent") -> SQLDocumentResult {
    let document = MarkdownParser().parse(markdown, path: "doc.md")
    return SQLDocumentChecker(options: options).check(document, documentDirectory: directory)
}

extension SQLDocumentResult {
    /// The reports in document order.
    var ordered: [SnippetReport] { snippetReports.sorted { $0.key < $1.key }.map(\.value) }
}

/// A fenced SQL block.
func sql(_ code: String, info: String = "sql") -> String { "```\(info)\n\(code)\n```\n" }

@Suite("SQL document checker")
struct SQLDocumentCheckerTests {
    @Test func tablesOfEarlierSnippetsAreVisibleAndReportedAsDocumentContext() {
        let result = checkSQL(
            sql("CREATE TABLE t(a); INSERT INTO t VALUES (1), (2);") + "\n" + sql("SELECT a FROM t ORDER BY a;")
                + "\n" + sql("SELECT 1 AS one;"))
        let reports = result.ordered
        #expect(reports.map(\.status) == [.passed, .passed, .passed])
        #expect(reports.map(\.context) == [.standalone, .document, .standalone])
        #expect(reports[1].stdout == "a\n1\n2\n")
    }

    @Test func aStandaloneSnippetRunsInAFreshDatabase() {
        let result = checkSQL(
            sql("CREATE TABLE t(a);") + "\n<!-- verify: context standalone -->\n" + sql("SELECT a FROM t;"))
        #expect(result.ordered[1].status == .skipped)
        #expect(result.ordered[1].reason == "needs-fixture: table t (columns a)")
    }

    @Test func aMissingTableIsNeedsFixtureAndLeavesNothingBehind() {
        let result = checkSQL(
            sql("CREATE TABLE made(x);\nUPDATE accounts SET balance = balance - 100 WHERE id = 1;") + "\n"
                + sql("SELECT x FROM made;"))
        #expect(result.ordered[0].status == .skipped)
        #expect(result.ordered[0].reason == "needs-fixture: table accounts (columns balance, id)")
        #expect(result.ordered[1].reason == "needs-fixture: table made (columns x)")
    }

    @Test func aMissingColumnOfATableTheDocumentCreatedIsAnError() throws {
        let result = checkSQL(sql("CREATE TABLE t(a);") + "\n" + sql("SELECT b FROM t;"))
        let report = result.ordered[1]
        #expect(report.status == .error)
        #expect(report.error?.message == "no such column: b")
        #expect(report.error?.line == 6)
    }

    @Test func aSyntaxErrorAfterAMissingTableIsStillASyntaxError() {
        let result = checkSQL(sql("SELECT * FROM nowhere;\nSELECT FROM;"))
        #expect(result.ordered[0].status == .syntaxError)
        #expect(result.ordered[0].error?.line == 3)
    }

    @Test(arguments: [
        ("```sql\nSELECT * FROM t WHERE;\n```\n", 2, 22),
        ("- item\n\n  ```sql\n  SELECT 1;\n  SELECT * FROM t WHERE;\n  ```\n", 5, 24),
        ("> ```sql\n> SELECT (1;\n> ```\n", 2, 12),
    ])
    func syntaxErrorsAreReportedAtTheirMarkdownLineAndColumn(_ markdown: String, _ line: Int, _ column: Int) throws {
        let report = try #require(checkSQL(markdown).ordered.first)
        #expect(report.status == .syntaxError)
        #expect(report.error?.line == line)
        #expect(report.error?.column == column)
    }

    @Test func otherDialectsAreSkippedWithTheConstructAndItsLine() {
        let result = checkSQL(
            sql("SELECT 1;\nSELECT name FROM users WHERE name ILIKE 'a%';") + "\n"
                + sql("SELECT 1;", info: "postgresql") + "\n"
                + sql("CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;", info: "mysql"))
        #expect(result.ordered.map(\.status) == [.skipped, .skipped, .skipped])
        #expect(result.ordered.map(\.reason) == [
            "dialect postgresql (ILIKE at line 3)", "dialect postgresql (info string)",
            "dialect mysql (AUTO_INCREMENT at line 11)",
        ])
    }

    @Test func theSerialTrapIsAWarningAtItsColumnAndTheSnippetRuns() throws {
        let result = checkSQL(sql("CREATE TABLE t (id SERIAL PRIMARY KEY, name TEXT);\nINSERT INTO t (name) VALUES ('x');\nSELECT id FROM t;"))
        let report = try #require(result.ordered.first)
        #expect(report.status == .passed)
        #expect(report.stdout == "id\nNULL\n")
        let finding = try #require(report.findings.first)
        #expect(finding.rule == "sql-not-rowid-alias")
        #expect(finding.severity == .warning)
        #expect((finding.line, finding.column) == (2, 20))
        #expect(finding.message.contains("`id INTEGER PRIMARY KEY`"))
    }

    @Test func aRunawayQueryTimesOut() throws {
        let markdown = "<!-- verify: timeout 0.2 -->\n" + sql("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)\nSELECT count(*) FROM c;")
            + "\n" + sql("SELECT 2;")
        let result = checkSQL(markdown)
        #expect(result.ordered[0].status == .timeout)
        #expect(result.ordered[0].reason == "still running after 0.2 s; stopped")
        #expect(result.ordered[1].status == .passed)
    }

    @Test func aTransactionLeftOpenIsRolledBackBeforeTheNextSnippet() throws {
        let result = checkSQL(sql("CREATE TABLE t(a);") + "\n" + sql("BEGIN;\nINSERT INTO t VALUES (1);") + "\n" + sql("SELECT count(*) AS n FROM t;"))
        #expect(result.ordered[1].findings.map(\.rule) == ["sql-open-transaction"])
        #expect(result.ordered[2].stdout == "n\n0\n")
    }

    @Test func anExpectedErrorPasses() {
        let markdown = sql("CREATE TABLE t(a UNIQUE);") + "\n<!-- verify: expect-error UNIQUE -->\n"
            + sql("INSERT INTO t VALUES (1);\nINSERT INTO t VALUES (1);") + "\n<!-- verify: expect-error NOTNULL -->\n"
            + sql("INSERT INTO t VALUES (1);")
        let reports = checkSQL(markdown).ordered
        #expect(reports[1].status == .passed)
        #expect(reports[1].error?.type == "SQLITE_CONSTRAINT_UNIQUE")
        #expect(reports[2].status == .error)
    }

    @Test(arguments: [
        "", "   \n", ";;;", "SELECT", "'unterminated", "/* open comment", "SELECT zeroblob(100000000);",
        "\u{0}\u{1}\u{2}", "SELECT '\u{FFFD}é∑';", String(repeating: "SELECT 1;\n", count: 2000),
        "ATTACH 'x.db' AS x;", "PRAGMA writable_schema = 1; DELETE FROM sqlite_schema;",
        "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1;",
    ])
    func badInputNeverCrashes(_ code: String) throws {
        let result = checkSQL(sql(code) + "\n" + sql("SELECT 1;"))
        #expect(result.snippetReports.count == 2)
        #expect(result.ordered[1].status == .passed)
    }

    @Test(arguments: ["nan", "inf", "-1", "0", "soon", "1e400"])
    func aNonsensicalTimeoutIsIgnored(_ value: String) {
        let report = checkSQL("<!-- verify: timeout \(value) -->\n" + sql("SELECT 1;")).ordered.first
        #expect(report?.status == .passed)
    }

    @Test func anInfiniteTimeoutInTheOptionsIsBounded() {
        #expect(checkSQL(sql("SELECT 1;"), options: SQLOptions(timeoutSeconds: .infinity)).ordered.first?.status == .passed)
    }

    @Test func anUnclosedFenceIsSkipped() {
        #expect(checkSQL("```sql\nSELECT 1;\n").ordered.first?.reason == "unclosed-fence")
    }

    @Test func theVersionOfSQLiteIsKnown() {
        #expect(SQLiteConnection.version.split(separator: ".").count == 3)
    }
}
