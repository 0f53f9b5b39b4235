import Markdown
@testable import Pipeline
import Testing

/// Worker paths in stderr, rewritten as the document's path and lines.
@Suite("Snippet path mapping")
struct SnippetPathMapperTests {
    static let scratch = "/tmp/my docs/verify-1-AB"
    static let worker = scratch + "/verify-worker-7-99/src/"

    private var mapper: SnippetPathMapper {
        let document = MarkdownParser().parse("# T\n\n```python\na = 1\nb = 2\n```\n", path: "guide.md")
        return SnippetPathMapper(
            snippets: ["guide_L3.py": document.snippets[0]], documentPath: "docs/guide.md", scratchDirectory: Self.scratch)
    }

    @Test(arguments: [
        (worker + "guide_L3.py:2: a note", "docs/guide.md:5: a note"),
        ("  File \"\(worker)guide_L3.py\", line 1, in <module>", "  File \"docs/guide.md\", line 4, in <module>"),
        ("a\n\(worker)guide_L3.py:1: W\n\(worker)guide_L3.py:2: W\n", "a\ndocs/guide.md:4: W\ndocs/guide.md:5: W\n"),
    ])
    func aKnownSnippetFileBecomesTheDocumentAndItsLine(_ text: String, _ mapped: String) {
        #expect(mapper.map(text) == mapped)
    }

    /// A warning raised while the snippet compiled, before its file was written, comes
    /// without its line; the line is quoted as Python quotes it, once.
    @Test(arguments: [
        (worker + "guide_L3.py:2: SyntaxWarning: x\n", "docs/guide.md:5: SyntaxWarning: x\n  b = 2\n"),
        (worker + "guide_L3.py:1: SyntaxWarning: x", "docs/guide.md:4: SyntaxWarning: x\n  a = 1\n"),
        (worker + "guide_L3.py:2: UserWarning: x\n  b = 2\n", "docs/guide.md:5: UserWarning: x\n  b = 2\n"),
        (worker + "guide_L3.py:2: note: x\n", "docs/guide.md:5: note: x\n"),
    ])
    func aWarningWithoutItsSourceLineGetsIt(_ text: String, _ mapped: String) {
        #expect(mapper.map(text) == mapped)
    }

    @Test(arguments: [
        worker + "other_L9.py:2: not a snippet of this run",
        "/home/me/src/guide_L3.py:2: a file of the same name outside a worker",
        worker + "guide_L3.py: no line after the name",
        worker + "guide_L3.pyc:2: another file",
        scratch + "/verify-worker-7-99/lib/src/guide_L3.py:2: not the worker's own src folder",
        "/tmp/other/verify-worker-7-99/src/guide_L3.py:2: another run's worker",
        "no path at all",
    ])
    func everythingElseStaysAsItIs(_ text: String) {
        #expect(mapper.map(text) == text)
    }
}
