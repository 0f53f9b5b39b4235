/// `cd` in a `RUN` lasts only for that `RUN`; `WORKDIR` says where the next ones run.
struct CdInRunRule: DockerfileRule {
    static let description = RuleDescription(
        id: "DL3003", severity: .warning,
        summary: "Use WORKDIR to switch to a directory.",
        examples: [
            RuleExample("FROM debian:bookworm\n↓RUN cd /usr/src/app && make"),
            RuleExample("FROM debian:bookworm\nRUN mkdir -p /build \\\n    && echo building \\\n↓    && cd /build && make"),
            RuleExample("FROM debian:bookworm\nWORKDIR /usr/src/app\nRUN make"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        context.runs.flatMap { run in
            run.commands.filter { $0.program == "cd" }.map { command in
                Violation(line: command.line ?? run.instruction.line, "cd in RUN; use WORKDIR to switch to a directory")
            }
        }
    }
}
