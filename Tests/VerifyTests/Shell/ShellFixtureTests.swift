import Foundation
import Markdown
import Shell
import Testing
import VerifyCore

/// `Fixtures/shell.md`: each block reports exactly what its `# expect:` and `# needs:`
/// comments announce.
@Suite("Shell fixtures")
struct ShellFixtureTests {
    static let document: Document = {
        let path = Repository.fixtures.appendingPathComponent("shell.md").path
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return MarkdownParser().parse(text, path: "Fixtures/shell.md")
    }()

    static var blocks: [Snippet] { document.snippets.filter { $0.language.name == Language.shell.name } }

    @Test func theFixtureHasItsBlocks() {
        #expect(Self.blocks.count == 7)
    }

    @Test(arguments: 0..<7)
    func findingsAndRequirementsAreTheAnnouncedOnes(index: Int) throws {
        let snippet = try #require(Self.blocks.dropFirst(index).first)
        let checker = ShellSnippetChecker()
        let result = checker.check(snippet)
        if snippet.heading?.hasPrefix("Mis-tagged") == true {
            #expect(result.isMisTagged)
            #expect(result.findings.map { "\($0.rule)@\($0.line)" } == ["mis-tagged@\(snippet.line)"])
            return
        }
        #expect(!result.isMisTagged)
        let withShellcheck = checker.shellcheckPath != nil
        let expected = FixtureExpectations.expectations(in: snippet).filter { withShellcheck || !$0.hasPrefix("SC") }
        #expect(result.findings.map { "\($0.rule)@\($0.line)" }.sorted() == expected.sorted(), "block at line \(snippet.line)")
        let needs = FixtureExpectations.expectations(in: snippet, marker: "# needs:")
        #expect(result.commandRequirements.map { "\($0.kind.rawValue)@\($0.line)" }.sorted() == needs.sorted())
    }
}
