/// `:latest` moves: the same Dockerfile builds a different image next month.
struct LatestTagRule: DockerfileRule {
    static let description = RuleDescription(
        id: "DL3007", severity: .warning,
        summary: "Using latest is prone to errors if the image ever updates; pin a version.",
        examples: [
            RuleExample("↓FROM node:latest\nRUN node --version"),
            RuleExample("FROM node:22-bookworm-slim"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        context.dockerfile.stages.compactMap { stage in
            guard let image = stage.image, image.tag == "latest", image.digest == nil else { return nil }
            return Violation(line: stage.line, "image \(image.text) uses the latest tag; pin a version")
        }
    }
}
