/// A variable that no `ARG` or `ENV` in scope defines expands to nothing. The classic case:
/// an `ARG` before `FROM` is not visible inside the stage until the stage repeats `ARG NAME`.
struct UndefinedVarRule: DockerfileRule {
    static let description = RuleDescription(
        id: "UndefinedVar", severity: .warning,
        summary: "A variable used in an instruction that no ARG or ENV in scope defines.",
        examples: [
            RuleExample("ARG APP_HOME=/srv/app\nFROM python:3.12-slim\n↓WORKDIR $APP_HOME"),
            RuleExample("ARG APP_HOME=/srv/app\nFROM python:3.12-slim\nARG APP_HOME\nWORKDIR $APP_HOME\nENV PATH=/venv/bin:$PATH"),
            RuleExample("FROM python:3.12-slim\n↓COPY app.py ${DESTINATION}/\nCOPY app.py ${DESTINATION:-/app}/"),
            RuleExample("FROM python:3.12-slim\nRUN echo $SHELL_VARIABLES_ARE_THE_SHELLS_BUSINESS"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        context.dockerfile.instructions.compactMap { instruction in
            guard instruction.keyword != "FROM", !instruction.undefinedVariables.isEmpty else { return nil }
            let names = instruction.undefinedVariables.map { "$" + $0 }.joined(separator: ", ")
            var notes: [String] = []
            let global = instruction.undefinedVariables.filter { context.dockerfile.globalArguments.keys.contains($0) }
            if !global.isEmpty {
                notes.append("an ARG before FROM is only visible in a stage that declares it again: ARG \(global.joined(separator: " "))")
            }
            return Violation(line: instruction.line, "\(names) is not defined by any ARG or ENV in scope", notes: notes)
        }
    }
}
