import Foundation

/// `ENTRYPOINT ['python']` is not JSON (single quotes), so BuildKit silently takes it as
/// shell form and runs `/bin/sh -c "['python']"`, which fails when the container starts.
struct ExecFormInvalidJSONRule: DockerfileRule {
    static let description = RuleDescription(
        id: "ExecFormInvalidJSON", severity: .error,
        summary: "Arguments shaped like a JSON array that is not valid JSON: BuildKit runs them as a shell command.",
        examples: [
            RuleExample("FROM python:3.12-slim\n↓ENTRYPOINT ['python', 'app.py']"),
            RuleExample("FROM python:3.12-slim\n↓CMD [python, app.py]"),
            RuleExample("FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]"),
            RuleExample("FROM python:3.12-slim\nRUN [ -f /etc/os-release ] && echo found"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        context.dockerfile.instructions.filter(\.isInvalidExecForm).map { instruction in
            Violation(
                line: instruction.line,
                "\(instruction.keyword) arguments are not a valid JSON array, so they run as a shell command: \(instruction.arguments)",
                notes: ["use double quotes: \(instruction.keyword) \(suggestion(instruction.arguments))"])
        }
    }

    private static func suggestion(_ arguments: String) -> String {
        let inner = arguments.trimmingCharacters(in: .whitespaces).dropFirst().dropLast()
        let elements = inner.split(separator: ",").map { element in
            let trimmed = element.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "'\"“”‘’"))
            return "\"\(trimmed)\""
        }
        return "[\(elements.joined(separator: ", "))]"
    }
}
