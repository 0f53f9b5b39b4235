@testable import SQLRuntime
import Testing
import VerifyCore

/// Reading expected results and claims from the text, and comparing result sets.
@Suite("SQL claims")
struct SQLClaimTests {
    @Test(arguments: [
        "1|Ada\n2|Grace\n",
        "id  name\n--  -----\n1   Ada\n2   Grace\n",
        " id | name\n----+-------\n  1 | Ada\n  2 | Grace\n(2 rows)\n",
        "┌────┬───────┐\n│ id │ name  │\n├────┼───────┤\n│ 1  │ Ada   │\n│ 2  │ Grace │\n└────┴───────┘\n",
        "+----+-------+\n| id | name  |\n+----+-------+\n|  1 | Ada   |\n|  2 | Grace |\n+----+-------+\n",
    ])
    func textBlocksInTheUsualShellFormatsMatch(_ text: String) throws {
        let expected = try #require(ExpectedRows(text: text))
        let result = ResultSet(columns: ["id", "name"], rows: [[.integer(1), .text("Ada")], [.integer(2), .text("Grace")]])
        #expect(expected.mismatch(with: result, ordered: true) == nil)
    }

    @Test func rowOrderCountsOnlyWhenTheQuerySorts() {
        let expected = ExpectedRows(header: ["n"], rows: [["2"], ["1"]])
        let result = ResultSet(columns: ["n"], rows: [[.integer(1)], [.integer(2)]])
        #expect(expected.mismatch(with: result, ordered: false) == nil)
        #expect(expected.mismatch(with: result, ordered: true) == "row 1 differs: the document shows 2, the query returns 1")
    }

    @Test(arguments: [
        ("NULL", SQLValue.null, true),
        ("", .null, true),
        ("0", .null, false),
        ("3.14159", .real(3.1416), true),
        ("3.14", .real(3.1416), false),
        ("400", .real(400), true),
        ("400.00", .integer(400), true),
        ("'Ada'", .text("Ada"), true),
        ("ada", .text("Ada"), false),
        ("(empty)", .text(""), true),
        ("9007199254740993", .integer(9_007_199_254_740_993), true),
        ("9007199254740992", .integer(9_007_199_254_740_993), false),
    ])
    func valuesAreNormalizedLikeSqllogictest(_ written: String, _ value: SQLValue, _ equal: Bool) {
        #expect((ExpectedRows.canonical(written) == ExpectedRows.canonical(value)) == equal)
    }

    @Test func countsAndWidthsAreReportedPlainly() {
        let result = ResultSet(columns: ["a", "b"], rows: [[.integer(1), .integer(2)]])
        #expect(ExpectedRows(header: nil, rows: [["1"]]).mismatch(with: result, ordered: false)
            == "the document shows 1 columns, the query returns 2")
        #expect(ExpectedRows(header: nil, rows: [["1", "2"], ["3", "4"]]).mismatch(with: result, ordered: false)
            == "the document shows 2 rows, the query returns 1")
    }

    static func expectations(_ text: String) -> [SQLClaim.Expectation] {
        SQLClaimExtractor.proseClaims(in: Paragraph(line: 10, endLine: 10, text: text)).map(\.expectation)
    }

    @Test(arguments: [
        ("This query returns 2 rows.", SQLClaim.Expectation.rowCount(2)),
        ("It returns a single row.", .rowCount(1)),
        ("The query returns no rows at all.", .rowCount(0)),
        ("The statement updates three rows.", .changedCount(3)),
        ("Afterwards the balance becomes 400.", .value(column: "balance", value: "400")),
        ("The `status` of order 7 is now 'shipped'.", .value(column: "status", value: "shipped")),
        ("The query uses the index `idx_email`.", .plan(.usesIndex(name: "idx_email", quoted: true))),
        ("It uses the idx_users_name index? No: it uses the index users_by_name.", .plan(.usesIndex(name: "users_by_name", quoted: false))),
        ("Without an index this is a full table scan.", .plan(.scansTable)),
        ("The query does not use the index.", .plan(.avoidsIndex)),
        ("Transactions are all-or-nothing.", .transaction(failing: nil)),
        ("If the second UPDATE fails, everything is rolled back.", .transaction(failing: NamedStatement(ordinal: 2, kind: "UPDATE"))),
        ("A UNIQUE column accepts only one NULL.", .engineFact(.uniqueAllowsNulls)),
        ("A primary key cannot be NULL.", .engineFact(.primaryKeyRejectsNull)),
    ])
    func proseClaims(_ text: String, _ expectation: SQLClaim.Expectation) {
        #expect(Self.expectations(text).contains(expectation))
    }

    @Test(arguments: [
        "An index is a data structure that speeds up searches.",
        "Use transactions when several statements belong together.",
        "The primary key identifies each row.",
        "Rows are returned in any order.",
    ])
    func ordinaryProseMakesNoClaim(_ text: String) {
        #expect(Self.expectations(text).isEmpty)
    }

    @Test func aClaimStandsAtItsOwnLineOfTheParagraph() throws {
        let paragraph = Paragraph(line: 40, endLine: 42, text: "First line.\nThen the query\nreturns 3 rows.")
        let claim = try #require(SQLClaimExtractor.proseClaims(in: paragraph).first)
        #expect(claim.line == 41)
        #expect(claim.text == "Then the query returns 3 rows.")
    }
}
