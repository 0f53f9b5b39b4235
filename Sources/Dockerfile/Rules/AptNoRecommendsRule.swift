import Foundation

/// Recommended packages make the image larger than it needs to be.
struct AptNoRecommendsRule: DockerfileRule {
    static let description = RuleDescription(
        id: "DL3015", severity: .info,
        summary: "Avoid additional packages by specifying --no-install-recommends.",
        examples: [
            RuleExample("FROM debian:bookworm\n↓RUN apt-get install -y curl=7.88.1-10"),
            RuleExample("FROM debian:bookworm\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10\nRUN apt-get install -y -o APT::Install-Recommends=false git=1:2.39.2-1.1"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        context.aptInstalls.compactMap { install in
            let avoids = install.hasOption("--no-install-recommends")
                || install.optionValues.contains { $0.value.lowercased().replacingOccurrences(of: " ", with: "") == "apt::install-recommends=false" }
            return avoids ? nil : Violation(line: install.line, "apt-get install without --no-install-recommends pulls in recommended packages")
        }
    }
}
