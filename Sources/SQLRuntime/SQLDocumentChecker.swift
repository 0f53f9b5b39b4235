import Foundation
public import VerifyCore

/// Runs the SQL of a document against an in-memory SQLite and judges what the text
/// claims about it.
///
/// ```swift
/// let result = SQLDocumentChecker().check(document, documentDirectory: "docs")
/// for (index, report) in result.snippetReports { print(index, report.status, report.reason ?? "") }
/// ```
///
/// Fixtures, in the order they are loaded:
/// 1. `SQLOptions.fixturePaths` (configuration): loaded into every document's database first.
/// 2. `<!-- verify: sql-fixture PATH -->` before a snippet, PATH relative to the document:
///    loaded just before that snippet (once per document).
/// 3. The fixtures folder (`fixtures/` beside the document unless the options name
///    another): each `*.sql` file is offered to a snippet that fails for want of a table
///    the file creates, and loaded then (once per document). Files of the folder are
///    never loaded otherwise, so a document that creates its own tables is not disturbed,
///    and non-SQL files of the folder (which Python snippets open) are ignored.
public struct SQLDocumentChecker: Sendable {
    public var options: SQLOptions

    public init(options: SQLOptions = .init()) {
        self.options = options
    }

    /// Runs every SQL snippet of the document in order against one in-memory database and
    /// returns a complete SnippetReport (status passed/failed/error/syntax-error/timeout/skipped,
    /// reason, context, durationSeconds, stdout = a rendering of the result sets, error with
    /// Markdown line+column, claims, findings) keyed by snippet.index, plus document-level
    /// findings (inline SQL in prose).
    public func check(_ document: Document, documentDirectory: String) -> SQLDocumentResult {
        var result = SQLDocumentResult()
        let sqlSnippets = document.snippets.filter { $0.language.name == Language.sql.name }
        result.documentFindings = InlineSQLChecker.findings(in: document.paragraphs, limits: options.limits)
            + engineFacts(in: document, besides: sqlSnippets)
        guard !sqlSnippets.isEmpty else { return result }

        let fixtures = FixtureSources(options: options, documentDirectory: documentDirectory)
        let database: DocumentDatabase
        do {
            database = try fixtures.openDatabase()
        } catch {
            for snippet in sqlSnippets {
                var report = SnippetCheck.skeleton(snippet)
                report.status = .error
                report.error = SnippetError(type: error.code.rawValue, message: error.message, line: snippet.line)
                result.snippetReports[snippet.index] = report
            }
            result.documentFindings += fixtures.findings
            return result
        }
        for snippet in sqlSnippets {
            let check = SnippetCheck(snippet: snippet, document: document, database: database, fixtures: fixtures)
            result.snippetReports[snippet.index] = check.run()
        }
        result.documentFindings += fixtures.findings
        return result
    }

    /// Engine-specific facts stated in paragraphs that are not claims of a SQL snippet.
    private func engineFacts(in document: Document, besides snippets: [Snippet]) -> [Finding] {
        let claimed = Set(snippets.flatMap(SQLClaimExtractor.claimParagraphs))
        var findings: [Finding] = []
        for paragraph in document.paragraphs where !claimed.contains(paragraph) {
            for (fact, range) in EngineFact.stated(in: paragraph.text) {
                let sentence = Prose.sentence(around: range, in: paragraph.text)
                findings.append(Finding(
                    rule: "sql-engine-specific", severity: .info, line: paragraph.line(of: range.lowerBound),
                    message: "engine-specific: " + fact.demonstrate(for: sentence, limits: options.limits),
                    notes: [sentence]))
            }
        }
        return findings
    }
}

/// The fixtures a document can use: those from configuration, those of its fixtures
/// folder, and those its directives name (read when first asked for). Lives for one
/// `check` call.
final class FixtureSources {
    static let rule = "sql-fixture"

    let options: SQLOptions
    let documentDirectory: String
    private(set) var configured: [SQLFixture] = []
    private(set) var folder: [SQLFixture] = []
    private var named: [String: SQLFixture] = [:]
    /// Document-level problems: configured or folder fixtures that cannot be read, or
    /// configured ones whose SQL fails.
    private(set) var findings: [Finding] = []
    private var openedOnce = false

    init(options: SQLOptions, documentDirectory: String) {
        self.options = options
        self.documentDirectory = documentDirectory
        for path in options.fixturePaths {
            read(path).map { configured.append($0) }
        }
        let directory = options.fixturesDirectory ?? (documentDirectory as NSString).appendingPathComponent("fixtures")
        for path in SQLFixture.files(in: directory) {
            read(path).map { folder.append($0) }
        }
    }

    /// A fresh database with the configured fixtures loaded; a standalone snippet gets one
    /// too. Their failures are reported once.
    func openDatabase() throws(SQLRuntimeError) -> DocumentDatabase {
        let database = try DocumentDatabase(limits: options.limits)
        let failures = load(configured, into: database, line: 1)
        if !openedOnce { findings += failures }
        openedOnce = true
        return database
    }

    /// The fixture a directive names, relative to the document, or why it cannot be read.
    func named(_ path: String) -> Result<SQLFixture, SQLRuntimeError> {
        let resolved = path.hasPrefix("/") ? path : (documentDirectory as NSString).appendingPathComponent(path)
        if let fixture = named[resolved] { return .success(fixture) }
        do {
            let fixture = try SQLFixture(path: resolved, limits: options.limits)
            named[resolved] = fixture
            return .success(fixture)
        } catch {
            return .failure(error)
        }
    }

    /// Folder fixtures not loaded yet that create one of these tables.
    func offered(for tables: [String], in database: DocumentDatabase) -> [SQLFixture] {
        let wanted = Set(tables.map { $0.lowercased() })
        return folder.filter { !database.loadedFixtures.contains($0.path) && !$0.createdTables.isDisjoint(with: wanted) }
    }

    /// Loads fixtures into a database; a finding at `line` for each whose SQL fails.
    func load(_ fixtures: [SQLFixture], into database: DocumentDatabase, line: Int) -> [Finding] {
        fixtures.compactMap { fixture in
            database.load(fixture).map { failure(of: fixture, $0, line: line) }
        }
    }

    /// The path as reports show it: relative to the document when it lies below it.
    func display(_ path: String) -> String {
        let prefix = documentDirectory.hasSuffix("/") ? documentDirectory : documentDirectory + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    private func read(_ path: String) -> SQLFixture? {
        do {
            return try SQLFixture(path: path, limits: options.limits)
        } catch {
            findings.append(Finding(rule: Self.rule, severity: .error, line: 1, message: error.message))
            return nil
        }
    }

    /// The finding for a fixture whose SQL fails.
    func failure(of fixture: SQLFixture, _ failure: StatementFailure, line: Int) -> Finding {
        let fixtureLine = LineIndex(fixture.sql).position(of: failure.offset).line
        return Finding(
            rule: Self.rule, severity: .error, line: line,
            message: "SQL fixture \(display(fixture.path)) fails at its line \(fixtureLine): \(failure.message)")
    }
}
