import Foundation
public import VerifyCore

/// Checks shell snippets without running them: strips prompts and output, runs
/// shellcheck on the script when it is installed, flags what breaks a copied command
/// (placeholders, typographic quotes, invisible spaces, Windows paths), reports blocks
/// tagged as shell that are something else, and says which commands need a Docker
/// engine, a Kubernetes cluster or the network.
///
/// ```swift
/// let result = ShellSnippetChecker().check(snippet)
/// result.findings      // SC2086 at line 14, placeholder at line 15, …
/// result.requirements  // ["kubernetes", "network"]
/// ```
public struct ShellSnippetChecker: Sendable {
    /// shellcheck's executable; `nil` checks without it.
    public let shellcheckPath: String?

    public init(shellcheckPath: String? = ShellSnippetChecker.findShellcheck()) {
        self.shellcheckPath = shellcheckPath
    }

    /// The rules verify adds to shellcheck's, for the README and `--list-rules`.
    public static var rules: [ShellRuleDescription] { ruleTypes.map { $0.description } + [misTagged] }

    static let ruleTypes: [any ShellRule.Type] = [PlaceholderRule.self, SmartQuoteRule.self, NonBreakingSpaceRule.self, WindowsPathRule.self]

    static let misTagged = ShellRuleDescription(
        id: "mis-tagged", severity: .warning,
        summary: "A block tagged as shell that is something else (a directory tree, Python, JSON, YAML).",
        examples: [])

    /// `shellcheck` on `PATH`, if any.
    public static func findShellcheck() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/shellcheck" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public func check(_ snippet: Snippet) -> ShellCheckResult {
        if let content = MisTaggedDetector.detect(snippet.code) {
            let tag = snippet.info.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? "shell"
            let finding = Finding(
                rule: Self.misTagged.id, severity: Self.misTagged.severity, line: snippet.line, column: snippet.fenceColumn,
                message: "block tagged \(tag) is \(content.rawValue), not shell; tag it \(content.suggestedTag)")
            return ShellCheckResult(findings: [finding], isMisTagged: true)
        }
        let transcript = ShellTranscript(snippet.code)
        var findings: [Finding] = []
        var superseded: Set<String> = []
        for rule in Self.ruleTypes {
            for violation in rule.check(transcript) {
                let line = snippet.documentLine(forCodeLine: violation.codeLine)
                findings.append(Finding(
                    rule: rule.description.id, severity: rule.description.severity, line: line,
                    column: violation.column, message: violation.message))
                superseded.formUnion(violation.supersedes.map { "\($0)@\(line)" })
            }
        }
        findings += shellcheckFindings(transcript, snippet).filter { !superseded.contains("\($0.rule)@\($0.line)") }
        let requirements = CommandRequirements.find(in: transcript, documentLine: snippet.documentLine(forCodeLine:))
        return ShellCheckResult(
            findings: findings.sorted { ($0.line, $0.column ?? 0, $0.rule) < ($1.line, $1.column ?? 0, $1.rule) },
            commandRequirements: requirements)
    }

    private func shellcheckFindings(_ transcript: ShellTranscript, _ snippet: Snippet) -> [Finding] {
        guard let shellcheckPath, !transcript.commandLines.allSatisfy({ $0.text.allSatisfy(\.isWhitespace) }),
            let comments = ShellcheckRunner(path: shellcheckPath).run(transcript.script)
        else { return [] }
        return comments.map { comment in
            let line = transcript.lines.indices.contains(comment.line - 1) ? transcript.lines[comment.line - 1] : nil
            return Finding(
                rule: "SC\(comment.code)", severity: ShellcheckRunner.severity(comment.level),
                line: snippet.documentLine(forCodeLine: comment.line), column: comment.column + (line?.promptWidth ?? 0),
                message: comment.message)
        }
    }
}
