/// Each `RUN` is a layer; consecutive ones can usually be one.
struct ConsecutiveRunRule: DockerfileRule {
    static let description = RuleDescription(
        id: "DL3059", severity: .info,
        summary: "Multiple consecutive RUN instructions; consider consolidation.",
        examples: [
            RuleExample("FROM debian:bookworm\nRUN mkdir /data\n↓RUN chmod 700 /data"),
            RuleExample("FROM debian:bookworm\nRUN mkdir /data\nWORKDIR /data\nRUN touch ready"),
            RuleExample("FROM debian:bookworm\nRUN --mount=type=cache,target=/var/cache/apt apt-get update\nRUN mkdir /data"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        zip(context.dockerfile.instructions, context.dockerfile.instructions.dropFirst()).compactMap { previous, current in
            guard previous.keyword == "RUN", current.keyword == "RUN", previous.stage == current.stage,
                previous.flags == current.flags
            else { return nil }
            return Violation(line: current.line, "RUN right after the RUN on line \(previous.line); join them with && to save a layer")
        }
    }
}
