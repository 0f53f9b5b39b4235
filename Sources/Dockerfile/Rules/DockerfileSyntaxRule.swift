/// What BuildKit refuses to parse: an unterminated heredoc, a bad or repeated parser
/// directive, an instruction without arguments.
struct DockerfileSyntaxRule: DockerfileRule {
    static let description = RuleDescription(
        id: "DockerfileSyntax", severity: .error,
        summary: "A parse error: unterminated heredoc, invalid escape directive, instruction without arguments.",
        examples: [
            RuleExample("FROM python:3.12-slim\n↓RUN <<EOF\necho never terminated"),
            RuleExample("↓# escape=/\nFROM python:3.12-slim"),
            RuleExample("FROM python:3.12-slim\n↓WORKDIR"),
            RuleExample("# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n    C:\\"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        context.dockerfile.syntaxErrors.map { Violation(line: $0.line, $0.message) }
    }
}
