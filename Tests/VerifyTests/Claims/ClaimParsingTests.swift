@testable import Claims
import Markdown
import Testing
import VerifyCore

@Suite("Claim parsing")
struct ClaimParsingTests {
    @Test(arguments: [
        ("99, because it references the same nested list", "99"),
        ("3 + 0 = 3", "3"),
        ("Output: 10", "10"),
        ("{'a': 1, 'b': 3, 'c': 4}", "{'a': 1, 'b': 3, 'c': 4}"),
        ("['Hello from child']", "['Hello from child']"),
        ("-> [1, 2]", "[1, 2]"),
        ("→ True", "True"),
        ("1, unaffected by the change", "1"),
        ("'a,b' (a string)", "'a,b'"),
        ("3.14159", "3.14159"),
        ("285", "285"),
        ("-3.5", "-3.5"),
        ("1_000", "1_000"),
        ("3.", "3"),
        ("2.5e3", "2.5e3"),
        ("1.2.3", "1.2.3"),
        ("None", "None"),
        ("<class 'int'>", "<class 'int'>"),
    ])
    func expectedValueOfATrailingComment(comment: String, expected: String) throws {
        let value = try #require(ExpectedValueParser.expectedValue(in: comment))
        #expect(value.value == expected)
        #expect(!value.tentative)
    }

    /// The check that a comment says its line works looks past leading whitespace of any
    /// kind, and a comment that starts with no letter (most value comments) never does.
    @Test func commentsSayingALineWorks() {
        #expect(CommentClaimExtractor.saysItWorks("works"))
        #expect(CommentClaimExtractor.saysItWorks("\tOK, no copy is made"))
        #expect(CommentClaimExtractor.saysItWorks("  \u{00A0}fine"))
        #expect(!CommentClaimExtractor.saysItWorks("99"))
        #expect(!CommentClaimExtractor.saysItWorks(" [1, 2]"))
        #expect(!CommentClaimExtractor.saysItWorks("not allowed"))
    }

    @Test(arguments: ["Hello, world!", "Done"])
    func plainWordsAreTentative(comment: String) throws {
        #expect(try #require(ExpectedValueParser.expectedValue(in: comment)).tentative)
    }

    @Test func commentsInsideStringsAreNotComments() {
        let lines = PythonSourceLines("""
            x = "a # b"  # real
            s = '''
            # not a comment
            '''
            y = 'it\\'s # still a string'
            """)
        #expect(lines[1]?.comment == " real")
        #expect(lines[1]?.code == "x = \"a # b\"")
        #expect(lines[3]?.comment == nil)
        #expect(lines[3]?.startsInString == true)
        #expect(lines[5]?.comment == nil)
    }

    @Test func nonASCIITextAroundStringsAndComments() {
        let lines = PythonSourceLines("""
            s = "naïve # café"  # élan → 3
            t = '''é'''  # ok
            print("日本")  # 日本
            """)
        #expect(lines[1]?.code == "s = \"naïve # café\"")
        #expect(lines[1]?.comment == " élan → 3")
        #expect(lines[2]?.comment == " ok")
        #expect(lines[2]?.startsInString == false)
        #expect(lines[3]?.code == "print(\"日本\")")
        #expect(lines[3]?.comment == " 日本")
    }

    @Test(arguments: [
        ("print(x)", PythonStatementShape.print),
        ("obj.display()", .expression),
        ("x = [1, 2]", .assignment(target: "x")),
        ("total += 1", .assignment(target: "total")),
        ("f(a=1)", .expression),
        ("x == 1", .expression),
        ("return x", .other),
        ("items[0] = 99", .other),
        ("print(", .other),
    ])
    func statementShapes(code: String, shape: PythonStatementShape) {
        #expect(PythonStatementShape(code) == shape)
    }

    private func claims(_ markdown: String) -> [Claim] {
        let document = MarkdownParser().parse(markdown, path: "a.md")
        return ClaimExtractor().claims(for: document.snippets[0], in: document)
    }

    @Test func everyCommentFormIsFoundOnItsLine() {
        let found = claims("""
            # Title

            ```python
            my_list = [1, 2]   # Can be modified
            my_tuple = (1, 2)  # Cannot be modified
            my_list.append(3)  # Allowed
            # my_tuple.append(4)   # Not allowed - raises AttributeError
            squares = [x * x for x in range(3)]
            # squares = [0, 1, 4]
            print(len(my_list))  # 3
            # Output:
            # 3
            ```
            """)
        #expect(found.map(\.line) == [4, 5, 6, 7, 9, 10, 12])
        #expect(found.map(\.kind) == [.raises, .raises, .raises, .raises, .value, .stdout, .stdout])
        #expect(found.map(\.check) == [
            .mutation(name: "my_list", mutable: true), .mutation(name: "my_tuple", mutable: false),
            .doesNotRaise(codeLine: 3), .raises(statement: "my_tuple.append(4)", exception: "AttributeError"),
            .variable(name: "squares"), .statementOutput(codeLine: 7, isPrint: true), .stdout,
        ])
    }

    @Test func commentsThatStateNothingAreNotClaims() {
        let found = claims("""
            ```python
            with open('f') as f:
                for line in f:
                    pass  # Process line by line
            # Then in main app:
            # app.register_blueprint(admin_bp, url_prefix='/admin')
            x = compute()  # the result
            return render(x)  # index.html can reference static files
            ```
            """)
        #expect(found.isEmpty)
    }

    @Test func outputFenceRightAfterAndAfterAnOutputLine() {
        let markdown = """
            ```python
            print(1)
            ```

            ```text
            1
            ```

            ```python
            print(2)
            ```

            Output:

            ```
            2
            ```

            ```python
            print(3)
            ```

            ```python
            print(4)
            ```
            """
        let document = MarkdownParser().parse(markdown, path: "a.md")
        let extractor = ClaimExtractor()
        #expect(extractor.claims(for: document.snippets[0], in: document).map(\.expected) == ["1"])
        #expect(extractor.claims(for: document.snippets[2], in: document).map(\.expected) == ["2"])
        #expect(extractor.claims(for: document.snippets[4], in: document).isEmpty)
        #expect(extractor.outputOwner(of: document.snippets[1], in: document)?.line == 1)
    }

    @Test func proseNeedsAResultVerbAndTheSnippetAsSubject() {
        let markdown = """
            Intro:

            ```python
            numbers = [x for x in range(10) if x % 2 == 0]
            ```
            This produces `[0, 2, 4, 6, 8]` by filtering. The path `/` returns a JSON response.
            `range()` returns `range(0, 3)` in Python 3.
            """
        let found = claims(markdown)
        #expect(found.map(\.expected) == ["[0, 2, 4, 6, 8]"])
        #expect(found.first?.line == 6)
        #expect(found.first?.kind == .prose)
    }

    @Test func doctestSessionsAreRecognized() {
        let pycon = MarkdownParser().parse("```pycon\n>>> 1 + 1\n2\n```\n", path: "a.md").snippets[0]
        let inPython = MarkdownParser().parse("```python\n>>> 1 + 1\n2\n```\n", path: "a.md").snippets[0]
        let plain = MarkdownParser().parse("```python\nx = 1\n```\n", path: "a.md").snippets[0]
        #expect(ClaimExtractor.isDoctestSession(pycon))
        #expect(ClaimExtractor.isDoctestSession(inPython))
        #expect(!ClaimExtractor.isDoctestSession(plain))
        func python(_ code: String) -> Bool {
            ClaimExtractor.isDoctestSession(MarkdownParser().parse("```python\n\(code)\n```\n", path: "a.md").snippets[0])
        }
        // A prompt after a line's spaces, alone or followed by a space, on any line.
        #expect(python("x = 1\n    >>> x\n1"))
        #expect(python("print(1)\n>>>"))
        #expect(python(">>>\n"))
        #expect(!python("x = '>>> not a prompt'"))
        #expect(!python(">>>x"))
        #expect(!python("# >>> commented"))
        #expect(!python("\t>>> tabbed"))
    }

    @Test func performanceStatementsAreRecognizedAtTheirLine() {
        let paragraph = Paragraph(
            line: 10, endLine: 11,
            text: "The GIL allows one thread at a time, limiting CPU-bound threads.\nGenerators use less memory than lists.")
        let found = PerformanceClaims.claims(in: paragraph)
        #expect(found.map(\.check) == [.performance(pattern: "threads-cpu-bound"), .performance(pattern: "generator-memory")])
        #expect(found.map(\.line) == [10, 11])
    }
}
