/// Without `-y` apt-get waits for an answer the build never gives.
struct AptYesRule: DockerfileRule {
    static let description = RuleDescription(
        id: "DL3014", severity: .warning,
        summary: "Use the -y switch to avoid manual input: `apt-get -y install <package>`.",
        examples: [
            RuleExample("FROM debian:bookworm\n↓RUN apt-get install --no-install-recommends curl=7.88.1-10"),
            RuleExample("FROM debian:bookworm\nRUN apt-get -qq install --no-install-recommends curl=7.88.1-10\nRUN apt-get install --yes --no-install-recommends git=1:2.39.2-1.1"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        context.aptInstalls.compactMap { install in
            let answersYes = install.hasOption("--yes", "--assume-yes", "-q=2")
                || install.options.contains { !$0.hasPrefix("--") && ($0.contains("y") || $0 == "-qq") }
            return answersYes ? nil : Violation(line: install.line, "apt-get install without -y waits for confirmation; add -y")
        }
    }
}
