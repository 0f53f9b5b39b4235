/// Only the last `CMD` of a stage takes effect.
struct MultipleCmdRule: DockerfileRule {
    static let description = RuleDescription(
        id: "DL4003", aliases: ["MultipleInstructionsDisallowed"], severity: .warning,
        summary: "Multiple CMD instructions in one stage: only the last takes effect.",
        examples: [
            RuleExample("FROM python:3.12-slim\nCMD [\"python\", \"a.py\"]\n↓CMD [\"python\", \"b.py\"]"),
            RuleExample("FROM python:3.12-slim AS test\nCMD [\"pytest\"]\nFROM python:3.12-slim\nCMD [\"python\", \"app.py\"]"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        MultipleEntrypointRule.repeated("CMD", context)
    }
}
