import Markdown
import Testing
import VerifyCore

@Suite("Directives")
struct DirectiveTests {
    private func parse(_ markdown: String) -> (directives: [Directive], findings: [Finding]) {
        DirectiveParser.directives(for: MarkdownParser().parse(markdown, path: "a.md").snippets[0])
    }

    @Test func commentBeforeTheFence() {
        let (directives, findings) = parse("Text.\n\n<!-- verify: expect-error ZeroDivisionError -->\n```python\n1/0\n```\n")
        #expect(findings.isEmpty)
        #expect(directives == [Directive(name: .expectError, arguments: ["ZeroDivisionError"], line: 3)])
    }

    @Test func severalDirectivesInOneCommentAndOnSeveralLines() {
        let (directives, _) = parse("<!--\nverify: timeout 30; output unordered\nverify: context document\n-->\n```python\nx\n```\n")
        #expect(directives.map(\.name) == [.timeout, .output, .context])
        #expect(directives.map(\.line) == [2, 2, 3])
        #expect(directives.last(.timeout)?.arguments == ["30"])
    }

    @Test func wordsInTheInfoString() {
        let (directives, _) = parse("```python skip ignore=DL3008,DL3015\nx\n```\n")
        #expect(directives == [
            Directive(name: .skip, line: 1), Directive(name: .ignore, arguments: ["DL3008", "DL3015"], line: 1),
        ])
    }

    @Test func unknownDirectiveIsAnErrorAtItsLine() {
        let (directives, findings) = parse("<!-- verify: skipp -->\n```python\nx\n```\n")
        #expect(directives.isEmpty)
        #expect(findings.map(\.rule) == ["unknown-directive"])
        #expect(findings.first?.line == 1)
        #expect(findings.first?.severity == .error)
    }

    @Test func otherCommentsAreNotDirectives() {
        let (directives, findings) = parse("<!-- a note for editors -->\n```python\nx\n```\n")
        #expect(directives.isEmpty && findings.isEmpty)
    }
}
