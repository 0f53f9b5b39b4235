/// `ENV KEY value` sets one variable to the whole rest of the line, which surprises
/// anyone who adds a second pair; `KEY=value` is unambiguous.
struct LegacyKeyValueFormatRule: DockerfileRule {
    static let description = RuleDescription(
        id: "LegacyKeyValueFormat", severity: .warning,
        summary: "ENV or LABEL in the legacy `KEY value` form; write KEY=value.",
        examples: [
            RuleExample("FROM python:3.12-slim\n↓ENV PYTHONUNBUFFERED 1"),
            RuleExample("FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\nLABEL version=\"1.0\""),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        context.dockerfile.instructions.compactMap { instruction in
            guard ["ENV", "LABEL"].contains(instruction.keyword) else { return nil }
            let words = InstructionWords.split(instruction.arguments, escape: context.dockerfile.escapeCharacter)
            let (pairs, isLegacy) = InstructionWords.keyValuePairs(words)
            guard isLegacy, let pair = pairs.first else { return nil }
            return Violation(line: instruction.line, "\(instruction.keyword) \(pair.key) \(pair.value) uses the legacy form; write \(instruction.keyword) \(pair.key)=\(pair.value)")
        }
    }
}
