/// An image without a tag is whatever `latest` points to on the day of the build.
struct UntaggedImageRule: DockerfileRule {
    static let description = RuleDescription(
        id: "DL3006", severity: .warning,
        summary: "Always tag the version of an image explicitly.",
        examples: [
            RuleExample("↓FROM python\nRUN echo hi"),
            RuleExample("FROM python:3.12-slim AS build\nFROM build\nCOPY --from=build /app /app"),
            RuleExample("FROM scratch"),
            RuleExample("FROM python@sha256:0b8b6c1e4a8f0e1bb5d6e1a3e9d51e4ea2c0e7f3e8c2f5e0b4b5f6a7c8d9e0f1"),
            RuleExample("ARG VERSION=3.12\n↓FROM python\nFROM python:${VERSION}-slim"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        context.dockerfile.stages.compactMap { stage in
            guard let image = stage.image, !image.isScratch, image.tag == nil, image.digest == nil else { return nil }
            return Violation(line: stage.line, "image \(image.text) has no tag; pin a version such as \(image.repository):<version>")
        }
    }
}
