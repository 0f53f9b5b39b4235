/// In `a | b` the shell reports only `b`'s status, so a failing `a` passes the build.
struct PipefailRule: DockerfileRule {
    static let description = RuleDescription(
        id: "DL4006", severity: .warning,
        summary: "Set SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] before a RUN with a pipe.",
        examples: [
            RuleExample("FROM debian:bookworm\n↓RUN wget -qO- https://example.com/install.sh | bash"),
            RuleExample("FROM debian:bookworm\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -qO- https://example.com/install.sh | bash"),
            RuleExample("FROM debian:bookworm\nRUN set -o pipefail && wget -qO- https://example.com/install.sh | bash\nRUN test -f /a || echo missing"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        context.runs.compactMap { run in
            guard let piped = run.commands.first(where: \.isPiped), !hasPipefailShell(before: run.instruction, context),
                !run.commands.contains(where: { $0.program == "set" && $0.words.contains { $0.text == "pipefail" } })
            else { return nil }
            return Violation(line: piped.line ?? run.instruction.line, "RUN with a pipe and no pipefail: a failure before | does not fail the build")
        }
    }

    private static func hasPipefailShell(before run: Instruction, _ context: LintContext) -> Bool {
        let shell = context.instructions("SHELL").last { $0.stage == run.stage && $0.line < run.line }
        return shell?.execForm?.contains("pipefail") ?? false
    }
}
