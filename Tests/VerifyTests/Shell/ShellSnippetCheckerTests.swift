import Markdown
import Shell
import Testing
import VerifyCore

@Suite("Shell snippets")
struct ShellSnippetCheckerTests {
    static let hasShellcheck = ShellSnippetChecker.findShellcheck() != nil

    private func snippet(_ markdown: String) throws -> Snippet {
        try #require(MarkdownParser().parse(markdown, path: "a.md").snippets.first)
    }

    /// Each rule fires on exactly the lines its examples mark with `↓`.
    @Test(arguments: ShellSnippetChecker.rules.filter { !$0.examples.isEmpty })
    func ruleExamples(_ rule: ShellRuleDescription) throws {
        #expect(rule.examples.contains { $0.contains("↓") })
        for example in rule.examples {
            let code = example.replacingOccurrences(of: "↓", with: "")
            let marked = example.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .filter { $0.element.contains("↓") }.map { $0.offset + 1 }
            let block = try snippet("Text.\n\n```bash\n\(code)\n```\n")
            let fired = ShellSnippetChecker(shellcheckPath: nil).check(block).findings.filter { $0.rule == rule.id }
            #expect(fired.map(\.line) == marked.map(block.documentLine(forCodeLine:)), "\(rule.id) on \(code): \(fired)")
        }
    }

    @Test func promptsAreStrippedAndOutputLinesBlankedKeepingLineNumbers() {
        let transcript = ShellTranscript("$ pip install flask \\\n    gunicorn\nCollecting flask\n(venv) me@box:~/app$ echo hi\nhi\n> not a prompt here\n$")
        #expect(transcript.lines.map(\.text) == ["pip install flask \\", "    gunicorn", "", "echo hi", "", "", ""])
        #expect(transcript.lines.map(\.isOutput) == [false, false, true, false, true, true, false])
        #expect(transcript.lines[3].promptWidth == "(venv) me@box:~/app$ ".count)
        #expect(ShellTranscript("ls -la\necho $HOME").lines.map(\.text) == ["ls -la", "echo $HOME"])
    }

    @Test(arguments: [
        ("my_project/\n├── my_package/\n│   ├── __init__.py\n│   └── moduleA.py\n└── main.py", MisTaggedDetector.Content.directoryTree),
        ("app/\n|-- main.py\n`-- utils.py", .directoryTree),
        ("def add(a, b):\n    return a + b\nprint(add(1, 2))", .python),
        ("{\"name\": \"verify\", \"ok\": true}", .json),
        ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web", .yaml),
    ])
    func misTaggedContent(code: String, content: MisTaggedDetector.Content) {
        #expect(MisTaggedDetector.detect(code) == content)
    }

    @Test(arguments: [
        "python3 -m venv venv\nsource venv/bin/activate\npip install requests",
        "docker build -t my_app .\ndocker run -p 8000:8000 my_app",
        "import -window root screenshot.png",
        "kubectl get pods\nhelm install web ./chart",
    ])
    func shellIsNotMisTagged(code: String) {
        #expect(MisTaggedDetector.detect(code) == nil)
    }

    @Test func aMisTaggedBlockIsReportedAtItsFenceAndNotCheckedFurther() throws {
        let block = try snippet("Intro.\n\n- Example:\n  ```bash\n  src/\n  ├── a.py\n  └── b.py\n  ```\n")
        let result = ShellSnippetChecker().check(block)
        #expect(result.isMisTagged)
        #expect(result.findings.map(\.rule) == ["mis-tagged"])
        #expect(result.findings.first?.line == 4)
        #expect(result.findings.first?.message.contains("tag it text") == true)
    }

    @Test func commandsThatNeedDockerKubernetesOrTheNetwork() throws {
        let block = try snippet("```bash\n$ docker build -t app .\n$ sudo kubectl apply -f deploy.yaml && curl -s https://example.com | jq .\n$ PIP_INDEX_URL=x pip install -r requirements.txt\n$ echo done # curl in a comment\n$ ls\n```\n")
        let result = ShellSnippetChecker(shellcheckPath: nil).check(block)
        #expect(result.requirements == ["docker", "kubernetes", "network"])
        #expect(result.commandRequirements.map(\.command) == ["docker build", "kubectl apply", "curl", "pip install"])
        #expect(result.commandRequirements.map(\.line) == [2, 3, 3, 4])
    }

    @Test(.enabled(if: hasShellcheck))
    func shellcheckFindingsLandOnMarkdownLinesAndColumns() throws {
        let block = try snippet("# Title\n\n```console\n$ name=\"a b\"\nsome output\n$ ls $name\n```\n")
        let findings = ShellSnippetChecker().check(block).findings
        let quoting = try #require(findings.first { $0.rule == "SC2086" })
        #expect(quoting.line == 6)
        #expect(quoting.column == 6)
        #expect(quoting.severity == .info)
    }

    @Test(.enabled(if: hasShellcheck))
    func ownFindingsReplaceShellchecksForTheSameCharacterProblem() throws {
        let block = try snippet("```bash\necho “hello”\n```\n")
        let rules = ShellSnippetChecker().check(block).findings.map(\.rule)
        #expect(rules.contains("smart-quote"))
        #expect(!rules.contains { ["SC1110", "SC1111", "SC1112"].contains($0) })
    }

    @Test func withoutShellcheckOnlyVerifysOwnChecksRun() throws {
        let block = try snippet("```bash\nls $name\n```\n")
        #expect(ShellSnippetChecker(shellcheckPath: nil).check(block).findings.isEmpty)
        #expect(ShellSnippetChecker(shellcheckPath: "/nonexistent/shellcheck").check(block).findings.isEmpty)
    }

    /// Random shell-ish text never crashes the checks verify runs itself.
    @Test func randomInputNeverCrashes() {
        let pieces = ["$ ", "$", "> ", "\\", "\n", " ", "<", ">", "<<", "a", "-", "“", "’", "\u{00A0}", "C:\\", ".\\", "|", "&&", ";",
                      "#", "'", "\"", "├──", "│", "def ", "print(", "{", "}", "[", "]", ":", "docker", "kubectl", "pip install", "@", "%", "("]
        var generator = SplitMix64(seed: 0x5E11)
        let checker = ShellSnippetChecker(shellcheckPath: nil)
        for _ in 0..<1500 {
            let count = Int(generator.next() % 40)
            let text = (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            let document = MarkdownParser().parse("```bash\n\(text)\n```\n", path: "fuzz.md")
            for snippet in document.snippets {
                _ = checker.check(snippet)
            }
        }
    }
}
