/// `COPY file .` without a `WORKDIR` copies into whatever directory the base image chose.
struct CopyRelativeDestinationRule: DockerfileRule {
    static let description = RuleDescription(
        id: "DL3045", severity: .warning,
        summary: "COPY to a relative destination without WORKDIR set.",
        examples: [
            RuleExample("FROM python:3.12-slim\n↓COPY requirements.txt ."),
            RuleExample("FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nCOPY . ./src/"),
            RuleExample("FROM python:3.12-slim AS base\nWORKDIR /app\nFROM base\nCOPY . ."),
            RuleExample("FROM python:3.12-slim\nCOPY app.py /app/\nCOPY <<EOF /etc/motd\nhello\nEOF"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        context.instructions("COPY").compactMap { instruction in
            guard let destination = instruction.words.last?.value, instruction.words.count >= 2 || !instruction.heredocs.isEmpty,
                !AbsoluteWorkdirRule.isAbsolute(destination), let stage = context.stage(of: instruction),
                !hasWorkdir(stage, before: instruction, context)
            else { return nil }
            return Violation(line: instruction.line, "COPY to the relative destination \(destination) without a WORKDIR in this stage")
        }
    }

    private static func hasWorkdir(_ stage: Stage, before instruction: Instruction, _ context: LintContext) -> Bool {
        if context.dockerfile.instructions(of: stage).contains(where: { $0.keyword == "WORKDIR" && $0.line < instruction.line }) {
            return true
        }
        guard let parent = stage.parentStage, context.dockerfile.stages.indices.contains(parent) else { return false }
        let parentStage = context.dockerfile.stages[parent]
        return parent < stage.index && hasWorkdir(parentStage, before: instruction, context)
    }
}
