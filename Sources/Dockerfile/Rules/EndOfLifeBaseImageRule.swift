/// A base image whose Python, Node.js or distribution no longer gets security fixes.
/// Judged against the linter's `today`, so the same Dockerfile starts failing on the day
/// its release reaches end of life.
struct EndOfLifeBaseImageRule: DockerfileRule {
    static let description = RuleDescription(
        id: "EndOfLifeBaseImage", severity: .warning,
        summary: "The base image is built on a release past its end of life (Python, Node.js, Debian, Alpine, Ubuntu).",
        examples: [
            RuleExample("↓FROM python:3.9-slim\nCMD [\"python\"]"),
            RuleExample("↓FROM python:3.12-slim-bullseye AS build\n↓FROM node:18-alpine3.18\n↓FROM alpine:3.19"),
            RuleExample("FROM python:3.12-slim\nFROM node:22-bookworm-slim\nFROM alpine:3.22\nFROM python:3-slim"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        context.dockerfile.stages.compactMap { stage in
            guard let image = stage.image else { return nil }
            let ended = EndOfLifeTable.releases(in: image).filter { $0.date <= context.today }
            guard !ended.isEmpty else { return nil }
            let reasons = ended.map { "\($0.name) stopped receiving security fixes on \($0.endOfLife)" }
            let notes = ended.compactMap { EndOfLifeTable.oldestSupported(like: $0, on: context.today) }.map { "use \($0.name) or later" }
            return Violation(line: stage.line, "\(image.text) is end of life: \(reasons.joined(separator: "; "))", notes: notes)
        }
    }
}
