/// Unpinned `apt-get install` installs whatever the mirror has on build day.
struct AptPinRule: DockerfileRule {
    static let description = RuleDescription(
        id: "DL3008", severity: .warning,
        summary: "Pin versions in apt-get install (package=version).",
        examples: [
            RuleExample("FROM debian:bookworm\nRUN apt-get update \\\n↓    && apt-get install -y --no-install-recommends curl git=1:2.39.2-1.1 \\\n    && rm -rf /var/lib/apt/lists/*"),
            RuleExample("FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 ./local.deb \\\n    && rm -rf /var/lib/apt/lists/*"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        context.aptInstalls.compactMap { install in
            let unpinned = install.packages.map(\.text).filter { !$0.contains("=") && !$0.hasSuffix(".deb") }
            guard !unpinned.isEmpty else { return nil }
            return Violation(line: install.line, "pin versions in apt-get install: \(unpinned.joined(separator: ", "))")
        }
    }
}
