import Foundation
import VerifyCore

/// What a claim is judged against: the script's run, the database before and after it.
struct ClaimContext {
    var snippet: Snippet
    var code: String
    var run: ScriptRun
    /// The database after the script.
    var database: SQLiteConnection
    /// A copy of the database as it was before the script.
    var before: SQLiteConnection
    var limits: SQLLimits
    /// The engine the snippet is written for when it is not SQLite: from its info string,
    /// or named in its headings or the prose before it ("(e.g., PostgreSQL)").
    var targetEngine: String?
    /// Why the script did not run to its end, if it did not.
    var stopped: String?
}

/// Judges each claim about a SQL snippet against what SQLite did.
enum SQLClaimJudge {
    static func judge(_ claim: SQLClaim, in context: ClaimContext) -> ClaimReport {
        var report = ClaimReport(
            line: claim.line, kind: .sqlResult, text: claim.text, expected: nil, actual: nil, status: .unchecked)
        switch claim.expectation {
        case .engineFact(let fact):
            return judge(fact, claim, limits: context.limits)
        case .transaction(let failing):
            return TransactionExperiment(context: context).judge(claim, failing: failing)
        default:
            break
        }
        if let stopped = context.stopped {
            report.reason = "the script did not run to its end: \(stopped)"
            return report
        }
        switch claim.expectation {
        case .rows(let expected): judgeRows(expected, context, &report)
        case .rowCount(let count): judgeRowCount(count, context, &report)
        case .changedCount(let count): judgeChangedCount(count, context, &report)
        case .value(let column, let value): judgeValue(column: column, value: value, context, &report)
        case .plan(let expectation): QueryPlanCheck(context: context).judge(expectation, &report)
        case .engineFact, .transaction: break
        }
        return report
    }

    /// An engine-specific fact: never a failure, it says what SQLite does.
    static func judge(_ fact: EngineFact, _ claim: SQLClaim, limits: SQLLimits) -> ClaimReport {
        ClaimReport(
            line: claim.line, kind: .sqlResult, text: claim.text, expected: nil,
            actual: nil, status: .unchecked, reason: "engine-specific: " + fact.demonstrate(for: claim.text, limits: limits))
    }

    private static func rows(_ count: Int) -> String { count == 1 ? "1 row" : "\(count) rows" }

    private static func verdict(_ holds: Bool) -> ClaimReport.Status { holds ? .holds : .fails }

    private static func lastQuery(_ run: ScriptRun) -> (StatementOutcome, ResultSet)? {
        guard let outcome = run.statements.last(where: { $0.result != nil }), let result = outcome.result else { return nil }
        return (outcome, result)
    }

    private static func judgeRows(_ expected: ExpectedRows, _ context: ClaimContext, _ report: inout ClaimReport) {
        report.expected = expected.rendered
        guard let (outcome, result) = lastQuery(context.run) else {
            report.reason = "the script returns no rows: it has no query"
            return
        }
        report.actual = result.rendered()
        let ordered = StatementSpan(sql: outcome.sql).hasTopLevelOrderBy
        let mismatch = expected.mismatch(with: result, ordered: ordered)
        report.status = verdict(mismatch == nil)
        report.reason = mismatch ?? (ordered ? "same rows in the same order" : "same rows (order ignored: the query has no ORDER BY)")
    }

    private static func judgeRowCount(_ count: Int, _ context: ClaimContext, _ report: inout ClaimReport) {
        report.expected = rows(count)
        guard let (_, result) = lastQuery(context.run) else {
            report.reason = "the script returns no rows: it has no query"
            return
        }
        report.actual = rows(result.rowCount)
        report.status = verdict(result.rowCount == count)
    }

    private static func judgeChangedCount(_ count: Int, _ context: ClaimContext, _ report: inout ClaimReport) {
        report.expected = rows(count) + " changed"
        guard let outcome = context.run.statements.last(where: { StatementSpan(sql: $0.sql).changesRows }) else {
            report.reason = "the script has no INSERT, UPDATE or DELETE"
            return
        }
        report.actual = rows(outcome.changes) + " changed"
        report.status = verdict(outcome.changes == count)
    }

    private static func judgeValue(column: String, value: String, _ context: ClaimContext, _ report: inout ClaimReport) {
        report.expected = "\(column) = \(value)"
        var candidates: [SQLValue] = []
        for table in context.run.writtenTables.sorted() {
            guard let after = context.database.rows(ofTable: table),
                let values = RowChanges(before: context.before.rows(ofTable: table), after: after).added
                    .values(ofColumn: column)
            else { continue }
            candidates += values
        }
        if let (_, result) = lastQuery(context.run), let values = result.values(ofColumn: column) {
            candidates += values
        }
        guard !candidates.isEmpty else {
            report.reason = "no column \(column) among the rows the script changed or returned"
            return
        }
        report.actual = "\(column) = " + candidates.map(\.display).joined(separator: ", ")
        let wanted = ExpectedRows.canonical(value)
        report.status = verdict(candidates.contains { ExpectedRows.canonical($0) == wanted })
    }
}

/// The rows a script added to a table and those it removed (an update is one of each).
struct RowChanges {
    var added: ResultSet
    var removed: ResultSet

    init(before: ResultSet?, after: ResultSet) {
        var remaining = before?.rows ?? []
        var added: [[SQLValue]] = []
        for row in after.rows {
            if let index = remaining.firstIndex(of: row) { remaining.remove(at: index) } else { added.append(row) }
        }
        self.added = ResultSet(columns: after.columns, rows: added)
        self.removed = ResultSet(columns: after.columns, rows: remaining)
    }

    var isEmpty: Bool { added.rows.isEmpty && removed.rows.isEmpty }

    /// `-[1 | 500] +[1 | 400]`.
    var summary: String {
        let removed = removed.rows.map { "-[" + $0.map(\.display).joined(separator: " | ") + "]" }
        let added = added.rows.map { "+[" + $0.map(\.display).joined(separator: " | ") + "]" }
        return (removed + added).joined(separator: " ")
    }
}
