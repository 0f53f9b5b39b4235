/// `MAINTAINER` is deprecated; a label carries the same information.
struct MaintainerRule: DockerfileRule {
    static let description = RuleDescription(
        id: "DL4000", aliases: ["MaintainerDeprecated"], severity: .error,
        summary: "MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors.",
        examples: [
            RuleExample("FROM python:3.12-slim\n↓MAINTAINER jane@example.com"),
            RuleExample("FROM python:3.12-slim\nLABEL org.opencontainers.image.authors=\"jane@example.com\""),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        context.instructions("MAINTAINER").map { instruction in
            Violation(line: instruction.line, "MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors=\"\(instruction.arguments)\"")
        }
    }
}
