import Markdown
import Testing
import VerifyCore

/// What the Markdown module gives SQL checking: the table after a block, whether a block
/// follows another directly, and every paragraph of the document.
@Suite("SQL extraction")
struct SQLExtractionTests {
    let parser = MarkdownParser()

    @Test func aTableRightAfterABlockIsItsExpectedOutput() throws {
        let source = """
            ```sql
            SELECT id, name FROM users;
            ```

            Result:

            | id | name |
            |----|------|
            | 1  | **Ada** |
            | 2  | `Bob` |
            """
        let snippet = parser.parse(source, path: "a.md").snippets[0]
        let table = try #require(snippet.tableAfter)
        #expect(table.line == 7)
        #expect(table.header == ["id", "name"])
        #expect(table.rows == [["1", "Ada"], ["2", "Bob"]])
    }

    @Test func aTableAfterOrdinaryProseOrAHeadingIsNotTheBlocksOutput() {
        let prose = "```sql\nSELECT 1;\n```\n\nThis is prose.\n\n| a |\n|---|\n| 1 |\n"
        #expect(parser.parse(prose, path: "a.md").snippets[0].tableAfter == nil)
        let heading = "```sql\nSELECT 1;\n```\n\n## Next\n\n| a |\n|---|\n| 1 |\n"
        #expect(parser.parse(heading, path: "a.md").snippets[0].tableAfter == nil)
    }

    @Test func aBlockRightAfterAnotherAdjoinsIt() {
        let source = """
            ```sql
            SELECT 1;
            ```

            Output:

            ```text
            1
            ```

            Some prose.

            ```text
            2
            ```
            """
        let snippets = parser.parse(source, path: "a.md").snippets
        #expect(snippets.map(\.adjoinsPrevious) == [false, true, false])
    }

    @Test func theDocumentKeepsEveryParagraphWithItsLine() {
        let source = "# T\n\nFirst `SELECT 1;`\nsecond line.\n\n- In a list: `CREATE INDEX i ON t (c);`\n"
        let paragraphs = parser.parse(source, path: "a.md").paragraphs
        #expect(paragraphs.map(\.line) == [3, 6])
        #expect(paragraphs[0].text == "First `SELECT 1;`\nsecond line.")
        #expect(paragraphs[1].text == "In a list: `CREATE INDEX i ON t (c);`")
    }
}
