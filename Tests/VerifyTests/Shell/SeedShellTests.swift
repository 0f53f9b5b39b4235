import Foundation
import Markdown
import Shell
import Testing
import VerifyCore

/// The shell blocks of the two seed documents.
@Suite("Seed shell blocks", .enabled(if: Repository.hasSeeds, "../shared/seeds is not present"))
struct SeedShellTests {
    private func shellSnippets(_ seed: String) throws -> (text: [Substring], snippets: [Snippet]) {
        let text = try String(contentsOf: Repository.seeds.appendingPathComponent(seed), encoding: .utf8)
        let snippets = MarkdownParser().parse(text, path: seed).snippets.filter { $0.language.name == Language.shell.name }
        return (text.split(separator: "\n", omittingEmptySubsequences: false), snippets)
    }

    @Test func theDirectoryTreeTaggedBashIsMisTaggedAtItsFenceAndNothingElseIs() throws {
        let (lines, snippets) = try shellSnippets("002_2666fa4965e823bf.txt")
        let checker = ShellSnippetChecker()
        let misTagged = snippets.filter { checker.check($0).isMisTagged }
        let tree = try #require(snippets.first { $0.code.contains("├──") })
        #expect(misTagged.map(\.line) == [tree.line])
        #expect(lines[tree.line - 1].contains("```bash"))
        let finding = try #require(checker.check(tree).findings.first)
        #expect(finding.rule == "mis-tagged" && finding.line == tree.line)
    }

    @Test(.enabled(if: ShellSnippetChecker.findShellcheck() != nil))
    func sourcingAFileThatExistsOnlyOnTheReadersMachineIsNotReported() throws {
        let (_, snippets) = try shellSnippets("002_2666fa4965e823bf.txt")
        let venv = try #require(snippets.first { $0.code.contains("source venv/bin/activate") })
        #expect(ShellSnippetChecker().check(venv).findings.isEmpty)
    }

    @Test(arguments: [
        ("000_51f08b2b9ee82190.txt", "kubectl scale deployment", "kubernetes"),
        ("002_2666fa4965e823bf.txt", "docker build -t my_app .", "docker"),
        ("002_2666fa4965e823bf.txt", "pip install requests", "network"),
    ])
    func requirementsAtTheCommandsLine(seed: String, command: String, requirement: String) throws {
        let (lines, snippets) = try shellSnippets(seed)
        let line = try #require(lines.firstIndex { $0.contains(command) }.map { $0 + 1 })
        let snippet = try #require(snippets.first { $0.line < line && line < $0.endLine })
        let result = ShellSnippetChecker(shellcheckPath: nil).check(snippet)
        #expect(result.requirements.contains(requirement))
        #expect(result.commandRequirements.contains { $0.kind.rawValue == requirement && $0.line == line })
    }
}
