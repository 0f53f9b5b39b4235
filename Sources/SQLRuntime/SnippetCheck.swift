import Foundation
import VerifyCore

/// Checks one SQL snippet against its document's database: plan (skip, dialect), fixtures,
/// the run, a retry with folder fixtures when a table is missing, verdict and claims.
struct SnippetCheck {
    let snippet: Snippet
    let document: Document
    let database: DocumentDatabase
    let fixtures: FixtureSources

    static func skeleton(_ snippet: Snippet) -> SnippetReport {
        SnippetReport(
            line: snippet.line, endLine: snippet.endLine, language: snippet.language.name,
            dialect: snippet.language.dialect, heading: snippet.heading, status: .skipped)
    }

    func run() -> SnippetReport {
        var report = Self.skeleton(snippet)
        let claims = SQLClaimExtractor.claims(for: snippet, in: document)
        let directives = DirectiveParser.directives(for: snippet).directives
        let constructs = DialectDetector.constructs(in: snippet.code)
        report.findings = constructs.filter(\.isTrap).map(trapFinding)
        if let reason = skipReason(directives: directives, constructs: constructs) {
            return skipped(report, reason: reason, claims: claims)
        }

        let standalone = directives.last(.context)?.arguments.first?.lowercased() == RunContext.standalone.rawValue
        guard let database = standalone ? try? fixtures.openDatabase() : database else {
            return failed(report, SnippetError(type: "open-failed", message: "cannot open an in-memory database", line: snippet.line), claims)
        }
        if let directive = directives.last(.sqlFixture) {
            if let error = loadNamedFixture(directive, into: database, findings: &report.findings) {
                return failed(report, error, claims)
            }
        }
        if let seconds = directives.last(.timeout)?.seconds {
            database.connection.timeoutSeconds = seconds
        }
        defer { database.connection.timeoutSeconds = fixtures.options.limits.timeoutSeconds }

        guard var before = try? database.connection.copy() else {
            return failed(report, SnippetError(type: "backup-failed", message: "cannot copy the database", line: snippet.line), claims)
        }
        var run = database.connection.execute(snippet.code)
        let references = SchemaReferences(snippet.code)
        if run.failure?.isMissingSchema == true {
            let missing = references.tables.map(\.name).filter { !database.hasTable($0) }
            let offered = fixtures.offered(for: missing, in: database)
            if !offered.isEmpty, (try? database.connection.restore(from: before)) != nil {
                report.findings += fixtures.load(offered, into: database, line: snippet.line)
                report.findings += offered.map { fixture in
                    Finding(
                        rule: FixtureSources.rule, severity: .info, line: snippet.line,
                        message: "loaded \(fixtures.display(fixture.path)) for \(missing.joined(separator: ", "))")
                }
                before = (try? database.connection.copy()) ?? before
                run = database.connection.execute(snippet.code)
            }
        }
        report.durationSeconds = run.durationSeconds
        if let reason = needsFixture(run, references) {
            try? database.connection.restore(from: before)
            if let syntax = database.connection.prepareEach(snippet.code).first(where: { $0.kind == .syntax }) {
                return failed(report, error(syntax), claims, status: .syntaxError)
            }
            return skipped(report, reason: reason, claims: claims)
        }
        return finish(report, run: run, before: before, claims: claims, directives: directives, in: database)
    }

    /// The verdict on a script that ran (to its end or to a failure).
    private func finish(
        _ report: SnippetReport, run: ScriptRun, before: SQLiteConnection, claims: [SQLClaim],
        directives: [Directive], in database: DocumentDatabase
    ) -> SnippetReport {
        var report = report
        let resultSets = run.resultSets
        report.stdout = resultSets.isEmpty ? nil : resultSets.map { $0.rendered() }.joined(separator: "\n\n") + "\n"
        let failure = run.failure
        let expected = failure.map { expectsFailure($0, directives: directives, claims: claims) } ?? false
        let context = ClaimContext(
            snippet: snippet, code: snippet.code, run: run, database: database.connection, before: before,
            limits: fixtures.options.limits, targetEngine: targetEngine,
            stopped: failure.map { "\($0.message) at line \(error($0).line ?? snippet.line)" })
        report.claims = claims.map { SQLClaimJudge.judge($0, in: context) }
        if database.connection.inTransaction {
            if failure == nil {
                report.findings.append(Finding(
                    rule: "sql-open-transaction", severity: .info, line: snippet.line,
                    message: "the script leaves a transaction open; it is rolled back before the next snippet"))
            }
            database.connection.rollbackOpenTransaction()
        }
        let used = run.readTables.union(run.writtenTables).compactMap(database.origin(of:))
        report.context = used.contains { if case .snippet(let index) = $0 { index != snippet.index } else { false } }
            ? .document : .standalone
        database.noteNewTables(origin: .snippet(snippet.index))

        if let failure {
            report.error = error(failure)
            if !expected {
                switch failure.kind {
                case .syntax: report.status = .syntaxError
                case .timeout:
                    report.status = .timeout
                    let seconds = database.connection.timeoutSeconds
                    let shown = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
                    report.reason = "still running after \(shown) s; stopped"
                default: report.status = .error
                }
                return report
            }
        }
        report.status = report.claims.contains { $0.status == .fails } ? .failed : .passed
        return report
    }

    private func skipReason(directives: [Directive], constructs: [DialectConstruct]) -> String? {
        if !snippet.isClosed { return "unclosed-fence" }
        if directives.last(.skip) != nil { return "directive: skip" }
        if snippet.code.allSatisfy(\.isWhitespace) { return "empty" }
        if let dialect = snippet.language.dialect, dialect != "sqlite" {
            let construct = constructs.first { $0.dialect == dialect } ?? constructs.first
            return "dialect \(dialect) (" + (construct.map(describe) ?? "info string") + ")"
        }
        if let construct = constructs.first(where: { !$0.isTrap }) {
            return "dialect \(construct.dialect) (\(describe(construct)))"
        }
        return nil
    }

    private func describe(_ construct: DialectConstruct) -> String {
        "\(construct.construct) at line \(location(construct.offset).line)"
    }

    /// The Markdown line and column of a byte offset in the snippet's code.
    private func location(_ offset: Int) -> (line: Int, column: Int) {
        let (line, column) = LineIndex(snippet.code).position(of: offset)
        return (snippet.documentLine(forCodeLine: line), snippet.documentColumn(forCodeColumn: column))
    }

    private func error(_ failure: StatementFailure) -> SnippetError {
        let (line, column) = location(failure.offset)
        return SnippetError(type: SQLiteConnection.codeName(failure.code), message: failure.message, line: line, column: column)
    }

    private func trapFinding(_ construct: DialectConstruct) -> Finding {
        let column = construct.column ?? "the column"
        let written = construct.construct == "AUTO_INCREMENT" ? "AUTO_INCREMENT (MySQL)" : "\(construct.construct) (PostgreSQL)"
        let (line, position) = location(construct.offset)
        return Finding(
            rule: "sql-not-rowid-alias", severity: .warning, line: line, column: position,
            message: "SQLite accepts \(written) as part of a type name, but \(column) is then no alias of the rowid: "
                + "it stays NULL when an INSERT leaves it out; write `\(column) INTEGER PRIMARY KEY`")
    }

    /// `needs-fixture: …` when the script failed only for want of tables (or of columns of
    /// tables the document did not create itself).
    private func needsFixture(_ run: ScriptRun, _ references: SchemaReferences) -> String? {
        guard let failure = run.failure else { return nil }
        switch failure.kind {
        case .missingTable(let name):
            var missing = references.tables.map(\.name).filter { !database.hasTable($0) }
            if missing.isEmpty { missing = [name] }
            return "needs-fixture: " + references.describe(tables: missing)
        case .missingColumn(let column):
            let used = references.tables.map(\.name).filter { database.hasTable($0) }
            let fromDocument = used.contains { if case .snippet = database.origin(of: $0) { true } else { false } }
            guard !fromDocument, !used.isEmpty else { return nil }
            return "needs-fixture: " + references.describe(tables: used) + "; no such column: \(column)"
        default:
            return nil
        }
    }

    /// Whether the text expects this failure: an `expect-error` directive naming it (or
    /// naming nothing), or a claim that the transaction rolls back.
    private func expectsFailure(_ failure: StatementFailure, directives: [Directive], claims: [SQLClaim]) -> Bool {
        guard failure.kind == .other else { return false }
        if let directive = directives.last(.expectError) {
            guard let wanted = directive.arguments.first else { return true }
            let name = SQLiteConnection.codeName(failure.code)
            return name.localizedCaseInsensitiveContains(wanted) || failure.message.localizedCaseInsensitiveContains(wanted)
        }
        return claims.contains { if case .transaction = $0.expectation { true } else { false } }
    }

    private func loadNamedFixture(_ directive: Directive, into database: DocumentDatabase, findings: inout [Finding]) -> SnippetError? {
        guard let path = directive.arguments.first else {
            return SnippetError(type: "fixture", message: "sql-fixture needs a path", line: directive.line)
        }
        switch fixtures.named(path) {
        case .failure(let error):
            return SnippetError(type: "fixture", message: error.message, line: directive.line)
        case .success(let fixture):
            let problems = fixtures.load([fixture], into: database, line: directive.line)
            findings += problems
            return problems.first.map { SnippetError(type: "fixture", message: $0.message, line: directive.line) }
        }
    }

    /// The engine the text is about when it names one other than SQLite.
    private var targetEngine: String? {
        let engines: [(String, String)] = [
            ("postgres", "PostgreSQL"), ("mysql", "MySQL"), ("mariadb", "MariaDB"), ("sql server", "SQL Server"),
            ("t-sql", "SQL Server"), ("oracle", "Oracle"),
        ]
        let texts = snippet.headings.map(\.text) + [snippet.paragraphBefore?.text ?? ""]
        for text in texts.reversed() {
            let lowered = text.lowercased()
            if let (_, name) = engines.first(where: { lowered.contains($0.0) }) { return name }
        }
        return nil
    }

    private func skipped(_ report: SnippetReport, reason: String, claims: [SQLClaim]) -> SnippetReport {
        var report = report
        report.status = .skipped
        report.reason = reason
        report.claims = claims.map { claim in
            if case .engineFact(let fact) = claim.expectation {
                return SQLClaimJudge.judge(fact, claim, limits: fixtures.options.limits)
            }
            return unchecked(claim, "the snippet was not run: \(reason)")
        }
        return report
    }

    private func failed(
        _ report: SnippetReport, _ error: SnippetError, _ claims: [SQLClaim], status: SnippetStatus = .error
    ) -> SnippetReport {
        var report = report
        report.status = status
        report.error = error
        report.claims = claims.map { unchecked($0, "the snippet did not run: \(error.message)") }
        return report
    }

    private func unchecked(_ claim: SQLClaim, _ reason: String) -> ClaimReport {
        ClaimReport(line: claim.line, kind: .sqlResult, text: claim.text, expected: nil, actual: nil, status: .unchecked, reason: reason)
    }
}
