/// In shell form the process runs under `/bin/sh -c` as PID 1's child and never sees
/// SIGTERM, so `docker stop` waits and then kills it.
struct ShellFormCommandRule: DockerfileRule {
    static let description = RuleDescription(
        id: "DL3025", aliases: ["JSONArgsRecommended"], severity: .warning,
        summary: "Use JSON (exec form) for CMD and ENTRYPOINT so that signals reach the process.",
        examples: [
            RuleExample("FROM python:3.12-slim\n↓CMD python app.py"),
            RuleExample("FROM python:3.12-slim\n↓entrypoint gunicorn app:app"),
            RuleExample("FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]"),
            RuleExample("FROM python:3.12-slim\nENTRYPOINT ['python']"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        context.dockerfile.instructions.compactMap { instruction in
            guard ["CMD", "ENTRYPOINT"].contains(instruction.keyword), instruction.execForm == nil, !instruction.isInvalidExecForm else { return nil }
            let words = instruction.arguments.split(whereSeparator: \.isWhitespace).map { "\"\($0)\"" }
            return Violation(
                line: instruction.line, "\(instruction.keyword) in shell form: signals do not reach the process",
                notes: ["write \(instruction.keyword) [\(words.joined(separator: ", "))]"])
        }
    }
}
