public import VerifyCore

/// How SQL snippets are run: where fixtures come from, and the limits of each run.
public struct SQLOptions: Sendable, Hashable {
    /// SQL files loaded into every document's database before its first snippet (from
    /// configuration). Relative paths are taken from the current directory.
    public var fixturePaths: [String]
    /// The folder whose `*.sql` files are offered to snippets that miss a table; nil means
    /// `fixtures/` beside the document.
    public var fixturesDirectory: String?
    public var limits: SQLLimits

    public init(
        fixturePaths: [String] = [], fixturesDirectory: String? = nil, timeoutSeconds: Double = 5,
        limits: SQLLimits = .init()
    ) {
        self.fixturePaths = fixturePaths
        self.fixturesDirectory = fixturesDirectory
        self.limits = limits
        self.limits.timeoutSeconds = timeoutSeconds
    }
}

/// The verdicts on a document's SQL: one complete report per SQL snippet, keyed by
/// `Snippet.index`, and the findings that belong to the prose (inline statements,
/// engine-specific facts).
public struct SQLDocumentResult: Sendable, Hashable {
    public var snippetReports: [Int: SnippetReport]
    public var documentFindings: [Finding]

    public init(snippetReports: [Int: SnippetReport] = [:], documentFindings: [Finding] = []) {
        self.snippetReports = snippetReports
        self.documentFindings = documentFindings
    }
}
