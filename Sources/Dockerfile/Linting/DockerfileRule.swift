import Foundation
import VerifyCore

/// One check over a parsed Dockerfile. Each rule lives in its own file under `Rules/`,
/// with its examples, and is listed in `RuleRegistry`.
protocol DockerfileRule: Sendable {
    static var description: RuleDescription { get }
    static func check(_ context: LintContext) -> [Violation]
}

/// A place where a rule fires: a Markdown line and what is wrong there.
struct Violation {
    var line: Int
    var column: Int?
    var message: String
    var notes: [String]

    init(line: Int, column: Int? = nil, _ message: String, notes: [String] = []) {
        self.line = line
        self.column = column
        self.message = message
        self.notes = notes
    }
}

/// Everything a rule may look at: the parsed Dockerfile, its `RUN` commands, the other
/// snippets of the document, and the date dated rules are judged at.
struct LintContext {
    let dockerfile: ParsedDockerfile
    let snippet: Snippet
    let document: Document
    let today: Date
    /// Each `RUN` with the simple commands of its shell script (heredoc bodies included).
    let runs: [(instruction: Instruction, commands: [ShellCommand])]

    init(dockerfile: ParsedDockerfile, snippet: Snippet, document: Document, today: Date) {
        self.dockerfile = dockerfile
        self.snippet = snippet
        self.document = document
        self.today = today
        self.runs = dockerfile.instructions.filter { $0.keyword == "RUN" }.map { ($0, Self.commands(of: $0)) }
    }

    /// Instructions with this keyword, in order.
    func instructions(_ keyword: String) -> [Instruction] {
        dockerfile.instructions.filter { $0.keyword == keyword }
    }

    /// Every `apt-get install` in the `RUN`s.
    var aptInstalls: [PackageInstall] {
        runs.flatMap { $0.commands.compactMap { PackageInstall.apt($0) } }
    }

    /// Every `pip install` in the `RUN`s, with its `RUN`.
    var pipInstalls: [(run: Instruction, install: PackageInstall)] {
        runs.flatMap { run in run.commands.compactMap(PackageInstall.pip).map { (run.instruction, $0) } }
    }

    /// The stage an instruction belongs to.
    func stage(of instruction: Instruction) -> Stage? {
        instruction.stage.flatMap { dockerfile.stages.indices.contains($0) ? dockerfile.stages[$0] : nil }
    }

    /// The Python snippets of the document, in order.
    var pythonSnippets: [Snippet] {
        document.snippets.filter { $0.language.name == Language.python.name && $0.language.dialect == nil }
    }

    static let shells: Set<String> = ["sh", "bash", "ash", "dash", "zsh"]

    /// The simple commands a `RUN` executes.
    static func commands(of instruction: Instruction) -> [ShellCommand] {
        if let exec = instruction.execForm {
            if exec.count >= 3, let shell = exec.first?.split(separator: "/").last, shells.contains(String(shell)), exec[1] == "-c" {
                return ShellScript.commands(in: exec[2], segments: [LineSegment(offset: 0, line: instruction.line)])
            }
            let words = exec.map { ShellWord(text: $0, line: instruction.line) }
            return words.isEmpty ? [] : [ShellCommand(words: words, isPiped: false)]
        }
        var commands = ShellScript.commands(in: instruction.arguments, segments: instruction.segments)
        let runsBody = commands.first?.program.map { shells.contains($0) } ?? true
        if runsBody {
            for heredoc in instruction.heredocs {
                var text = ""
                var segments: [LineSegment] = []
                for line in heredoc.body {
                    segments.append(LineSegment(offset: text.count, line: line.line))
                    text += line.text + "\n"
                }
                commands += ShellScript.commands(in: text, segments: segments)
            }
        }
        return commands
    }
}
