/// What happened to a snippet, as it appears in every report.
public enum SnippetStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Ran without error and every checked claim holds.
    case passed
    /// Ran, but a claim about it fails or a finding is at error level.
    case failed
    /// Raised an exception.
    case error
    /// Did not compile: SyntaxError or IndentationError.
    case syntaxError = "syntax-error"
    /// Overran its time limit and was stopped.
    case timeout
    /// Took its worker down: a signal, an exit, a closed channel.
    case crashed
    /// Not run, with a reason such as `missing-dependency: gevent`.
    case skipped

    /// Whether this status fails the content gate.
    public var failsGate: Bool {
        switch self {
        case .passed, .skipped: false
        case .failed, .error, .syntaxError, .timeout, .crashed: true
        }
    }
}

/// Whether a snippet ran on its own or with the names of earlier snippets of its document.
public enum RunContext: String, Sendable, Hashable, Codable {
    case standalone
    case document
}
