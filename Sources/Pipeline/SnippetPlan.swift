import Foundation
public import VerifyCore

/// What will be done with a snippet, decided before anything runs.
public enum SnippetPlan: Sendable, Hashable {
    /// Run through the embedded CPython (as a module, or as a doctest session).
    case python
    /// Parsed and linted, never run: no Docker engine is involved.
    case lintDockerfile
    /// Checked with shellcheck and verify's own shell rules, never run.
    case checkShell
    /// Run against the document's in-memory SQLite database.
    case sql
    /// Not run, with the reason the report gives.
    case skip(String)
}

/// Decides each snippet's plan from its language, its fence and its directives.
public struct SnippetPlanner: Sendable {
    public init() {}

    public func plan(_ snippet: Snippet, directives: [Directive] = []) -> SnippetPlan {
        if !snippet.isClosed { return .skip("unclosed-fence") }
        if directives.last(.skip) != nil { return .skip("directive: skip") }
        switch snippet.language.name {
        case "python":
            if snippet.code.allSatisfy(\.isWhitespace) { return .skip("empty") }
            return .python
        case "dockerfile":
            return .lintDockerfile
        case "shell":
            return .checkShell
        case "sql":
            return .sql
        default:
            return .skip("not-executable: \(snippet.language.name)")
        }
    }
}
