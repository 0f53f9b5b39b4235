/// An instruction BuildKit does not know stops the build. A line starting with `&&` or
/// `-` usually means the line before lacks its trailing `\`.
struct UnknownInstructionRule: DockerfileRule {
    static let description = RuleDescription(
        id: "UnknownInstruction", severity: .error,
        summary: "An instruction BuildKit does not know (a typo, or a line whose previous line lacks `\\`).",
        examples: [
            RuleExample("FROM python:3.12-slim\n↓RUNN pip install --no-cache-dir flask==3.0.0"),
            RuleExample("FROM debian:bookworm\nRUN apt-get update\n↓    && apt-get install -y curl"),
            RuleExample("from python:3.12-slim\nrun echo lower-case instructions are fine"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        var previous: Instruction?
        var violations: [Violation] = []
        for instruction in context.dockerfile.instructions {
            defer { previous = instruction }
            guard !DockerfileParser.knownInstructions.contains(instruction.keyword) else { continue }
            var notes: [String] = []
            if let suggestion = closestInstruction(to: instruction.keyword) {
                notes.append("did you mean \(suggestion)?")
            }
            if let previous, ["&&", "||", "|", "-", "--"].contains(where: instruction.writtenKeyword.hasPrefix) {
                notes.append("the \(previous.keyword) on line \(previous.line) probably needs a trailing \\ on the line before this one")
            }
            violations.append(Violation(line: instruction.line, "unknown instruction: \(instruction.writtenKeyword)", notes: notes))
        }
        return violations
    }

    /// The known instruction one edit away (a letter added, dropped, changed or swapped).
    static func closestInstruction(to word: String) -> String? {
        DockerfileParser.knownInstructions.sorted().first { isOneEditAway(Array(word), Array($0)) }
    }

    private static func isOneEditAway(_ a: [Character], _ b: [Character]) -> Bool {
        if a == b || abs(a.count - b.count) > 1 { return false }
        let prefix = zip(a, b).prefix { $0 == $1 }.count
        if a.count == b.count {
            let rest = a.count - prefix
            if rest == 1 { return true }
            return rest == 2 && a[prefix] == b[prefix + 1] && a[prefix + 1] == b[prefix]
                && a[(prefix + 2)...] == b[(prefix + 2)...]
        }
        let (long, short) = a.count > b.count ? (a, b) : (b, a)
        return long[(prefix + 1)...] == short[prefix...]
    }
}
