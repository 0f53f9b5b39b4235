import VerifyCore

/// Judges "all or nothing" and "rolled back" claims by experiment: the script runs again
/// on a copy of the database as it was before it, with one statement failing, and going
/// on after the failure as a SQL console does; whatever transaction is still open at the
/// end is rolled back, as when a session closes. The claim holds when every table the
/// script writes is then as it was before.
///
/// The failing statement is the one the text names ("if the second UPDATE fails"), else
/// the one that fails when the script runs as written. A script that fails nowhere but
/// ends its transaction with its own ROLLBACK is judged as it ran. When the text names no
/// failing statement and none fails, the claim stays unchecked; the experiment still runs
/// with the last row-changing statement failing, and its outcome is reported.
struct TransactionExperiment {
    let context: ClaimContext

    func judge(_ claim: SQLClaim, failing named: NamedStatement?) -> ClaimReport {
        var report = ClaimReport(
            line: claim.line, kind: .sqlResult, text: claim.text,
            expected: "a failing statement leaves every table as it was", actual: nil, status: .unchecked)
        let natural = context.run.statements.firstIndex { $0.failure?.kind == .other }
        if let stopped = context.stopped, natural == nil {
            report.reason = "the script did not run to its end: \(stopped)"
            return report
        }
        let statements = SQLStatementSplitter.statements(context.code)
        guard statements.contains(where: { ["BEGIN", "SAVEPOINT"].contains($0.keyword) }) else {
            report.reason = "the script opens no transaction (no BEGIN or SAVEPOINT)"
            return report
        }
        let changing = statements.indices.filter { statements[$0].changesRows }
        let rollback = statements.firstIndex { $0.keyword == "ROLLBACK" && !$0.tokens.contains { $0.isWord("TO") } }
        if named == nil, natural == nil, let rollback {
            let changes = changes(in: context.run.writtenTables, after: context.database)
            let line = line(of: statements[rollback])
            report.expected = "the script's ROLLBACK leaves every table as it was"
            report.actual = changes.isEmpty
                ? "after the ROLLBACK at line \(line), every table is as before"
                : "after the ROLLBACK at line \(line), " + Self.describe(changes)
            report.status = changes.isEmpty ? .holds : .fails
            return report
        }
        var target: Int?
        if let named {
            let candidates = changing.filter { named.kind == nil || statements[$0].changeKind == named.kind }
            let position = named.ordinal == 0 ? candidates.count - 1 : named.ordinal - 1
            guard candidates.indices.contains(position) else {
                report.reason = "the script has no \(describe(named)) statement"
                return report
            }
            // The named statement fails by itself: let it, since how it fails matters (OR ROLLBACK).
            target = candidates[position] == natural ? nil : candidates[position]
        } else if natural == nil {
            target = changing.last
        }
        guard let (changes, failingText) = experiment(statements, injecting: target, natural: natural) else {
            report.reason = "the experiment could not run: the database could not be copied"
            return report
        }
        let changed = changes
        report.actual = changed.isEmpty
            ? "with \(failingText) failing, every table is as before"
            : "with \(failingText) failing, " + Self.describe(changed)
        let sqliteBehaviour = "in SQLite a failing statement does not end the transaction, so COMMIT keeps the statements that succeeded"
        if named == nil, natural == nil {
            report.reason = "the text does not say which statement fails"
                + (changed.isEmpty ? "" : "; engine-specific: \(sqliteBehaviour)")
        } else if changed.isEmpty {
            report.status = .holds
        } else if let engine = context.targetEngine {
            report.reason = "engine-specific: \(sqliteBehaviour); the text is about \(engine)"
        } else {
            report.status = .fails
            report.reason = sqliteBehaviour
        }
        return report
    }

    /// Runs the script on a copy of the database from before it, making `target` fail (or
    /// letting the natural failure happen), and returns the changes per written table.
    private func experiment(
        _ statements: [StatementSpan], injecting target: Int?, natural: Int?
    ) -> ([String: RowChanges], String)? {
        guard let scratch = try? context.before.copy() else { return nil }
        let run = scratch.execute(context.code, continueAfterErrors: true) { index, _ in index == target }
        scratch.rollbackOpenTransaction()
        let changes = changes(in: run.writtenTables, after: scratch)
        let index = target ?? natural ?? 0
        let failing = statements.indices.contains(index) ? statements[index] : nil
        let line = failing.map(line(of:))
        let ordinal = failing.map { statement in
            statements[...index].filter { $0.keyword == statement.keyword }.count
        } ?? 0
        let text = "the \(Self.ordinalWord(ordinal)) \(failing?.keyword ?? "statement")" + (line.map { " (line \($0))" } ?? "")
        return (changes, text)
    }

    /// The tables among `tables` that differ in `after` from the database before the script.
    private func changes(in tables: Set<String>, after: SQLiteConnection) -> [String: RowChanges] {
        var changes: [String: RowChanges] = [:]
        for table in tables {
            guard let rows = after.rows(ofTable: table) else { continue }
            let change = RowChanges(before: context.before.rows(ofTable: table), after: rows)
            if !change.isEmpty { changes[table] = change }
        }
        return changes
    }

    private static func describe(_ changes: [String: RowChanges]) -> String {
        changes.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.summary)" }.joined(separator: "; ")
    }

    private func line(of statement: StatementSpan) -> Int {
        context.snippet.documentLine(forCodeLine: LineIndex(context.code).position(of: statement.start).line)
    }

    private func describe(_ named: NamedStatement) -> String {
        "\(named.ordinal == 0 ? "last" : Self.ordinalWord(named.ordinal)) \(named.kind ?? "row-changing")"
    }

    private static func ordinalWord(_ number: Int) -> String {
        let words = [1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"]
        return words[number] ?? "#\(number)"
    }
}
