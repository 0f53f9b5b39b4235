/// `ARG` and `ENV` values are stored in the image's history and metadata for anyone who
/// pulls it; secrets belong in `RUN --mount=type=secret`.
struct SecretsUsedInArgOrEnvRule: DockerfileRule {
    static let description = RuleDescription(
        id: "SecretsUsedInArgOrEnv", severity: .warning,
        summary: "An ARG or ENV whose name says it holds a secret (password, token, key…).",
        examples: [
            RuleExample("FROM python:3.12-slim\n↓ARG GITHUB_TOKEN\n↓ENV DB_PASSWORD=changeme"),
            RuleExample("FROM python:3.12-slim\n↓ENV AWS_SECRET_ACCESS_KEY=x API_KEY=y\nRUN echo keys"),
            RuleExample("FROM python:3.12-slim\nENV PUBLIC_KEY=abc KEYBOARD=us TOKENIZERS_PARALLELISM=false"),
        ])

    /// BuildKit's words: a name part (between `_`) equal to one of these.
    static let secretWords: Set<String> = ["apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token"]

    static func check(_ context: LintContext) -> [Violation] {
        context.dockerfile.instructions.compactMap { instruction in
            guard ["ARG", "ENV"].contains(instruction.keyword) else { return nil }
            let words = InstructionWords.split(instruction.arguments, escape: context.dockerfile.escapeCharacter)
            let names = instruction.keyword == "ENV"
                ? InstructionWords.keyValuePairs(words).pairs.map(\.key)
                : words.map { String($0.prefix { $0 != "=" }) }
            let secrets = names.filter(isSecret)
            guard !secrets.isEmpty else { return nil }
            return Violation(
                line: instruction.line, "\(instruction.keyword) \(secrets.joined(separator: ", ")) may hold a secret, which stays in the image's history",
                notes: ["pass secrets with RUN --mount=type=secret,id=…"])
        }
    }

    static func isSecret(_ name: String) -> Bool {
        let parts = name.lowercased().split(separator: "_").map(String.init)
        return !parts.contains("public") && parts.contains(where: secretWords.contains)
    }
}
