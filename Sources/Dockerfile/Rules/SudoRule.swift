/// `sudo` in a build runs as root already and behaves unpredictably without a TTY.
struct SudoRule: DockerfileRule {
    static let description = RuleDescription(
        id: "DL3004", severity: .error,
        summary: "Do not use sudo: it has unpredictable TTY and signal behaviour; use USER to change users.",
        examples: [
            RuleExample("FROM debian:bookworm\n↓RUN sudo apt-get update"),
            RuleExample("FROM debian:bookworm\nRUN echo sudo is only a word here"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        context.runs.flatMap { run in
            run.commands.compactMap { command in
                command.words[..<command.invocation.startIndex].first { $0.text == "sudo" }.map { Violation(line: $0.line, "sudo in RUN; the build already runs as root, use USER to change users") }
            }
        }
    }
}
