public import Foundation
public import VerifyCore

/// What a Dockerfile rule checks: its identifier, default severity, one-line summary,
/// and examples that the test suite runs.
public struct RuleDescription: Sendable, Hashable, Identifiable {
    /// hadolint's ID where hadolint has the rule (`DL3008`), else BuildKit's check name
    /// (`UndefinedVar`), else verify's own name (`EndOfLifeBaseImage`).
    public var id: String
    /// Other names for the same check, such as BuildKit's `JSONArgsRecommended` for `DL3025`;
    /// ignoring or re-grading either name applies to the rule.
    public var aliases: [String]
    public var severity: Finding.Severity
    public var summary: String
    public var examples: [RuleExample]

    public init(id: String, aliases: [String] = [], severity: Finding.Severity, summary: String, examples: [RuleExample]) {
        self.id = id
        self.aliases = aliases
        self.severity = severity
        self.summary = summary
        self.examples = examples
    }

    /// Whether `name` (any case) is the rule's ID or one of its aliases.
    public func isNamed(_ name: String) -> Bool {
        ([id] + aliases).contains { $0.caseInsensitiveCompare(name) == .orderedSame }
    }
}

/// A Dockerfile that shows a rule at work: each line on which the rule must fire starts
/// with `↓`; an example without `↓` must not trigger the rule.
///
/// ```swift
/// RuleExample("FROM python:3.12-slim\n↓WORKDIR app")
/// ```
public struct RuleExample: Sendable, Hashable, CustomStringConvertible {
    /// The date examples are judged at, so that dated rules keep their examples' meaning.
    public static let referenceDate = Date(timeIntervalSince1970: 1_795_219_200)  // 2026-11-21

    public var dockerfile: String
    /// Python snippets of the same document, for the rules that look across snippets.
    public var python: [String]

    public init(_ dockerfile: String, python: [String] = []) {
        self.dockerfile = dockerfile
        self.python = python
    }

    /// The Dockerfile without the markers.
    public var code: String { dockerfile.replacingOccurrences(of: "↓", with: "") }

    /// 1-based lines of `code` on which the rule must fire.
    public var markedLines: [Int] {
        dockerfile.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { $0.element.contains("↓") }.map { $0.offset + 1 }
    }

    /// A Markdown document with the Python snippets and then the Dockerfile.
    public var markdown: String {
        (python.map { "```python\n\($0)\n```\n\n" } + ["```dockerfile\n\(code)\n```\n"]).joined()
    }

    public var description: String { dockerfile }
}
