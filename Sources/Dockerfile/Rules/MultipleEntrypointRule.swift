/// Only the last `ENTRYPOINT` of a stage takes effect.
struct MultipleEntrypointRule: DockerfileRule {
    static let description = RuleDescription(
        id: "DL4004", aliases: ["MultipleInstructionsDisallowed"], severity: .error,
        summary: "Multiple ENTRYPOINT instructions in one stage: only the last takes effect.",
        examples: [
            RuleExample("FROM python:3.12-slim\nENTRYPOINT [\"python\"]\n↓ENTRYPOINT [\"gunicorn\"]"),
            RuleExample("FROM python:3.12-slim\nENTRYPOINT [\"gunicorn\"]\nCMD [\"app:app\"]"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        repeated("ENTRYPOINT", context)
    }

    /// Every instruction with this keyword after the first in its stage.
    static func repeated(_ keyword: String, _ context: LintContext) -> [Violation] {
        var first: [Int: Int] = [:]
        return context.instructions(keyword).compactMap { instruction in
            let stage = instruction.stage ?? -1
            guard let earlier = first[stage] else {
                first[stage] = instruction.line
                return nil
            }
            return Violation(line: instruction.line, "another \(keyword) in this stage (first on line \(earlier)); only the last takes effect")
        }
    }
}
