import Markdown
import Testing
import VerifyCore

/// Inputs the fuzzers in Fuzz/ found to crash, kept so they never do again.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// An info-string word that is only `=` (or starts with one) once trapped the
    /// directive reader on an empty split.
    @Test(arguments: ["```python =\nx = 1\n```\n", "```python =skip\nx = 1\n```\n", "``` py == =\n```\n"])
    func infoStringWordMadeOfEqualsSigns(_ markdown: String) {
        let document = MarkdownParser().parse(markdown, path: "fuzz.md")
        for snippet in document.snippets {
            #expect(DirectiveParser.directives(for: snippet).directives.isEmpty)
        }
    }
}
