import Testing
import VerifyCore
import Markdown

@Suite("Languages")
struct LanguageTests {
    @Test(arguments: [
        ("python", "python", nil), ("py", "python", nil), ("Python3", "python", nil), ("pycon", "python", "pycon"),
        ("sql", "sql", nil), ("sqlite", "sql", "sqlite"), ("postgresql", "sql", "postgresql"), ("mysql", "sql", "mysql"),
        ("dockerfile", "dockerfile", nil), ("Docker", "dockerfile", nil),
        ("bash", "shell", nil), ("sh", "shell", nil), ("console", "shell", "console"), ("zsh", "shell", "zsh"),
        ("yaml", "yaml", nil), ("text", "text", nil),
    ] as [(String, String, String?)])
    func infoWordsAreNormalized(word: String, name: String, dialect: String?) {
        let language = Language.fromInfoWord(word)
        #expect(language?.name == name)
        #expect(language?.dialect == dialect)
    }

    @Test(arguments: [
        (">>> 1 + 1\n2\n", "python"),
        ("FROM python:3.11\nRUN pip install x\n", "dockerfile"),
        ("SELECT * FROM users;\n", "sql"),
        ("$ ls -la\n", "shell"),
        ("import os\nprint(os.getcwd())\n", "python"),
        ("project/\n├── main.py\n", "text"),
    ])
    func languageIsDetectedFromContent(code: String, expected: String) {
        let document = MarkdownParser().parse("```\n\(code)```\n", path: "a.md")
        #expect(document.snippets[0].language.name == expected)
        #expect(document.snippets[0].languageDetected)
    }
}
