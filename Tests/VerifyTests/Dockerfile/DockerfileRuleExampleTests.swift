import Dockerfile
import Markdown
import Testing
import VerifyCore

/// Runs every rule's examples: a rule fires on exactly the lines marked `↓`, and on no
/// line of an example without marks.
@Suite("Dockerfile rule examples")
struct DockerfileRuleExampleTests {
    static let linter = DockerfileLinter(today: RuleExample.referenceDate)

    @Test(arguments: DockerfileLinter.rules)
    func examples(_ rule: RuleDescription) {
        #expect(!rule.examples.isEmpty)
        #expect(rule.examples.contains { !$0.markedLines.isEmpty }, "\(rule.id) needs an example that triggers it")
        #expect(rule.examples.contains { $0.markedLines.isEmpty } || rule.examples.count > 1)
        for example in rule.examples {
            let document = MarkdownParser().parse(example.markdown, path: "example.md")
            guard let snippet = document.snippets.last else {
                Issue.record("no snippet in example \(example)")
                continue
            }
            let fired = Self.linter.lint(snippet, in: document).filter { $0.rule == rule.id }
            let expected = example.markedLines.map(snippet.documentLine(forCodeLine:))
            #expect(fired.map(\.line) == expected, "\(rule.id) on:\n\(example.code)\nfound: \(fired.map { "\($0.line): \($0.message)" })")
        }
    }

    @Test func ruleIDsAreUniqueAndEveryRuleHasASummary() {
        let names = DockerfileLinter.rules.flatMap { [$0.id] }
        #expect(Set(names).count == names.count)
        #expect(DockerfileLinter.rules.allSatisfy { !$0.summary.isEmpty })
    }

    @Test func suppressionsInsideTheDockerfile() throws {
        let markdown = "```dockerfile\n# check=skip=JSONArgsRecommended\nFROM debian:bookworm\n# hadolint ignore=DL3008,DL3015\nRUN apt-get install -y curl\nRUN apt-get install -y git\nUSER nobody\nCMD echo hi\n```\n"
        let document = MarkdownParser().parse(markdown, path: "a.md")
        let snippet = try #require(document.snippets.first)
        let findings = Self.linter.lint(snippet, in: document).map { "\($0.rule)@\($0.line)" }
        #expect(findings.sorted() == ["DL3008@6", "DL3015@6", "DL3059@6"])
    }
}
