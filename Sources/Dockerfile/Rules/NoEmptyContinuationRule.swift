/// BuildKit skips an empty line inside a continuation and joins the next line to the
/// instruction, so a stray `\` before a blank line swallows the next instruction.
struct NoEmptyContinuationRule: DockerfileRule {
    static let description = RuleDescription(
        id: "NoEmptyContinuation", severity: .warning,
        summary: "An empty line inside a continuation: BuildKit joins the next line to the instruction.",
        examples: [
            RuleExample("FROM debian:bookworm\nRUN apt-get update && \\\n↓\n    apt-get install -y --no-install-recommends curl=7.88.1-10"),
            RuleExample("FROM python:3.12-slim\nRUN echo one \\\n↓\nRUN echo two"),
            RuleExample("FROM python:3.12-slim\nRUN echo one \\\n    # a comment line inside a continuation is fine\n    two"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        context.dockerfile.emptyContinuationLines.map { empty in
            guard let joined = empty.joinedInstruction else {
                return Violation(line: empty.line, "empty continuation line; remove it or the trailing \\ before it")
            }
            return Violation(
                line: empty.line, "empty continuation line: '\(joined)' is joined to the instruction above",
                notes: ["remove the trailing \\ on the line before the blank one"])
        }
    }
}
