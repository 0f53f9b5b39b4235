public import VerifyCore

/// The kind of a `Problem`: a stable identifier CI systems group and filter by, such as
/// `snippet/timeout`, `claim/stdout` or a lint rule's own id (`DL3006`).
public struct ProblemRule: Sendable, Hashable {
    /// The stable identifier: SARIF's `ruleId`.
    public var id: String
    /// A PascalCase name, as SARIF's `reportingDescriptor.name` wants.
    public var name: String
    /// A few words, used as the title of an annotation.
    public var title: String
    /// One sentence saying what the rule means.
    public var summary: String
    public var level: Problem.Level

    public init(id: String, name: String, title: String, summary: String, level: Problem.Level) {
        self.id = id
        self.name = name
        self.title = title
        self.summary = summary
        self.level = level
    }

    /// The rule for a snippet status that fails the gate.
    public static func snippet(_ status: SnippetStatus) -> ProblemRule {
        switch status {
        case .error:
            rule("snippet/error", "SnippetRaised", "snippet raised an exception",
                 "A snippet raised an exception that escaped it.")
        case .syntaxError:
            rule("snippet/syntax-error", "SnippetDoesNotCompile", "snippet does not compile",
                 "A snippet does not compile: SyntaxError or IndentationError.")
        case .timeout:
            rule("snippet/timeout", "SnippetTimedOut", "snippet timed out",
                 "A snippet was still running at its time limit and was stopped.")
        case .crashed:
            rule("snippet/crashed", "SnippetCrashed", "snippet crashed",
                 "A snippet took its worker down: a signal, an exit with a non-zero status, a closed channel.")
        case .failed, .passed, .skipped:
            rule("snippet/failed", "SnippetFailed", "snippet failed",
                 "A snippet ran, but something about it fails the gate.")
        }
    }

    /// The rule for a failing claim of one kind.
    public static func claim(_ kind: ClaimReport.Kind) -> ProblemRule {
        let summary: String
        switch kind {
        case .stdout: summary = "What the text says a snippet prints is not what it prints."
        case .value: summary = "A value the text states is not the value the snippet computes."
        case .raises: summary = "The text says a statement raises an exception, and it does not raise it."
        case .doctest: summary = "A doctest example in the text gives another result."
        case .prose: summary = "A statement in the prose about a snippet's result does not hold."
        case .sqlResult: summary = "A query's stated result is not what the database returns."
        case .performance: summary = "A performance statement in the text does not hold when measured."
        case .http: summary = "A GET route of a web application the snippet defines does not answer 2xx."
        case .test: summary = "A test function the snippet defines fails."
        }
        let name = kind.rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return rule("claim/\(kind.rawValue)", "\(name)ClaimFails", "\(kind.rawValue) claim fails", summary)
    }

    /// A document or path that could not be read at all.
    public static let inputError = rule(
        "input-error", "InputError", "input error", "A path could not be read as a Markdown document.")

    /// Every rule verify itself defines, in a stable order.
    public static var builtIn: [ProblemRule] {
        [.error, .syntaxError, .timeout, .crashed, .failed].map(snippet)
            + ClaimReport.Kind.allCases.map(claim) + [inputError]
    }

    /// The rule of a finding, known only by its id: its first message describes it.
    static func finding(_ finding: Finding) -> ProblemRule {
        ProblemRule(id: finding.rule, name: finding.rule, title: finding.rule, summary: finding.message,
                    level: Problem.Level(finding.severity))
    }

    private static func rule(_ id: String, _ name: String, _ title: String, _ summary: String) -> ProblemRule {
        ProblemRule(id: id, name: name, title: title, summary: summary, level: .error)
    }
}
