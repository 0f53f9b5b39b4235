import SQLRuntime
import Testing
import VerifyCore

/// Claims judged against what SQLite does, through the whole checker.
@Suite("SQL claim judgement")
struct SQLClaimJudgementTests {
    static let setup = sql("""
        CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL CHECK (balance >= 0));
        INSERT INTO accounts VALUES (1, 500), (2, 300);
        """) + "\n"

    /// The claims of the second snippet of `setup + markdown`.
    func claims(_ markdown: String) throws -> (SnippetReport, [ClaimReport]) {
        let report = try #require(checkSQL(Self.setup + markdown).ordered.dropFirst().first)
        return (report, report.claims)
    }

    @Test func aTableAfterTheQueryHoldsOrFailsWithTheDifference() throws {
        let table = "\n| id | balance |\n|----|---------|\n| 2  | 300     |\n| 1  | 500     |\n"
        let (holds, unordered) = try claims(sql("SELECT id, balance FROM accounts;") + table)
        #expect(holds.status == .passed)
        #expect(unordered.map(\.status) == [.holds])
        #expect(unordered.first?.line == 10)

        let (fails, ordered) = try claims(sql("SELECT id, balance FROM accounts ORDER BY id;") + table)
        #expect(fails.status == .failed)
        #expect(ordered.first?.status == .fails)
        #expect(ordered.first?.reason == "row 1 differs: the document shows 2 | 300, the query returns 1 | 500")
        #expect(ordered.first?.actual == "id | balance\n1 | 500\n2 | 300")
    }

    @Test func aTextBlockAfterTheQueryIsItsExpectedOutput() throws {
        let (report, claims) = try claims(sql("SELECT sum(balance) AS total FROM accounts;") + "\nOutput:\n\n```text\ntotal\n800\n```\n")
        #expect(report.status == .passed)
        #expect(claims.map(\.status) == [.holds])
        #expect(claims.first?.line == 13)
    }

    @Test(arguments: [
        ("SELECT id FROM accounts WHERE balance > 100;", "This returns 2 rows.", ClaimReport.Status.holds),
        ("SELECT id FROM accounts WHERE balance > 400;", "This returns 2 rows.", .fails),
        ("UPDATE accounts SET balance = balance + 1;", "It updates two rows.", .holds),
        ("UPDATE accounts SET balance = 0 WHERE id = 9;\nSELECT 1;", "It updates no rows.", .holds),
        ("UPDATE accounts SET balance = balance - 100 WHERE id = 1;", "The balance becomes 400.", .holds),
        ("UPDATE accounts SET balance = balance - 100 WHERE id = 1;", "The balance becomes 300.", .fails),
        ("SELECT balance FROM accounts WHERE id = 2;", "The balance is now 300.", .holds),
        ("UPDATE accounts SET balance = 1;", "The owner becomes 'Ada'.", .unchecked),
        ("SELECT 1;", "It updates 2 rows.", .unchecked),
    ])
    func proseClaimsAreJudged(_ code: String, _ prose: String, _ status: ClaimReport.Status) throws {
        let (_, claims) = try claims(sql(code) + "\n" + prose + "\n")
        #expect(claims.map(\.status) == [status])
    }

    @Test func claimsOfAScriptThatFailedAreUnchecked() throws {
        let (report, claims) = try claims(sql("SELECT id FROM accounts WHERE;") + "\nIt returns 2 rows.\n")
        #expect(report.status == .syntaxError)
        #expect(claims.first?.status == .unchecked)
    }

    @Test func queryPlanClaimsAreCheckedAgainstExplainQueryPlan() throws {
        let (uses, usesClaims) = try claims(
            sql("CREATE INDEX idx_balance ON accounts (balance);\nSELECT id FROM accounts WHERE balance = 300;")
                + "\nIt uses the index `idx_balance`.\n")
        #expect(uses.status == .passed)
        #expect(usesClaims.first?.actual == "QUERY PLAN: SEARCH accounts USING COVERING INDEX idx_balance (balance=?)")

        let scan = checkSQL(Self.setup + sql("SELECT id FROM accounts WHERE balance = 300;") + "\nThis uses an index.\n")
        #expect(scan.ordered[1].claims.first?.status == .fails)
        #expect(scan.ordered[1].claims.first?.actual == "QUERY PLAN: SCAN accounts")

        let explained = checkSQL(Self.setup + sql("EXPLAIN QUERY PLAN SELECT * FROM accounts WHERE id = 1;")
            + "\nThis does a full table scan.\n")
        #expect(explained.ordered[1].claims.first?.status == .fails)
        #expect(explained.ordered[1].claims.first?.actual == "QUERY PLAN: SEARCH accounts USING INTEGER PRIMARY KEY (rowid=?)")
    }

    @Test func aTransactionThatRollsBackOnTheNamedFailureHolds() throws {
        let script = "BEGIN;\nUPDATE accounts SET balance = balance + 50 WHERE id = 2;\nUPDATE OR ROLLBACK accounts SET balance = balance - 1000 WHERE id = 1;\nCOMMIT;"
        let (report, claims) = try claims(sql(script) + "\nThe second update fails, so the whole transaction is rolled back.\n")
        #expect(claims.first?.status == .holds)
        #expect(report.status == .passed)
    }

    @Test func aTransactionThatCommitsAfterAFailureFailsTheClaim() throws {
        let script = "BEGIN;\nUPDATE accounts SET balance = balance + 50 WHERE id = 2;\nUPDATE accounts SET balance = balance - 1000 WHERE id = 1;\nCOMMIT;"
        let (report, claims) = try claims(sql(script) + "\nThe second update fails, so the whole transaction is rolled back.\n")
        #expect(report.status == .failed)
        #expect(claims.first?.status == .fails)
        #expect(claims.first?.actual == "with the second UPDATE (line 9) failing, accounts: -[2 | 300] +[2 | 350]")
    }

    @Test func aTransactionClaimThatNamesNoFailureIsUncheckedButShowsWhatSQLiteDoes() throws {
        let script = "BEGIN;\nUPDATE accounts SET balance = balance - 100 WHERE id = 1;\nUPDATE accounts SET balance = balance + 100 WHERE id = 2;\nCOMMIT;"
        let (report, claims) = try claims(sql(script) + "\nEither both statements succeed or both fail.\n")
        #expect(report.status == .passed)
        let claim = try #require(claims.first)
        #expect(claim.status == .unchecked)
        #expect(claim.reason?.hasPrefix("the text does not say which statement fails; engine-specific:") == true)
        #expect(claim.actual == "with the second UPDATE (line 9) failing, accounts: -[1 | 500] +[1 | 400]")
    }

    @Test func aTransactionClaimAboutAnotherEngineIsEngineSpecific() throws {
        let markdown = "## Transactions in PostgreSQL\n\n" + Self.setup
            + sql("BEGIN;\nUPDATE accounts SET balance = balance + 1 WHERE id = 2;\nUPDATE accounts SET balance = -1 WHERE id = 1;\nCOMMIT;")
            + "\nIf the last update fails, the transaction is rolled back.\n"
        let claim = try #require(checkSQL(markdown).ordered[1].claims.first)
        #expect(claim.status == .unchecked)
        #expect(claim.reason?.hasPrefix("engine-specific: in SQLite a failing statement does not end the transaction") == true)
        #expect(claim.reason?.hasSuffix("the text is about PostgreSQL") == true)
    }

    @Test func anExplicitRollbackIsJudgedAsWritten() throws {
        let (_, holds) = try claims(sql("BEGIN;\nDELETE FROM accounts;\nROLLBACK;") + "\nThe delete is rolled back.\n")
        #expect(holds.first?.status == .holds)
        let (_, fails) = try claims(sql("BEGIN;\nDELETE FROM accounts;\nCOMMIT;\nBEGIN;\nROLLBACK;") + "\nThe delete is rolled back.\n")
        #expect(fails.first?.status == .fails)
    }

    @Test func anEngineSpecificFactNextToASnippetIsNeverAFailure() throws {
        let (report, claims) = try claims(sql("CREATE TABLE b(code TEXT UNIQUE);\nINSERT INTO b VALUES (NULL), (NULL);") + "\nA UNIQUE column accepts only one NULL.\n")
        #expect(report.status == .passed)
        #expect(claims.first?.status == .unchecked)
        #expect(claims.first?.reason == "engine-specific: SQLite accepts several NULLs in a UNIQUE column (2 NULL rows inserted); the text says a single NULL")
    }

    @Test func engineSpecificFactsInTheProseAreInfoFindings() throws {
        let result = checkSQL("# Keys\n\nA primary key cannot be `NULL`. A unique key can hold several NULLs.\n")
        #expect(result.documentFindings.map(\.rule) == ["sql-engine-specific", "sql-engine-specific"])
        #expect(result.documentFindings.allSatisfy { $0.severity == .info && $0.line == 3 })
        #expect(result.documentFindings.first?.message.contains("SQLite accepts several NULLs") == true)
    }

    @Test func inlineStatementsInTheProseAreCheckedForSyntax() {
        let markdown = """
            Use `SELECT *` sparingly, and `GROUP BY` after `WHERE`.
            An index: `CREATE INDEX index_name ON table_name (column_name);` or the wrong
            `CREATE INDEX ON table_name column_name;` and a fragment `SELECT name FROM users WHERE`.

            - Case-insensitive search in PostgreSQL: `SELECT * FROM t WHERE a ILIKE 'x';`
            """
        let findings = checkSQL(markdown).documentFindings
        #expect(findings.map(\.line) == [3])
        #expect(findings.first?.rule == "sql-inline-syntax")
        #expect(findings.first?.message == "inline SQL `CREATE INDEX ON table_name column_name;` does not parse: near \"ON\": syntax error")
    }
}
