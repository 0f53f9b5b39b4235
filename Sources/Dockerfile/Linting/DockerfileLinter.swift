public import Foundation
public import VerifyCore

/// Lints Dockerfile snippets with BuildKit's grammar and hadolint's and BuildKit's rules,
/// plus checks against the rest of the document (does the Python define the app the
/// `CMD` serves? what must `requirements.txt` list?). Nothing is built or run.
///
/// ```swift
/// let linter = DockerfileLinter(severityOverrides: ["DL3059": .warning], ignoredRules: ["DL3008"])
/// let findings = linter.lint(snippet, in: document)
/// ```
///
/// A rule is not reported when its ID or alias is in `ignoredRules` (the project's
/// configuration), in `ignoring` (the caller's, such as the snippet's `ignore` directive),
/// in the snippet's own `<!-- verify: ignore … -->` directive, in a `# check=skip=…` parser
/// directive, or in a `# hadolint ignore=…` comment just above the instruction.
public struct DockerfileLinter: Sendable {
    public let today: Date
    public let severityOverrides: [String: Finding.Severity]
    public let ignoredRules: Set<String>

    /// - Parameters:
    ///   - today: the date end-of-life dates are judged against.
    ///   - severityOverrides: severities by rule ID or alias, replacing the defaults.
    ///   - ignoredRules: rule IDs or aliases never reported.
    public init(today: Date = Date(), severityOverrides: [String: Finding.Severity] = [:], ignoredRules: Set<String> = []) {
        self.today = today
        self.severityOverrides = severityOverrides
        self.ignoredRules = ignoredRules
    }

    /// Every rule: ID, default severity, summary and examples — for the README and `--list-rules`.
    public static var rules: [RuleDescription] { RuleRegistry.rules.map { $0.description } }

    /// Findings for one dockerfile snippet, at Markdown lines; `document` gives the other snippets for cross-snippet checks.
    public func lint(_ snippet: Snippet, in document: Document, ignoring: Set<String> = []) -> [Finding] {
        let dockerfile = DockerfileParser().parse(snippet)
        let context = LintContext(dockerfile: dockerfile, snippet: snippet, document: document, today: today)
        let ignored = ignoredRules.union(ignoring).union(Self.directiveIgnores(snippet)).union(Self.checkDirectiveSkips(dockerfile))
        var findings: [Finding] = []
        for rule in RuleRegistry.rules {
            let description = rule.description
            guard !ignored.contains(where: description.isNamed) else { continue }
            for violation in rule.check(context) where !Self.isSuppressedInline(description, at: violation.line, in: dockerfile) {
                findings.append(Finding(
                    rule: description.id, severity: severity(of: description), line: violation.line,
                    column: violation.column, message: violation.message, notes: violation.notes))
            }
        }
        return findings.sorted { ($0.line, $0.rule) < ($1.line, $1.rule) }
    }

    private func severity(of description: RuleDescription) -> Finding.Severity {
        severityOverrides.first { description.isNamed($0.key) }?.value ?? description.severity
    }

    /// Arguments of the snippet's `ignore` directives.
    static func directiveIgnores(_ snippet: Snippet) -> Set<String> {
        Set(DirectiveParser.directives(for: snippet).directives.filter { $0.name == .ignore }
            .flatMap { $0.arguments.flatMap { $0.split(separator: ",").map(String.init) } })
    }

    /// Check names in BuildKit's `# check=skip=A,B;error=true` directive.
    static func checkDirectiveSkips(_ dockerfile: ParsedDockerfile) -> Set<String> {
        guard let value = dockerfile.directive("check")?.value else { return [] }
        let skips = value.split(separator: ";").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("skip=") }
        return Set(skips.map { $0.trimmingCharacters(in: .whitespaces).dropFirst(5).split(separator: ",").map(String.init) } ?? [])
    }

    /// Whether a `# hadolint ignore=…` comment above the instruction at `line` names the rule.
    static func isSuppressedInline(_ description: RuleDescription, at line: Int, in dockerfile: ParsedDockerfile) -> Bool {
        guard let instruction = dockerfile.instructions.first(where: { $0.line <= line && line <= $0.endLine }) else { return false }
        return instruction.comments.contains { comment in
            let words = comment.text.split(whereSeparator: \.isWhitespace)
            guard words.first == "hadolint", let setting = words.dropFirst().first, setting.hasPrefix("ignore=") else { return false }
            return setting.dropFirst(7).split(separator: ",").contains { description.isNamed(String($0)) }
        }
    }
}
