import Dockerfile
import Markdown
import Testing
import VerifyCore

@Suite("Dockerfile parser")
struct DockerfileParserTests {
    private func parse(_ text: String) -> ParsedDockerfile {
        DockerfileParser().parse(text)
    }

    @Test func directivesOnlyAtTheTopAndTheEscapeCharacterChangesContinuations() {
        let dockerfile = parse("# syntax=docker/dockerfile:1\n# ESCAPE = `\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n    C:\\\n# escape=\\\nRUN echo done")
        #expect(dockerfile.directives.map(\.name) == ["syntax", "escape"])
        #expect(dockerfile.escapeCharacter == "`")
        #expect(dockerfile.instructions.map(\.keyword) == ["FROM", "RUN", "RUN"])
        #expect(dockerfile.instructions[1].arguments == "dir     C:\\")
        #expect(dockerfile.instructions[1].endLine == 5)
    }

    @Test func aDirectiveAfterACommentIsAComment() {
        let dockerfile = parse("# a comment\n# escape=`\nFROM python:3.12-slim")
        #expect(dockerfile.directives.isEmpty)
        #expect(dockerfile.escapeCharacter == "\\")
    }

    @Test func badAndRepeatedDirectivesAreSyntaxErrors() {
        let dockerfile = parse("# escape=x\n# escape=`\nFROM python:3.12-slim")
        #expect(dockerfile.syntaxErrors.map(\.line) == [1, 2])
    }

    @Test func continuationsJoinAsBuildKitJoinsThemWithoutTheirCommentLines() {
        let dockerfile = parse("FROM debian:bookworm\nRUN apt-get update \\\n    # refresh the lists first\n    && apt-get install -y curl \\   \n    && rm -rf /var/lib/apt/lists/*\nUSER nobody")
        let run = dockerfile.instructions[1]
        #expect(run.arguments == "apt-get update     && apt-get install -y curl     && rm -rf /var/lib/apt/lists/*")
        #expect(run.line == 2 && run.endLine == 5)
        let install = run.arguments.distance(from: run.arguments.startIndex, to: run.arguments.firstRange(of: "&& apt-get install")!.lowerBound)
        #expect(run.line(atArgumentOffset: install) == 4)
        #expect(dockerfile.instructions[2].line == 6)
        #expect(dockerfile.emptyContinuationLines.isEmpty)
    }

    @Test func anEmptyContinuationLineIsSkippedAndTheNextLineJoined() {
        let dockerfile = parse("FROM debian:bookworm\nRUN echo one \\\n\nRUN echo two")
        #expect(dockerfile.instructions.count == 2)
        #expect(dockerfile.instructions[1].arguments == "echo one RUN echo two")
        #expect(dockerfile.emptyContinuationLines.map(\.line) == [3])
        #expect(dockerfile.emptyContinuationLines.first?.joinedInstruction == "RUN echo two")
    }

    @Test func heredocsOnRunCopyAndAdd() {
        let text = "FROM python:3.12-slim\nRUN <<EOF\napt-get update\nEOF\nCOPY <<-\"CONF\" /etc/app.conf\n\tname=$APP\n\tCONF\nRUN python3 <<PY > /out\nprint(1)\nPY\nUSER app"
        let dockerfile = parse(text)
        #expect(dockerfile.instructions.map(\.keyword) == ["FROM", "RUN", "COPY", "RUN", "USER"])
        let run = dockerfile.instructions[1]
        #expect(run.heredocs.map(\.delimiter) == ["EOF"])
        #expect(run.heredocs.first?.body.map(\.text) == ["apt-get update"])
        #expect(run.heredocs.first?.body.map(\.line) == [3])
        #expect(run.endLine == 4)
        let copy = dockerfile.instructions[2]
        #expect(copy.heredocs.first?.stripsTabs == true)
        #expect(copy.heredocs.first?.isQuoted == true)
        #expect(copy.heredocs.first?.body.map(\.text) == ["name=$APP"])
        #expect(dockerfile.instructions[4].line == 11)
        #expect(dockerfile.syntaxErrors.isEmpty)
    }

    @Test func anUnterminatedHeredocIsASyntaxErrorAtItsInstruction() {
        let dockerfile = parse("FROM python:3.12-slim\nRUN <<EOF\necho hi\nEOS")
        #expect(dockerfile.syntaxErrors.map(\.line) == [2])
        #expect(dockerfile.instructions.count == 2)
    }

    @Test(arguments: [
        ("CMD [\"python\", \"app.py\"]", ["python", "app.py"], false),
        ("ENTRYPOINT ['python']", nil, true),
        ("CMD [python, app.py]", nil, true),
        ("CMD python app.py", nil, false),
        ("RUN [ -f /etc/hosts ] && echo yes", nil, false),
        ("RUN [ \"$A\" = \"b\" ]", nil, false),
    ] as [(String, [String]?, Bool)])
    func execFormAndTheInvalidJSONFallback(line: String, exec: [String]?, invalid: Bool) {
        let instruction = parse("FROM python:3.12-slim\n" + line).instructions[1]
        #expect(instruction.execForm == exec)
        #expect(instruction.isInvalidExecForm == invalid)
    }

    @Test func instructionNamesAreCaseInsensitiveAndUnknownOnesAreKept() {
        let dockerfile = parse("from python:3.12-slim\nRun echo hi\nCOPPY . /app")
        #expect(dockerfile.instructions.map(\.keyword) == ["FROM", "RUN", "COPPY"])
        #expect(dockerfile.instructions[1].writtenKeyword == "Run")
    }

    @Test func flagsAreSeparatedFromArguments() {
        let copy = parse("FROM python:3.12-slim\nCOPY --from=build --chown=app:app /src /dst").instructions[1]
        #expect(copy.flag("from") == "build")
        #expect(copy.flag("chown") == "app:app")
        #expect(copy.arguments == "/src /dst")
    }

    @Test func variableSubstitutionForms() {
        let text = "FROM python:3.12-slim\nARG A=one\nARG EMPTY=\nENV B=${A}-two\nWORKDIR /${A:-x}/${MISSING:-default}/${A:+set}/${EMPTY:-fallback}/${EMPTY-kept}/$B\nUSER '$A'"
        let dockerfile = parse(text)
        #expect(dockerfile.instructions[4].words.first?.value == "/one/default/set/fallback//one-two")
        #expect(dockerfile.instructions[4].undefinedVariables.isEmpty)
        #expect(dockerfile.instructions[5].words.first?.value == "$A")
    }

    @Test func globalArgumentsAreSeenByFromButNotInsideAStageUnlessDeclaredAgain() {
        let text = "ARG VERSION=3.12\nARG BASE\nFROM python:${VERSION}-slim AS build\nWORKDIR /opt/$VERSION\nFROM python:${VERSION}-slim\nARG VERSION\nWORKDIR /opt/$VERSION\nFROM $BASE"
        let dockerfile = parse(text)
        #expect(dockerfile.stages.map { $0.image?.text } == ["python:3.12-slim", "python:3.12-slim", nil])
        #expect(dockerfile.stages.map(\.name) == ["build", nil, nil])
        #expect(dockerfile.instructions[3].undefinedVariables == ["VERSION"])
        #expect(dockerfile.instructions[6].words.first?.value == "/opt/3.12")
        #expect(dockerfile.instructions[7].undefinedVariables.isEmpty)
        #expect(dockerfile.globalArguments.keys.sorted() == ["BASE", "VERSION"])
    }

    @Test func stagesBuiltFromEarlierStagesInheritTheirEnvironment() {
        let dockerfile = parse("FROM python:3.12-slim AS Base\nENV APP=/srv\nFROM base\nWORKDIR $APP")
        #expect(dockerfile.stages[1].parentStage == 0)
        #expect(dockerfile.stages[1].image == nil)
        #expect(dockerfile.instructions[3].words.first?.value == "/srv")
    }

    @Test func linesAreMarkdownLinesForAFenceIndentedInAListItem() throws {
        let markdown = "# Title\n\n- **Example**:\n  ```dockerfile\n  FROM python:3.9-slim\n  RUN pip install \\\n      flask\n  ```\n"
        let document = MarkdownParser().parse(markdown, path: "a.md")
        let snippet = try #require(document.snippets.first)
        let dockerfile = DockerfileParser().parse(snippet)
        #expect(dockerfile.instructions.map(\.line) == [5, 6])
        #expect(dockerfile.instructions[1].endLine == 7)
    }

    @Test func imageReferences() {
        let image = ImageReference("registry.example.com:5000/library/python:3.12-slim@sha256:abc")
        #expect(image.repository == "python")
        #expect(image.tag == "3.12-slim")
        #expect(image.digest == "sha256:abc")
        #expect(ImageReference("localhost:5000/app").tag == nil)
        #expect(ImageReference("bitnami/redis:7.2").repository == "bitnami/redis")
    }

    /// Random Dockerfile-ish text never crashes the parser or the rules.
    @Test func randomInputNeverCrashes() {
        let pieces = ["FROM", "RUN", "COPY", "<<EOF", "<<-", "EOF", "\\", "`", "\n", " ", "\t", "[", "]", "'", "\"", "$", "${", "}",
                      ":-", "#", "# escape=`", "ARG", "ENV", "=", "--mount=type=cache", "&&", "|", "apt-get", "install", "pip",
                      "USER", "WORKDIR", "CMD", "é", "\r", ":", "@", "uvicorn", "a:b", "-", "(", ")", "$(", "<", ">",
                      "import", ".", "from", " as ", ",", "requirements.txt", "-r", "def"]
        var generator = SplitMix64(seed: 0x5EED)
        let linter = DockerfileLinter()
        for _ in 0..<1500 {
            let count = Int(generator.next() % 40)
            let text = (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            let markdown = "```python\n\(text)\n```\n\n```dockerfile\n\(text)\n```\n"
            let document = MarkdownParser().parse(markdown, path: "fuzz.md")
            for snippet in document.snippets where snippet.language == .dockerfile {
                _ = linter.lint(snippet, in: document)
            }
        }
    }
}

/// A small deterministic random number generator, so that a failing input can be reproduced.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
