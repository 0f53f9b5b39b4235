/// BuildKit's check: a relative `WORKDIR` before any absolute one in its stage resolves
/// against whatever the base image set, which may change under you.
struct WorkdirRelativePathRule: DockerfileRule {
    static let description = RuleDescription(
        id: "WorkdirRelativePath", severity: .warning,
        summary: "Relative WORKDIR without an absolute WORKDIR earlier in the stage.",
        examples: [
            RuleExample("FROM python:3.12-slim\n↓WORKDIR app"),
            RuleExample("FROM python:3.12-slim\nWORKDIR /srv\nWORKDIR app"),
            RuleExample("FROM python:3.12-slim AS build\nWORKDIR /srv\nFROM python:3.12-slim\n↓WORKDIR app"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        var absoluteIn: Set<Int> = []
        var violations: [Violation] = []
        for instruction in context.instructions("WORKDIR") {
            let stage = instruction.stage ?? -1
            let path = instruction.words.first?.value ?? instruction.arguments
            if AbsoluteWorkdirRule.isAbsolute(path) {
                absoluteIn.insert(stage)
            } else if !absoluteIn.contains(stage) {
                violations.append(Violation(
                    line: instruction.line,
                    "relative WORKDIR \(path) without an absolute WORKDIR earlier in this stage: it depends on the base image's working directory"))
            }
        }
        return violations
    }
}
