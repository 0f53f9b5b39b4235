public import VerifyCore

/// One thing in a report that a CI system should point at: a snippet that fails the
/// gate, a failing claim, a finding, or an input that could not be read.
///
/// The SARIF results, the GitHub annotations and the step summary are all this list,
/// so every format names the same problems at the same lines.
public struct Problem: Sendable, Hashable {
    /// How serious it is, in SARIF's words (GitHub calls `note` a notice).
    public enum Level: String, Sendable, Hashable {
        case error, warning, note

        init(_ severity: Finding.Severity) {
            switch severity {
            case .error: self = .error
            case .warning: self = .warning
            case .info: self = .note
            }
        }
    }

    public var path: String
    /// 1-based line in the Markdown file; nil for an input that could not be read.
    public var line: Int?
    public var column: Int?
    public var rule: ProblemRule
    public var level: Level
    /// What happened, possibly over several lines (expected and actual for a claim).
    public var message: String

    public init(path: String, line: Int?, column: Int? = nil, rule: ProblemRule, level: Level, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.rule = rule
        self.level = level
        self.message = message
    }
}

extension Report {
    /// Every problem of the run: unreadable inputs first, then each document's by line.
    public var problems: [Problem] {
        inputErrors.map {
            Problem(path: $0.path, line: nil, rule: .inputError, level: .error, message: $0.message)
        } + documents.flatMap(\.problems)
    }
}

extension DocumentReport {
    /// The document's findings, its failing snippets and claims, in order of line.
    public var problems: [Problem] {
        let all = findings.map { Problem($0, in: path) }
            + snippets.flatMap { $0.problems(in: path) }
            + claims.filter { $0.status == .fails }.map { Problem($0, in: path) }
        return all.enumerated()
            .sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }
            .map(\.element)
    }
}

extension SnippetReport {
    /// The snippet's own failure (unless failing claims or findings say it all), its
    /// failing claims and its findings.
    public func problems(in path: String) -> [Problem] {
        let claims = claims.filter { $0.status == .fails }.map { Problem($0, in: path) }
        let findings = findings.map { Problem($0, in: path) }
        let explained = !claims.isEmpty || findings.contains { $0.level == .error }
        guard status.failsGate, status != .failed || !explained else { return claims + findings }
        var message = reason ?? error.map { "\($0.type): \($0.message)" } ?? status.rawValue
        if context == .document { message += " (run after the document's earlier snippets)" }
        let own = Problem(
            path: path, line: error?.line ?? line, column: error?.column, rule: .snippet(status), level: .error,
            message: message)
        return [own] + claims + findings
    }
}

extension Problem {
    init(_ claim: ClaimReport, in path: String) {
        let message = ([claim.headline] + claim.explanation).joined(separator: "\n")
        self.init(path: path, line: claim.line, rule: .claim(claim.kind), level: .error, message: message)
    }

    init(_ finding: Finding, in path: String) {
        let message = ([finding.message] + finding.notes).joined(separator: "\n")
        self.init(
            path: path, line: finding.line, column: finding.column, rule: .finding(finding),
            level: Level(finding.severity), message: message)
    }
}
