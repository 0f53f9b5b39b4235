/// Before the first `FROM` only `ARG` (and comments, directives) may stand.
struct InstructionOrderRule: DockerfileRule {
    static let description = RuleDescription(
        id: "DL3061", severity: .error,
        summary: "Invalid instruction order: a Dockerfile must begin with FROM, ARG or a comment.",
        examples: [
            RuleExample("↓WORKDIR /app\nFROM python:3.12-slim"),
            RuleExample("# syntax=docker/dockerfile:1\nARG PYTHON=3.12\nFROM python:${PYTHON}-slim"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        guard let first = context.dockerfile.instructions.first(where: { $0.keyword != "ARG" }), first.keyword != "FROM",
            DockerfileParser.knownInstructions.contains(first.keyword)
        else { return [] }
        return [Violation(line: first.line, "\(first.keyword) before the first FROM; a Dockerfile must begin with FROM or ARG")]
    }
}
