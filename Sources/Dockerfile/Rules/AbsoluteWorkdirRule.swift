import Foundation

/// A relative `WORKDIR` depends on the directory the base image left behind.
struct AbsoluteWorkdirRule: DockerfileRule {
    static let description = RuleDescription(
        id: "DL3000", severity: .error,
        summary: "Use absolute WORKDIR.",
        examples: [
            RuleExample("FROM python:3.12-slim\n↓WORKDIR app"),
            RuleExample("FROM python:3.12-slim\nWORKDIR /app\nWORKDIR \"/srv/data\"\nARG HOME_DIR=/home/app\nWORKDIR $HOME_DIR"),
            RuleExample("# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        context.instructions("WORKDIR").compactMap { instruction in
            let path = instruction.arguments.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return isAbsolute(path) ? nil : Violation(line: instruction.line, "WORKDIR \(path) is relative; use an absolute path such as /\(path)")
        }
    }

    /// `/app`, `$DIR`, `C:\app`, `C:/app`.
    static func isAbsolute(_ path: String) -> Bool {
        let characters = Array(path)
        if path.hasPrefix("/") || path.hasPrefix("$") || path.isEmpty { return true }
        return characters.count >= 3 && characters[0].isLetter && characters[1] == ":" && (characters[2] == "\\" || characters[2] == "/")
    }
}
