import Dockerfile
import Foundation
import Markdown
import Testing
import VerifyCore

/// `Fixtures/dockerfiles.md`: every finding is one that a `# expect:` comment announces
/// for the line after it, and every announced finding is there.
@Suite("Dockerfile fixtures")
struct DockerfileFixtureTests {
    static let document: Document = {
        let path = Repository.fixtures.appendingPathComponent("dockerfiles.md").path
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return MarkdownParser().parse(text, path: "Fixtures/dockerfiles.md")
    }()

    static var dockerfiles: [Snippet] { document.snippets.filter { $0.language == .dockerfile } }

    @Test func theFixtureHasEveryKindOfBlock() {
        #expect(Self.dockerfiles.count == 8)
    }

    @Test(arguments: 0..<8)
    func findingsAreExactlyTheExpectedOnes(index: Int) throws {
        let snippet = try #require(Self.dockerfiles.dropFirst(index).first)
        let found = DockerfileLinter(today: RuleExample.referenceDate).lint(snippet, in: Self.document)
        let located = found.map { "\($0.rule)@\($0.line)" }
        #expect(located.sorted() == FixtureExpectations.expectations(in: snippet).sorted(), "block at line \(snippet.line)")
    }

    @Test func everyRuleFiresSomewhereInTheFixture() {
        let linter = DockerfileLinter(today: RuleExample.referenceDate)
        let fired = Set(Self.dockerfiles.flatMap { linter.lint($0, in: Self.document).map(\.rule) })
        let missing = DockerfileLinter.rules.map(\.id).filter { !fired.contains($0) }
        #expect(missing.isEmpty)
    }

    @Test func projectSettingsIgnoreAndRegradeRulesByIDOrAlias() throws {
        let snippet = try #require(Self.dockerfiles.first { $0.code.contains("NODE_MAJOR") })
        let findings = DockerfileLinter(
            today: RuleExample.referenceDate, severityOverrides: ["JSONArgsRecommended": .error],
            ignoredRules: ["DL3059", "secretsusedinargorenv"]
        ).lint(snippet, in: Self.document, ignoring: ["UndefinedVar"])
        #expect(!findings.contains { ["DL3059", "UndefinedVar", "SecretsUsedInArgOrEnv"].contains($0.rule) })
        #expect(findings.first { $0.rule == "DL3025" }?.severity == .error)
        #expect(findings.contains { $0.rule == "DL3003" })
    }

    @Test func theSnippetsIgnoreDirectiveApplies() throws {
        let snippet = try #require(Self.dockerfiles.first { $0.code.contains("RUNN") })
        #expect(!DockerfileLinter(today: RuleExample.referenceDate).lint(snippet, in: Self.document).contains { $0.rule == "DL3002" })
        var undirected = snippet
        undirected.precedingComments = []
        #expect(DockerfileLinter(today: RuleExample.referenceDate).lint(undirected, in: Self.document).contains { $0.rule == "DL3002" })
    }
}

/// Reads the `# expect: RULE …` and `# needs: KIND …` comments of a fixture block.
enum FixtureExpectations {
    static let markers = ["# expect:", "# needs:"]

    /// `name@line` for each name after `marker`, at the Markdown line of the next line that
    /// is not such a comment.
    static func expectations(in snippet: Snippet, marker: String = "# expect:") -> [String] {
        var expected: [String] = []
        var pending: [Substring] = []
        for (offset, line) in snippet.code.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = line.drop { $0.isWhitespace }
            if text.hasPrefix(marker) {
                pending += text.dropFirst(marker.count).split(separator: " ")
            } else if markers.contains(where: text.hasPrefix) {
                continue
            } else if !pending.isEmpty {
                expected += pending.map { "\($0)@\(snippet.documentLine(forCodeLine: offset + 1))" }
                pending = []
            }
        }
        return expected
    }
}
