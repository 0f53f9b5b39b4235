/// Each `RUN` is a layer; consecutive ones can usually be one. As in hadolint, a `RUN`
/// that chains several commands (`&&`, `|`) is taken as a deliberate step of its own,
/// `RUN`s with different flags (`--mount`) are left apart, and comments do not separate.
struct ConsecutiveRunRule: DockerfileRule {
    static let description = RuleDescription(
        id: "DL3059", severity: .info,
        summary: "Multiple consecutive RUN instructions of one command each; consider consolidation.",
        examples: [
            RuleExample("FROM debian:bookworm\nRUN mkdir /data\n↓RUN chmod 700 /data\n# a comment does not separate them\n↓RUN touch /data/ready"),
            RuleExample("FROM debian:bookworm\nRUN mkdir /data\nWORKDIR /data\nRUN touch ready"),
            RuleExample("FROM debian:bookworm\nRUN mkdir /data && chmod 700 /data\nRUN touch /data/ready"),
            RuleExample("FROM debian:bookworm\nRUN --mount=type=cache,target=/var/cache/apt apt-get update\nRUN mkdir /data"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        var previous: (instruction: Instruction, commands: Int)?
        var violations: [Violation] = []
        for instruction in context.dockerfile.instructions {
            guard instruction.keyword == "RUN" else {
                previous = nil
                continue
            }
            let commands = LintContext.commands(of: instruction).count
            if let earlier = previous, earlier.instruction.stage == instruction.stage, earlier.instruction.flags == instruction.flags,
                earlier.commands <= 1, commands <= 1
            {
                violations.append(Violation(line: instruction.line, "RUN right after the RUN on line \(earlier.instruction.line); join them with && to save a layer"))
            }
            previous = (instruction, commands)
        }
        return violations
    }
}
