public import VerifyCore

/// A check over a shell block's command lines. Each lives in its own file under `Rules/`
/// with examples the tests run, and is listed in `ShellSnippetChecker.ruleTypes`.
protocol ShellRule: Sendable {
    static var description: ShellRuleDescription { get }
    static func check(_ transcript: ShellTranscript) -> [ShellViolation]
}

/// What a shell rule checks, with examples: lines where it must fire start with `↓`.
public struct ShellRuleDescription: Sendable, Hashable, Identifiable {
    public var id: String
    public var severity: Finding.Severity
    public var summary: String
    /// Shell blocks; each line on which the rule must fire starts with `↓`.
    public var examples: [String]

    public init(id: String, severity: Finding.Severity, summary: String, examples: [String]) {
        self.id = id
        self.severity = severity
        self.summary = summary
        self.examples = examples
    }
}

/// Where a shell rule fires: a line of the snippet, a column in it, and the message.
struct ShellViolation {
    var codeLine: Int
    var column: Int?
    var message: String
    /// shellcheck codes that report the same thing, left out on this line.
    var supersedes: [String] = []
}

extension ShellTranscript {
    /// Each command line's characters matching `isHazard`, as (line, 1-based column in the block, character).
    func characters(where isHazard: (Character) -> Bool) -> [(line: Line, column: Int, character: Character)] {
        commandLines.flatMap { line in
            line.text.enumerated().filter { isHazard($0.element) }.map { (line, line.promptWidth + $0.offset + 1, $0.element) }
        }
    }
}
