import Foundation
import Markdown
import SQLRuntime
import Testing
import VerifyCore

/// Where SQL fixtures come from: configuration, a directive, the fixtures folder.
@Suite("SQL fixtures")
struct SQLFixtureTests {
    static let accounts = "CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER);\nINSERT INTO accounts VALUES (1, 500);\n"
    static let update = sql("UPDATE accounts SET balance = balance - 100 WHERE id = 1;") + "\nThe balance becomes 400.\n"

    @Test func aConfiguredFixtureIsLoadedFirst() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(Self.accounts, to: "schema/accounts.sql")
        let report = try #require(checkSQL(Self.update, options: SQLOptions(fixturePaths: [path])).ordered.first)
        #expect(report.status == .passed)
        #expect(report.claims.map(\.status) == [.holds])
        #expect(report.context == .standalone)
    }

    @Test func aDirectiveNamesAFixtureRelativeToTheDocument() throws {
        let directory = try TemporaryDirectory()
        try directory.write(Self.accounts, to: "data/accounts.sql")
        let markdown = "<!-- verify: sql-fixture data/accounts.sql -->\n" + Self.update
        let report = try #require(checkSQL(markdown, directory: directory.url.path).ordered.first)
        #expect(report.status == .passed)
    }

    @Test func aDirectiveNamingNoFileIsAnErrorAtItsLine() throws {
        let markdown = "Intro.\n\n<!-- verify: sql-fixture missing.sql -->\n" + Self.update
        let report = try #require(checkSQL(markdown).ordered.first)
        #expect(report.status == .error)
        #expect(report.error?.line == 3)
        #expect(report.error?.message.hasPrefix("cannot read SQL fixture") == true)
    }

    @Test func aFixtureWhoseSQLFailsIsAFinding() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("CREATE TABLE t(a);\nCREATE TABLE t(a);\n", to: "broken.sql")
        let result = checkSQL(sql("SELECT 1;"), options: SQLOptions(fixturePaths: [path]))
        #expect(result.documentFindings.map(\.rule) == ["sql-fixture"])
        #expect(result.documentFindings.first?.message.hasSuffix("fails at its line 2: table t already exists") == true)
    }

    @Test func theFixturesFolderIsOfferedToASnippetMissingItsTable() throws {
        let directory = try TemporaryDirectory()
        try directory.write(Self.accounts, to: "fixtures/accounts.sql")
        try directory.write("CREATE TABLE unrelated(x);\n", to: "fixtures/other.sql")
        try directory.write("not sql, a file Python snippets read\n", to: "fixtures/notes.txt")
        let report = try #require(checkSQL(Self.update, directory: directory.url.path).ordered.first)
        #expect(report.status == .passed)
        #expect(report.findings.map(\.message) == ["loaded fixtures/accounts.sql for accounts"])
    }

    @Test func theFixturesFolderDoesNotDisturbADocumentThatCreatesItsOwnTables() throws {
        let directory = try TemporaryDirectory()
        try directory.write(Self.accounts, to: "fixtures/accounts.sql")
        let markdown = sql("CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER);\nINSERT INTO accounts VALUES (1, 50);")
            + "\n" + sql("SELECT balance FROM accounts;")
        let reports = checkSQL(markdown, directory: directory.url.path).ordered
        #expect(reports.map(\.status) == [.passed, .passed])
        #expect(reports[1].stdout == "balance\n50\n")
    }

    @Test func anotherFixturesFolderCanBeNamed() throws {
        let directory = try TemporaryDirectory()
        try directory.write(Self.accounts, to: "shared/accounts.sql")
        let options = SQLOptions(fixturesDirectory: directory.url.appendingPathComponent("shared").path)
        #expect(checkSQL(Self.update, options: options).ordered.first?.status == .passed)
    }
}

/// The seed document's SQL snippet and Fixtures/sql.md, which exercises every SQL check.
@Suite("SQL documents")
struct SQLDocumentTests {
    static let seed = Repository.seeds.appendingPathComponent("000_51f08b2b9ee82190.txt").path
    static let fixturesFile = Repository.fixtures.appendingPathComponent("fixtures/accounts.sql").path

    static func check(_ path: String, options: SQLOptions = .init()) throws -> (Document, SQLDocumentResult) {
        let document = MarkdownParser().parse(try String(contentsOfFile: path, encoding: .utf8), path: path)
        let directory = (path as NSString).deletingLastPathComponent
        return (document, SQLDocumentChecker(options: options).check(document, documentDirectory: directory))
    }

    static func transactionSnippet(_ result: SQLDocumentResult) throws -> SnippetReport {
        try #require(result.snippetReports.values.first { $0.heading?.hasPrefix("3.5") == true })
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: seed)))
    func theSeedTransactionNeedsTheAccountsTable() throws {
        let report = try Self.transactionSnippet(Self.check(Self.seed).1)
        #expect(report.line == 283)
        #expect(report.status == .skipped)
        #expect(report.reason == "needs-fixture: table accounts (columns balance, id)")
        #expect(report.claims.map(\.status) == [.unchecked])
        #expect(report.claims.first?.line == 289)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: seed)))
    func theSeedTransactionRunsWithTheAccountsFixture() throws {
        for options in [SQLOptions(fixturePaths: [Self.fixturesFile]),
                        SQLOptions(fixturesDirectory: Repository.fixtures.appendingPathComponent("fixtures").path)] {
            let report = try Self.transactionSnippet(Self.check(Self.seed, options: options).1)
            #expect(report.status == .passed)
            let claim = try #require(report.claims.first)
            #expect(claim.text == "This ensures either both statements succeed or both fail if there’s an error (ROLLBACK).")
            #expect(claim.status == .unchecked)
            #expect(claim.reason == "the text does not say which statement fails; engine-specific: in SQLite a failing "
                + "statement does not end the transaction, so COMMIT keeps the statements that succeeded")
            #expect(claim.actual == "with the second UPDATE (line 286) failing, accounts: -[1 | Ada | 500] +[1 | Ada | 400]")
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: seed)))
    func theSeedsGeneralSQLFactsAreEngineSpecific() throws {
        let findings = try Self.check(Self.seed).1.documentFindings
        #expect(findings.map(\.line) == [309, 309])
        #expect(findings.allSatisfy { $0.severity == .info && $0.message.hasPrefix("engine-specific: SQLite") })
    }

    static let secondSeed = Repository.seeds.appendingPathComponent("002_2666fa4965e823bf.txt").path

    @Test(.enabled(if: FileManager.default.fileExists(atPath: secondSeed)))
    func theSeedsInlineCreateIndexIsCheckedAtItsLine() throws {
        let source = try String(contentsOfFile: Self.secondSeed, encoding: .utf8)
        let statement = "`CREATE INDEX index_name ON table_name (column_name);`"
        #expect(source.contains(statement))
        #expect(checkSQL(source).documentFindings.filter { $0.rule == "sql-inline-syntax" }.isEmpty)

        let broken = source.replacingOccurrences(of: statement, with: "`CREATE INDEX index_name table_name (column_name);`")
        let findings = checkSQL(broken).documentFindings.filter { $0.rule == "sql-inline-syntax" }
        #expect(findings.map(\.line) == [817])
    }

    /// Fixtures/sql.md: each section's first SQL snippet, by heading.
    static func sections() throws -> [String: [SnippetReport]] {
        let (_, result) = try check(Repository.fixtures.appendingPathComponent("sql.md").path)
        return Dictionary(grouping: result.ordered) { $0.heading ?? "" }
    }

    /// The 1-based line and byte column of the first occurrence of `needle` in Fixtures/sql.md.
    static func position(of needle: String) throws -> (line: Int, column: Int) {
        let text = try String(contentsOf: Repository.fixtures.appendingPathComponent("sql.md"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let index = try #require(lines.firstIndex { $0.contains(needle) })
        let column = try #require(lines[index].range(of: needle)).lowerBound
        return (index + 1, lines[index].utf8.distance(from: lines[index].startIndex, to: column) + 1)
    }

    @Test func theFixtureDocumentCoversEverySQLCheck() throws {
        let sections = try Self.sections()
        func first(_ heading: String) throws -> SnippetReport { try #require(sections[heading]?.first) }

        let context = try #require(sections["Document context"])
        #expect(context.map(\.context) == [.standalone, .document])
        #expect(context[1].claims.map(\.status) == [.holds])
        #expect(try first("A result that does not match").status == .failed)
        #expect(try first("Prose claims").claims.map(\.status) == [.holds])
        #expect(try first("A fixture from the fixtures folder").claims.map(\.status) == [.holds])
        #expect(try first("A fixture named by a directive").status == .passed)
        #expect(try first("A table nobody created").reason == "needs-fixture: table orders (columns id, total, customer_id)")
        #expect(try #require(sections["Other dialects"]).map(\.reason) == [
            "dialect postgresql (ILIKE at line \(try Self.position(of: "ILIKE").line))",
            "dialect mysql (ON DUPLICATE KEY at line \(try Self.position(of: "DUPLICATE").line))",
            "dialect sqlserver (TOP at line \(try Self.position(of: "TOP 1").line))",
            "dialect non-sqlite (TRUNCATE at line \(try Self.position(of: "TRUNCATE TABLE").line))",
        ])
        let serial = try first("The SERIAL trap")
        #expect(serial.findings.map(\.rule) == ["sql-not-rowid-alias"])
        #expect(serial.claims.first?.reason == "a row differs: the document shows 1 | sql, the query returns NULL | sql")
        let typo = try first("A syntax error inside a list item")
        #expect(typo.status == .syntaxError)
        let misspelt = try Self.position(of: "FORM users;")
        #expect(typo.error?.line == misspelt.line)
        #expect(typo.error?.column == misspelt.column + "FORM ".count)
        #expect(try #require(sections["Query plans"]).map { $0.claims.map(\.status) } == [[.holds], [.holds], [.fails]])
        #expect(try #require(sections["Transactions"]).map(\.status) == [.passed, .failed])
        #expect(try first("A fact that depends on the engine").claims.first?.reason?.hasPrefix("engine-specific: SQLite") == true)
        #expect(try first("A runaway query").status == .timeout)
    }
}
