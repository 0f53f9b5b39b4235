import Markdown
import Testing
import VerifyCore

@Suite("Extraction")
struct ExtractionTests {
    let parser = MarkdownParser()

    @Test func fencesInListItemsKeepTheirLinesAndLoseTheirIndentation() {
        let source = """
            # Title

            - **Example**:
              ```python
              x = 1
              print(x)
              ```
            - Next item
            """
        let snippet = parser.parse(source, path: "a.md").snippets[0]
        #expect(snippet.line == 4)
        #expect(snippet.endLine == 7)
        #expect(snippet.code == "x = 1\nprint(x)\n")
        #expect(snippet.fenceColumn == 3)
        #expect(snippet.paragraphBefore?.text == "Example:")
        #expect(snippet.heading == "Title")
    }

    @Test func fenceOpenedOnTheListMarkerLine() {
        let source = "1. ```python\n   print('hi')\n   ```\n"
        let snippet = parser.parse(source, path: "a.md").snippets[0]
        #expect(snippet.line == 1)
        #expect(snippet.endLine == 3)
        #expect(snippet.code == "print('hi')\n")
        #expect(snippet.isClosed)
    }

    @Test func fencesInBlockQuotes() {
        let source = "Intro\n\n> ```sql\n> SELECT 1;\n> ```\n"
        let snippet = parser.parse(source, path: "a.md").snippets[0]
        #expect(snippet.line == 3)
        #expect(snippet.endLine == 5)
        #expect(snippet.code == "SELECT 1;\n")
        #expect(snippet.language == .sql)
    }

    @Test func tildeFencesAndLongerBacktickFences() {
        let source = "~~~python\nprint(1)\n~~~\n\n````text\n```\nnested\n```\n````\n"
        let snippets = parser.parse(source, path: "a.md").snippets
        #expect(snippets.count == 2)
        #expect(snippets[0].language == .python)
        #expect(snippets[0].endLine == 3)
        #expect(snippets[1].line == 5)
        #expect(snippets[1].endLine == 9)
        #expect(snippets[1].code == "```\nnested\n```\n")
    }

    @Test func unclosedFenceIsAFindingAtItsLine() {
        let source = "# T\n\ntext\n\n```python\nprint(1)\nprint(2)\n"
        let document = parser.parse(source, path: "a.md")
        let snippet = document.snippets[0]
        #expect(!snippet.isClosed)
        #expect(snippet.line == 5)
        #expect(snippet.endLine == 7)
        #expect(document.findings.map(\.rule) == ["unclosed-fence"])
        #expect(document.findings.first?.line == 5)
    }

    @Test func unclosedFenceInsideAListItemEndsWithTheItem() {
        let source = "- item\n  ```python\n  x = 1\n\nAfter the list.\n"
        let document = parser.parse(source, path: "a.md")
        #expect(document.snippets.first?.isClosed == false)
        #expect(document.findings.first?.line == 2)
    }

    /// A line of fence characters closes a fence only where the fence's container has
    /// it, indented at most three spaces inside it.
    @Test(arguments: [
        ("```python\nprint(1)\n    ```\n", [false], [3]),
        ("- item\n\n  ```python\n  print(1)\n```\n\nafter\n", [false, false], [4, 7]),
        ("-\titem\n\n\t```python\n\tprint(1)\n\t```\n", [true], [5]),
        ("> ```python\n> print(1)\n>```\n", [true], [3]),
        ("- a\n\n    ```python\n    x = 1\n  ```\n", [true], [5]),
        ("- ```python\n  print(2)\n  ```\n", [true], [3]),
        ("1. one\n\n   > ```python\n   > print(3)\n   > ```\n", [true], [5]),
    ])
    func aClosingFenceMustStandInTheFencesContainer(source: String, closed: [Bool], endLines: [Int]) {
        let snippets = parser.parse(source, path: "a.md").snippets
        #expect(snippets.map(\.isClosed) == closed)
        #expect(snippets.map(\.endLine) == endLines)
    }

    /// Front matter is neither a heading nor a place for snippets; the lines after it
    /// keep their numbers.
    @Test func yamlFrontMatterIsLeftOut() {
        let source = "---\ntitle: Intro\ncode: |\n  ```python\n  print(0)\n  ```\n---\n\n# Real\n\n```python\nprint(1)\n```\n"
        let snippets = parser.parse(source, path: "a.md").snippets
        #expect(snippets.map(\.line) == [11])
        #expect(snippets.map(\.heading) == ["Real"])
    }

    /// Pandoc and R Markdown info strings: the language in braces, with a dot or not.
    @Test(arguments: ["{python}", "{.python}", "{.python .numberLines}", "{python echo=FALSE}", " {.python}"])
    func aLanguageInBracesIsTheLanguage(_ info: String) {
        let snippet = parser.parse("```\(info)\nprint(1)\n```\n", path: "a.md").snippets[0]
        #expect(snippet.language == .python)
        #expect(!snippet.languageDetected)
    }

    @Test func crlfLineEndingsKeepLineNumbers() {
        let source = "# T\r\n\r\n```python\r\nprint(1)\r\n```\r\n\r\n```sql\r\nSELECT 1;\r\n```\r\n"
        let snippets = parser.parse(source, path: "a.md").snippets
        #expect(snippets.map(\.line) == [3, 7])
        #expect(snippets.map(\.endLine) == [5, 9])
        #expect(snippets[0].code == "print(1)\n")
        #expect(snippets.allSatisfy { $0.isClosed })
    }

    @Test func tabsInsideListItems() {
        let source = "-\tItem\n\n\t```python\n\tprint(1)\n\t```\n"
        let snippet = parser.parse(source, path: "a.md").snippets[0]
        #expect(snippet.line == 3)
        #expect(snippet.code == "print(1)\n")
        #expect(snippet.isClosed)
    }

    @Test func byteOrderMarkIsIgnored() {
        let source = "\u{FEFF}```python\nprint(1)\n```\n"
        let snippet = parser.parse(source, path: "a.md").snippets[0]
        #expect(snippet.line == 1)
        #expect(snippet.language == .python)
    }

    @Test func infoStringAttributesAndHeadingPath() {
        let source = "# A\n## B\n### C\n\n```python skip title=x\npass\n```\n\n## D\n\n```\nplain\n```\n"
        let snippets = parser.parse(source, path: "a.md").snippets
        #expect(snippets[0].attributes == ["skip", "title=x"])
        #expect(snippets[0].headings.map(\.text) == ["A", "B", "C"])
        #expect(snippets[1].headings.map(\.text) == ["A", "D"])
        #expect(snippets[1].language == .text)
    }

    @Test func paragraphsBeforeAndAfterKeepInlineCode() {
        let source = "Intro **bold**\nsecond line with `code`:\n\n```python\nx = 1\n```\nThis produces `[0, 2]`.\n"
        let snippet = parser.parse(source, path: "a.md").snippets[0]
        #expect(snippet.paragraphBefore?.text == "Intro bold\nsecond line with `code`:")
        #expect(snippet.paragraphBefore?.line == 1)
        #expect(snippet.paragraphAfter?.text == "This produces `[0, 2]`.")
        #expect(snippet.paragraphAfter?.line == 7)
    }

    @Test func directiveCommentsBeforeTheFence() {
        let source = "Text.\n\n<!-- verify: skip -->\n```python\nx\n```\n"
        let snippet = parser.parse(source, path: "a.md").snippets[0]
        #expect(snippet.precedingComments.map(\.line) == [3])
        #expect(snippet.paragraphBefore?.text == "Text.")
    }

    @Test func indentedCodeBlocksAreNotSnippets() {
        let source = "Para\n\n    indented code\n\n```python\nx = 1\n```\n"
        #expect(parser.parse(source, path: "a.md").snippets.count == 1)
    }
}
