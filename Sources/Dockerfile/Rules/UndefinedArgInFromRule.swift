/// `FROM` sees only the `ARG`s declared before the first `FROM`.
struct UndefinedArgInFromRule: DockerfileRule {
    static let description = RuleDescription(
        id: "UndefinedArgInFrom", severity: .warning,
        summary: "FROM uses a variable that no ARG before the first FROM declares.",
        examples: [
            RuleExample("↓FROM python:${PYTHON_VERSION}-slim"),
            RuleExample("ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION}-slim\nFROM --platform=$BUILDPLATFORM golang:1.23"),
            RuleExample("FROM python:3.12-slim\nARG PYTHON_VERSION=3.12\n↓FROM python:${PYTHON_VERSION}-alpine"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        context.instructions("FROM").compactMap { instruction in
            guard !instruction.undefinedVariables.isEmpty else { return nil }
            let names = instruction.undefinedVariables.map { "$" + $0 }.joined(separator: ", ")
            return Violation(
                line: instruction.line, "FROM uses \(names), which no ARG before the first FROM declares",
                notes: ["declare it at the top: ARG \(instruction.undefinedVariables.joined(separator: " "))"])
        }
    }
}
